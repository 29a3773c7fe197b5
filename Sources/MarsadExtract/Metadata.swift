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
        // Cheap test first: the regular expression runs only where an attribution may be.
        guard cleaned.text.contains("خاص") else { return nil }
        let range = NSRange(cleaned.text.startIndex..., in: cleaned.text)
        guard let match = attribution.firstMatch(in: cleaned.text, range: range),
              let nameRange = Range(match.range(at: 1), in: cleaned.text) else { return nil }
        let name = cleaned.text[nameRange].trimmingCharacters(in: .whitespaces)
        let known = outlets[Normalization.search(name)]
        return Outlet(ar: known?.ar ?? name, en: known?.en)
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
    /// the publication date.
    public static func published(_ cleaned: CleanedText) -> FoundDate? {
        for line in cleaned.removed where line.rule == "section-date" {
            if let date = Dates.find(in: line.line).first { return date }
        }
        let lines = cleaned.text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && $0 != cleaned.title }
        for line in lines.prefix(3) + lines.suffix(3) {
            let words = Normalization.words(Normalization.search(line))
            guard words.count <= 10, let date = Dates.find(in: line).first else { continue }
            let form = Normalization.search(line)
            let introduced = datelineWords.contains { form.hasPrefix($0) }
            let dateWords = date.precision == .day ? 3 : 2
            if introduced || dateWords * 2 >= words.count { return date }
        }
        return nil
    }
}
