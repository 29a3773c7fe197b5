import Foundation
import MarsadText

/// The outlet that published an article, in Arabic and/or English.
public struct Outlet: Sendable, Equatable {
    public var ar: String?
    public var en: String?

    public init(ar: String?, en: String?) {
        self.ar = ar
        self.en = en
    }
}

/// Who published an article and when (DESIGN §4 "Metadata"), read from its cleaned text.
public enum Metadata {
    static let datelineWords = ["نشر", "بتاريخ", "تاريخ النشر", "اخر تحديث", "published", "updated"].map(Normalization.search)

    /// The publication date: from a section-and-date line the cleaner removed, else from a
    /// dateline among the first and last lines (short, and mostly a date, or introduced by
    /// "نشر في", "بتاريخ", ...). A date inside a sentence of the article is history, never
    /// the publication date. `searchText` is the search form of `cleaned.text`.
    public static func published(_ cleaned: CleanedText, searchText: SearchText) -> FoundDate? {
        for line in cleaned.removed where line.rule == "section-date" {
            if let date = Dates.find(in: line.line).first { return date }
        }
        // The display form's lines and the search form's lines correspond one to one.
        let displayLines = Lines.split(cleaned.text)
        let searchLines = Lines.split(searchText.form)
        guard displayLines.count == searchLines.count else { return nil }
        let candidates = displayLines.indices.filter { !displayLines[$0].isEmpty && displayLines[$0] != cleaned.title?[...] }
        for number in candidates.prefix(3) + candidates.suffix(3) {
            let form = searchLines[number]
            guard Normalization.wordCount(form, limit: 11) <= 10 else { continue }
            let words = Normalization.words(form)
            guard let date = Dates.find(inWords: words).first else { continue }
            let introduced = datelineWords.contains { form.utf8.starts(with: $0.utf8) }
            let dateWords = date.precision == .day ? 3 : 2
            if introduced || dateWords * 2 >= words.count { return date }
        }
        return nil
    }
}
