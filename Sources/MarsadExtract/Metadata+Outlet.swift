import Foundation
import MarsadText

/// The outlet, from what the text says of itself: a banner, the outlet's name in the
/// dateline ("دبي، الإمارات (CNN)—"), a closing credit ("فرانس24/ أ ف ب"), its app or site
/// ("تطبيق بي بي سي عربي"), its correspondent ("مراسل قناة العربية"), what it learned or was
/// told ("وعلمت «الشرق الأوسط»", "قال مسؤولون لبي بي سي"), an attribution.
extension Metadata {
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

    /// The known outlets by their search form without spaces ("فرانس24" is "فرانس 24").
    static let outletsUnspaced: [String: (ar: String, en: String)] = {
        var table: [String: (ar: String, en: String)] = [:]
        for (key, value) in outlets { table[key.replacingOccurrences(of: " ", with: "")] = value }
        return table
    }()

    /// The first words of the known outlets' names.
    static let outletFirstWords: Set<String> = Set(outlets.keys.compactMap { $0.split(separator: " ").first.map(String.init) })

    /// "في تصريحات خاصة لـ «الدستور»", "في حديث خاص مع "عنب بلدي"": the quoted outlet.
    static let attribution = try! NSRegularExpression(
        pattern: "(?:تصريحات|تصريح|حديث|مقابلة|لقاء)\\s+(?:خاصة|خاص)\\s+(?:لـ|ل|مع|الى|إلى)\\s*[«\"“]([^»\"”\\n]{2,40})[»\"”]")

    /// "دبي، الإمارات العربية المتحدة (CNN)—": a Latin name in brackets early in a line.
    static let datelineName = try! NSRegularExpression(pattern: "^[^()\\n]{2,60}\\(([A-Za-z][A-Za-z0-9 .]{1,24})\\)\\s*[-–—]")

    /// News agencies: a dateline or a credit naming one says whose wire it is, not whose page.
    static let wires: Set<String> = ["afp", "reuters", "ap", "dpa", "ansa", "efe", "xinhua", "upi", "أ ف ب", "رويترز", "د ب أ", "ا ف ب"]

    /// Words before an outlet's name that make the text its own: its app or site, its
    /// correspondent or envoy, what it learned.
    static let selfCues = ["تطبيق", "موقع", "مراسل", "مراسله", "موفد", "موفده", "وعلمت", "علمت"].map(Normalization.search)
    /// Words between such a cue and the name: "مراسل قناة العربية", "موقع صحيفة …".
    static let mediumNouns = ["قناه", "صحيفه", "اذاعه", "جريده", "موقع", "شبكه", "تلفزيون"].map(Normalization.search)
    /// Words that cite another outlet: "حسب ما نشر موقع …", "نقلا عن قناة …".
    static let citing: Set<String> = Set(
        ["حسب", "بحسب", "وفق", "وفقا", "نقلا", "نقل", "نقلت", "نشر", "نشره", "نشرها", "نشرت", "ذكر", "ذكرت", "اورد", "اوردت", "عن"]
            .map(Normalization.search))
    /// Verbs of telling: "قال مسؤولون محليون لبي بي سي" is the outlet's own reporting.
    static let toldVerbs = ["قال", "قالت", "قالوا", "اكد", "اكدت", "اكدوا", "اضاف", "اضافت", "صرح", "صرحت", "اوضح", "اوضحت", "افاد", "افادت"]
        .map(Normalization.search)

    /// The outlet: a Latin banner line the cleaner removed ("NORTH PULSE NETWORK NPN" ->
    /// North Pulse Network), the name in the dateline, a closing credit, the text's own
    /// words about itself, else an attribution of the text to an outlet. nil when none.
    public static func outlet(_ cleaned: CleanedText) -> Outlet? {
        if let banner = cleaned.removed.first(where: { $0.rule == "latin-banner" })?.line {
            return Outlet(ar: nil, en: bannerName(banner))
        }
        let lines = Lines.split(cleaned.text).map(String.init)
        // The dateline of one of the first lines.
        for line in lines.prefix(3) where line.contains("(") {
            let range = NSRange(line.startIndex..., in: line)
            guard let match = datelineName.firstMatch(in: line, range: range), let nameRange = Range(match.range(at: 1), in: line) else {
                continue
            }
            let name = line[nameRange].trimmingCharacters(in: .whitespaces)
            guard !wires.contains(name.lowercased()) else { continue }
            let known = outlets.values.first { $0.en.lowercased() == name.lowercased() || $0.en.lowercased().hasPrefix(name.lowercased() + " ") }
            return Outlet(ar: known?.ar, en: known?.en ?? name)
        }
        // A closing credit: "فرانس24/ أ ف ب", "المصدر: الجزيرة".
        let removedLines = cleaned.removed.map(\.line)
        for line in (lines.suffix(3) + removedLines.suffix(3)).reversed() where line.contains("/") {
            let first = line.split(separator: "/").first.map(String.init) ?? ""
            guard Normalization.wordCount(Normalization.search(line)[...], limit: 9) <= 8 else { continue }
            let key = Normalization.search(first).replacingOccurrences(of: " ", with: "")
            if let known = outletsUnspaced[key] { return Outlet(ar: known.ar, en: known.en) }
        }
        // The text's own words about itself, in the body or in a promotion the cleaner took.
        for line in lines + removedLines {
            if let known = selfReference(in: Normalization.search(line)) { return Outlet(ar: known.ar, en: known.en) }
        }
        // Cheap tests first: the regular expression runs only on a line where an attribution
        // may be (one that says "خاص" and opens a quote), never on the whole text.
        for line in lines
        where line.contains("خاص") && (line.contains("«") || line.contains("\"") || line.contains("“")) {
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

    /// A known outlet the line names as itself: after a cue of its own ("تطبيق", "مراسل قناة",
    /// "وعلمت"), or told something ("قال مسؤولون لبي بي سي"). `form` is the line's search form.
    static func selfReference(in form: String) -> (ar: String, en: String)? {
        let words = form.split(separator: " ").map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "«»\"“”'()،,.:")) }
        for index in words.indices {
            // Only where an outlet's name may start: a look-up per word, not per phrase.
            let word = words[index]
            guard outletFirstWords.contains(word) || (word.hasPrefix("ل") && outletFirstWords.contains(String(word.dropFirst()))) else {
                continue
            }
            // The name may start right here ("لبي بي سي": the preposition joined to it).
            for length in (1...4).reversed() where index + length <= words.count {
                var name = words[index..<(index + length)].joined(separator: " ")
                var told = false
                if name.hasPrefix("ل"), outlets[name] == nil {
                    name.removeFirst()
                    told = true
                }
                guard let known = outlets[name] else { continue }
                // "حسب ما نشر موقع سكاي نيوز عربية": another outlet cited, not the text's own.
                if !told, words[max(0, index - 6)..<index].contains(where: { citing.contains($0) }) { continue }
                let before = words[max(0, index - 2)..<index]
                if !told, before.contains(where: { selfCues.contains($0) }) { return known }
                if !told, let last = before.last, mediumNouns.contains(last),
                    words[max(0, index - 3)..<(index - 1)].contains(where: { selfCues.contains($0) })
                {
                    return known
                }
                if told, words[max(0, index - 6)..<index].contains(where: { toldVerbs.contains($0.hasPrefix("و") ? String($0.dropFirst()) : $0) }) {
                    return known
                }
            }
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
}
