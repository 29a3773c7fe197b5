import Foundation

/// A boilerplate rule from `Resources/boilerplate.rules` (see the comments there).
public struct BoilerplateRule: Sendable {
    public enum Kind: String, Sendable {
        case line, prefix, regex
    }
    public let name: String
    public let kind: Kind
    /// 0: any length.
    public let maxWords: Int
    public let pattern: String
    let searchPattern: String
    let expression: NSRegularExpression?

    init?(_ line: Substring) {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 4, let kind = Kind(rawValue: String(fields[1])), let maxWords = Int(fields[2]) else { return nil }
        name = String(fields[0])
        self.kind = kind
        self.maxWords = maxWords
        pattern = String(fields[3])
        searchPattern = Normalization.search(pattern)
        expression = kind == .regex ? try? NSRegularExpression(pattern: pattern) : nil
        if kind == .regex && expression == nil { return nil }
    }

    /// Regex rules see only lines up to this length (UTF-16 units).
    static let regexMaxLength = 300

    func matches(line: String, searchForm: String, words: Int) -> Bool {
        if maxWords > 0 && words > maxWords { return false }
        switch kind {
        case .line: return searchForm == searchPattern
        case .prefix: return searchForm.hasPrefix(searchPattern)
        case .regex:
            // Boilerplate is short, and a regular expression costs ~0.3 ms on a long paragraph.
            guard line.utf16.count <= Self.regexMaxLength else { return false }
            let range = NSRange(line.startIndex..., in: line)
            return expression!.firstMatch(in: line, options: [.anchored], range: range).map { $0.range == range } ?? false
        }
    }
}

/// Text after cleaning: what an analyst reads, and what was taken out and why.
public struct CleanedText: Sendable, Equatable {
    /// The headline, in display form; nil when the text has none.
    public var title: String?
    /// The article: boilerplate and repeated headlines removed, in display form
    /// (de-obfuscated, white space tidied, diacritics kept).
    public var text: String
    /// Every removed line as written, with the rule that removed it, in order.
    public var removed: [(line: String, rule: String)]
    /// Every de-obfuscation edit, with offsets into `text`'s source lines joined by "\n".
    public var edits: [TextEdit]

    public static func == (lhs: CleanedText, rhs: CleanedText) -> Bool {
        lhs.title == rhs.title && lhs.text == rhs.text && lhs.edits == rhs.edits
            && lhs.removed.map(\.line) == rhs.removed.map(\.line) && lhs.removed.map(\.rule) == rhs.removed.map(\.rule)
    }
}

/// Removes site boilerplate by the rules in `Resources/boilerplate.rules` (data, not code),
/// finds the headline and removes its repetitions, and turns the rest into the display form.
public enum Cleaning {
    /// The rules shipped in the binary.
    public static let rules: [BoilerplateRule] = parseRules(String(decoding: PackageResources.boilerplate_rules, as: UTF8.self))

    static func parseRules(_ text: String) -> [BoilerplateRule] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }.compactMap(BoilerplateRule.init)
    }

    /// The rule name recorded for a repeated headline.
    public static let headlineRepeatRule = "headline-repeat"

    public static func clean(_ text: String, rules: [BoilerplateRule] = rules) -> CleanedText {
        var kept: [String] = []
        var removed: [(line: String, rule: String)] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(Lines.trimWhitespace(raw))
            guard !line.isEmpty else {
                kept.append("")
                continue
            }
            let searchForm = Normalization.search(line)
            let words = Normalization.words(searchForm).count
            if let rule = rules.first(where: { $0.matches(line: line, searchForm: searchForm, words: words) }) {
                removed.append((line, rule.name))
            } else {
                kept.append(line)
            }
        }
        // The headline: the first line, when it reads like one. Its repetitions go.
        var title: String?
        if let first = kept.firstIndex(where: { !$0.isEmpty }), isHeadline(kept[first], followedBy: kept[(first + 1)...]) {
            title = kept[first]
            let titleForm = Normalization.search(kept[first])
            var index = first + 1
            while index < kept.count {
                if !kept[index].isEmpty && Normalization.search(kept[index]) == titleForm {
                    removed.append((kept[index], headlineRepeatRule))
                    kept.remove(at: index)
                } else {
                    index += 1
                }
            }
        }
        // Blank runs collapse to one blank line; none at the ends.
        var lines: [String] = []
        for line in kept where !(line.isEmpty && (lines.last?.isEmpty ?? true)) { lines.append(line) }
        while lines.last?.isEmpty == true { lines.removeLast() }
        let display = Normalization.display(lines.joined(separator: "\n"))
        return CleanedText(title: title.map { Normalization.display($0).text }, text: display.text,
                           removed: removed, edits: display.edits)
    }

    /// A headline is short, does not end like a sentence, and has text after it.
    static func isHeadline(_ line: String, followedBy rest: ArraySlice<String>) -> Bool {
        guard rest.contains(where: { !$0.isEmpty }) else { return false }
        let words = line.split(whereSeparator: \.isWhitespace).count
        guard (2...30).contains(words) else { return false }
        guard let last = line.unicodeScalars.last else { return false }
        return !".!?؟…:؛".unicodeScalars.contains(last)
    }
}
