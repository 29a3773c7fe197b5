// MarsadExtract owns what is read out of an article's text: title, outlet, dates, places,
// actors, people, incidents (DESIGN §5). Pure: no I/O, no clock, no logging.
// So far: cleaning (boilerplate by rules, the headline), the display form and its edits;
// the extraction issue fills in places, actors, people and incidents.
import MarsadModel
import MarsadText

/// What marsad reads out of one article.
public struct ExtractedArticle: Sendable, Equatable {
    /// The headline, or nil when the text has none.
    public var title: String?
    /// The article text after cleaning, as shown to users and indexed.
    public var cleanText: String
    /// Lines the cleaner removed, in order, each with the rule that removed it.
    public var removedLines: [(line: String, rule: String)]
    /// What the de-obfuscator changed, with offsets into the cleaned text's source.
    public var edits: [TextEdit]
    public var outlet: Outlet?
    /// The publication date, with its precision; nil when the text does not say.
    public var published: FoundDate?
    /// Every absolute date the text mentions.
    public var dates: [FoundDate]
    /// The search form of `cleanText` and its words, made once for everything that reads
    /// them (dates, the full-text index).
    public var searchText: SearchText

    public init(
        title: String?, cleanText: String, removedLines: [(line: String, rule: String)] = [], edits: [TextEdit] = [],
        outlet: Outlet? = nil, published: FoundDate? = nil, dates: [FoundDate] = [], searchText: SearchText? = nil
    ) {
        self.title = title
        self.cleanText = cleanText
        self.removedLines = removedLines
        self.edits = edits
        self.outlet = outlet
        self.published = published
        self.dates = dates
        self.searchText = searchText ?? SearchText(cleanText)
    }

    public static func == (lhs: ExtractedArticle, rhs: ExtractedArticle) -> Bool {
        lhs.title == rhs.title && lhs.cleanText == rhs.cleanText && lhs.edits == rhs.edits && lhs.outlet == rhs.outlet
            && lhs.published == rhs.published && lhs.dates == rhs.dates
            && lhs.removedLines.map(\.line) == rhs.removedLines.map(\.line) && lhs.removedLines.map(\.rule) == rhs.removedLines.map(\.rule)
    }
}

public enum ArticleExtraction {
    /// Reads an article out of decoded plain text. Never fails: text that decoded is an article.
    public static func extract(from decoded: DecodedText) -> ExtractedArticle {
        extract(from: ArticleSource(format: .text, text: decoded.text))
    }

    /// Reads an article out of a parsed file (plain text, HTML or JSON). What the format
    /// states (og:site_name, article:published_time, JSON "source" and "published") wins
    /// over what the operator said of the drop folder (`folderOutlet`), which wins over what
    /// the text suggests. `learned`: keys of lines learned as boilerplate (`Cleaning.clean`).
    public static func extract(from source: ArticleSource, folderOutlet: String? = nil, learned: Set<String> = []) -> ExtractedArticle {
        let cleaned = Cleaning.clean(source.text, learned: learned)
        let searchText = SearchText(cleaned.text)
        let published = source.published.map { FoundDate(value: $0, precision: .day) } ?? Metadata.published(cleaned, searchText: searchText)
        return ExtractedArticle(
            title: cleaned.title, cleanText: cleaned.text, removedLines: cleaned.removed, edits: cleaned.edits,
            outlet: (source.outlet ?? folderOutlet).map(Metadata.named) ?? Metadata.outlet(cleaned), published: published,
            dates: Dates.find(in: searchText), searchText: searchText)
    }
}
