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
    /// Known outlets: Arabic search form -> (Arabic as written, English).
    static let outlets: [String: (ar: String, en: String)] = {
        var table: [String: (String, String)] = [:]
        for line in String(decoding: PackageResources.outlets_tsv, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { continue }
            table[Normalization.search(String(fields[0]))] = (String(fields[0]), String(fields[1]))
        }
        return table
    }()

    /// "في تصريحات خاصة لـ «الدستور»", "في حديث خاص مع "عنب بلدي"": the quoted outlet.
    static let attribution = try! NSRegularExpression(
        pattern: "(?:تصريحات|تصريح|حديث|مقابلة|لقاء)\\s+(?:خاصة|خاص)\\s+(?:لـ|ل|مع|الى|إلى)\\s*[«\"“]([^»\"”\\n]{2,40})[»\"”]")

    /// The outlet: a Latin banner line the cleaner removed ("NORTH PULSE NETWORK NPN" ->
    /// North Pulse Network), else an attribution of the text to an outlet. nil when neither.
    public static func outlet(_ cleaned: CleanedText) -> Outlet? {
        if let banner = cleaned.removed.first(where: { $0.rule == "latin-banner" })?.line {
            return Outlet(ar: nil, en: bannerName(banner))
        }
        // Cheap tests first: the regular expression runs only on a line where an attribution
        // may be (one that says "خاص" and opens a quote), never on the whole text.
        for line in Lines.split(cleaned.text)
        where Lines.contains(line, bytes: "خاص")
            && (Lines.contains(line, bytes: "«") || Lines.contains(line, bytes: "\"") || Lines.contains(line, bytes: "“"))
        {
            let line = String(line)
            let range = NSRange(line.startIndex..., in: line)
            guard let match = attribution.firstMatch(in: line, range: range),
                let nameRange = Range(match.range(at: 1), in: line)
            else { continue }
            let name = line[nameRange].trimmingCharacters(in: .whitespaces)
            let known = outlets[Normalization.search(name)]
            return Outlet(ar: known?.ar ?? name, en: known?.en)
        }
        return nil
    }

    /// An outlet named by a format: Arabic or English by its script, the other from the table.
    static func named(_ name: String) -> Outlet {
        if name.unicodeScalars.contains(where: { (0x0600...0x06FF).contains($0.value) }) {
            return Outlet(ar: name, en: outlets[Normalization.search(name)]?.en)
        }
        let known = outlets.values.first { $0.en.lowercased() == name.lowercased() }
        return Outlet(ar: known?.ar, en: name)
    }

    /// "NORTH PULSE NETWORK NPN" -> "North Pulse Network": title case, without a last word
    /// that only repeats the initials of the others.
    static func bannerName(_ banner: String) -> String {
        var words = banner.split(separator: " ").map(String.init)
        if words.count > 2, let last = words.last, last == String(words.dropLast().compactMap(\.first)) { words.removeLast() }
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: " ")
    }

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
