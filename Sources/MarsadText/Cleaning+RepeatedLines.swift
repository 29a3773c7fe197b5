/// Boilerplate learned from what arrives: a line that recurs verbatim (in search form) in
/// several articles of the same outlet or drop folder is the site's, not the story's
/// ("تابعونا على تويتر", a signature, a standing notice). Counting is the store's
/// (`repeated_lines`); this is the pure part: which lines count, under which key, and
/// (`Cleaning.clean(_:learned:)`) their removal.
extension Cleaning {
    /// The rule name recorded for a line learned from repetition.
    public static let repeatedLineRule = "repeated-line"

    /// Longer lines are never learned: a paragraph an outlet repeats word for word is a
    /// standing background paragraph ("ويشن التحالف غارات منذ 2014 …"), which carries
    /// facts an analyst reads, not site furniture.
    public static let repeatedLineMaxWords = 25

    /// Shorter lines are never learned either: a label of one to three words that recurs is
    /// the structure of a kind of article ("المجموعة الأولى", "الترتيب :" in sport results),
    /// which its reader needs; the short furniture of sites ("شارك", "اقرأ أيضا") is the
    /// rules' (boilerplate.rules).
    public static let repeatedLineMinWords = 4

    /// The key a line is counted under: its words in search form, one space apart, so that
    /// diacritics, tatweel, letter variants and spacing do not make two copies differ.
    public static func lineKey(searchForm: Substring) -> String {
        Normalization.words(searchForm).joined(separator: " ")
    }

    /// The lines of an article's clean text that may be learned, once each: every line of
    /// `repeatedLineMinWords` to `repeatedLineMaxWords` words but the headline, with its key.
    public static func learnableLines(cleanText: String, title: String?) -> [(key: String, line: String)] {
        let titleKey = title.map { lineKey(searchForm: Substring(Normalization.search($0))) }
        var seen: Set<String> = []
        var lines: [(key: String, line: String)] = []
        for line in Lines.split(cleanText) {
            let trimmed = Lines.trimWhitespace(line)
            guard !trimmed.isEmpty else { continue }
            let form = Normalization.search(String(trimmed))
            let words = Normalization.wordCount(Substring(form), limit: repeatedLineMaxWords + 1)
            guard words >= repeatedLineMinWords && words <= repeatedLineMaxWords else { continue }
            let key = lineKey(searchForm: Substring(form))
            guard !key.isEmpty, key != titleKey, seen.insert(key).inserted else { continue }
            lines.append((key, String(trimmed)))
        }
        return lines
    }
}
