// MarsadExtract owns what is read out of an article's text: title, outlet, dates, places,
// actors, people, incidents (DESIGN §5). Pure: no I/O, no clock, no logging.
// In this first form it only picks the title and the tidy text; the extraction issue fills
// in the rest, and the export contract already has a place for each finding.
import MarsadText

/// What marsad reads out of one article.
public struct ExtractedArticle: Sendable, Equatable {
    /// The headline, or nil when the text has none.
    public var title: String?
    /// The article text after cleaning, as shown to users and indexed.
    public var cleanText: String
    /// Lines the cleaner removed, in order (none yet: cleaning is the text issue's).
    public var removedLines: [String]

    public init(title: String?, cleanText: String, removedLines: [String] = []) {
        self.title = title
        self.cleanText = cleanText
        self.removedLines = removedLines
    }
}

public enum ArticleExtraction {
    /// Reads an article out of decoded text. Never fails: text that decoded is an article.
    public static func extract(from decoded: DecodedText) -> ExtractedArticle {
        let clean = Lines.tidy(decoded.text)
        return ExtractedArticle(title: Lines.firstNonEmpty(in: clean), cleanText: clean)
    }
}
