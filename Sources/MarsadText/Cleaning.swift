import Foundation
import MarsadModel

/// A boilerplate rule from `Resources/boilerplate.rules` (see the comments there).
public struct BoilerplateRule: Sendable {
    public enum Kind: String, Sendable {
        case line, prefix, regex, contains
    }
    public let name: String
    public let kind: Kind
    /// The rule applies only to lines of at most this many words; nil: any length.
    public let maxWords: Int?
    public let pattern: String
    let searchPattern: String
    let expression: NSRegularExpression?
    /// For `contains`: the parts that must all be in the line, each one of its alternatives.
    let parts: [[[UInt8]]]

    init?(_ line: Substring) {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 4, let kind = Kind(rawValue: String(fields[1])) else { return nil }
        if fields[2] == "*" {
            maxWords = nil
        } else if let number = Int(fields[2]), number >= 0 {
            maxWords = number
        } else {
            return nil
        }
        name = String(fields[0])
        self.kind = kind
        pattern = String(fields[3])
        searchPattern = Normalization.search(pattern)
        expression = kind == .regex ? try? NSRegularExpression(pattern: pattern) : nil
        if kind == .regex && expression == nil { return nil }
        parts =
            kind == .contains
            ? pattern.components(separatedBy: " & ").map { part in
                part.split(separator: "|").map { Array(Normalization.search(String($0)).trimmingCharacters(in: .whitespaces).utf8) }
            } : []
        if kind == .contains && parts.contains(where: \.isEmpty) { return nil }
    }

    /// Regex rules see only lines up to this length (UTF-16 units).
    static let regexMaxLength = 300

    /// Whether the rule removes `line`, whose search form is `searchForm` and which has
    /// `words` words (counted only up to one more than the largest limit of any rule).
    func matches(line: Substring, searchForm: Substring, words: Int) -> Bool {
        if let maxWords, words > maxWords { return false }
        switch kind {
        // Byte comparisons: search forms are folded already, no Unicode equivalence to apply.
        case .line: return searchForm.utf8.elementsEqual(searchPattern.utf8)
        case .prefix: return searchForm.utf8.starts(with: searchPattern.utf8)
        case .contains:
            return UTF8Bytes.with(searchForm) { bytes in
                parts.allSatisfy { alternatives in alternatives.contains { UTF8Bytes.contains(bytes, $0) } }
            }
        case .regex:
            // Boilerplate is short, and a regular expression costs ~0.3 ms on a long paragraph.
            guard line.utf16.count <= Self.regexMaxLength else { return false }
            let line = String(line)
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

    /// `learned`: the keys (`lineKey`) of lines learned as boilerplate from repetition in
    /// the article's outlet or drop folder; they go with the rule `repeatedLineRule`.
    public static func clean(_ text: String, rules: [BoilerplateRule] = rules, learned: Set<String> = []) -> CleanedText {
        // The search form of the whole text, once: de-obfuscation and folding keep line
        // breaks where they are, so its lines are the search forms of the text's lines.
        let searchForm = Normalization.search(text)
        let searchLines = Lines.split(searchForm)
        let lines = Lines.split(text)
        // Words are counted only as far as a rule's limit can tell: one past the largest.
        let wordCountLimit = (rules.compactMap(\.maxWords).max() ?? 0) + 1
        var kept: [(line: Substring, searchForm: Substring)] = []
        var removed: [(line: String, rule: String)] = []
        for (number, raw) in lines.enumerated() {
            let line = Lines.trimWhitespace(raw)
            guard !line.isEmpty else {
                kept.append(("", ""))
                continue
            }
            let lineForm = number < searchLines.count ? Lines.trimWhitespace(searchLines[number]) : Substring(Normalization.search(String(line)))
            let words = Normalization.wordCount(lineForm, limit: wordCountLimit)
            if let rule = rules.first(where: { $0.matches(line: line, searchForm: lineForm, words: words) }) {
                removed.append((String(line), rule.name))
            } else if !learned.isEmpty, learned.contains(lineKey(searchForm: lineForm)) {
                removed.append((String(line), repeatedLineRule))
            } else {
                kept.append((line, lineForm))
            }
        }
        // The headline: the first line, when it reads like one. Its repetitions go.
        var title: String?
        if let first = kept.firstIndex(where: { !$0.line.isEmpty }), isHeadline(kept[first].line, followedBy: kept[(first + 1)...].lazy.map(\.line)) {
            title = String(kept[first].line)
            let titleForm = kept[first].searchForm
            var index = first + 1
            while index < kept.count {
                if !kept[index].line.isEmpty && kept[index].searchForm.utf8.elementsEqual(titleForm.utf8) {
                    removed.append((String(kept[index].line), headlineRepeatRule))
                    kept.remove(at: index)
                } else {
                    index += 1
                }
            }
        }
        removed += removeRelatedStories(&kept)
        removed += removeOtherStoriesLeads(&kept, title: title)
        // Blank runs collapse to one blank line; none at the ends.
        var collapsed: [Substring] = []
        for (line, _) in kept where !(line.isEmpty && (collapsed.last?.isEmpty ?? true)) { collapsed.append(line) }
        while collapsed.last?.isEmpty == true { collapsed.removeLast() }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for (number, line) in collapsed.enumerated() {
            if number > 0 { output.append(0x0A) }
            UTF8Bytes.with(line) { output.append(contentsOf: $0) }
        }
        let display = Normalization.display(String(decoding: output, as: UTF8.self))
        return CleanedText(
            title: title.map { Normalization.display($0).text }, text: display.text,
            removed: removed, edits: display.edits)
    }

    /// The rule name of a related-stories list.
    public static let relatedStoriesRule = "related-stories"

    /// A related-stories list set in or after the body: two or more short lines in a row that
    /// do not end like a sentence ("ما هي خيارات تركيا في الصراع السوري؟"), right after a
    /// paragraph that does; or one such line of a headline's length ("تسلسل زمني لأبرز الهجمات
    /// على قوات الأمن في مصر") between two paragraphs: a subheading is shorter. Removed from
    /// `kept`; returned as removed lines.
    static func removeRelatedStories(_ kept: inout [(line: Substring, searchForm: Substring)]) -> [(line: String, rule: String)] {
        func words(_ form: Substring) -> Int { Normalization.wordCount(form, limit: 40) }
        func endsLikeSentence(_ line: Substring) -> Bool { line.last.map { ".!:؛…".contains($0) } ?? false }
        // Not an item of a list the body makes ("- واصف جليل", "1- المصادقة على …", "ملعب قابس :
        // 1500 متفرج"): a headline has words and no marker, and pairs no name with a number.
        func headlineLike(_ index: Int) -> Bool {
            let (line, form) = kept[index]
            let count = words(form)
            guard count >= 4 && count <= 16, !endsLikeSentence(line), let first = line.first else { return false }
            // An Arabic headline starts with a word or a quote, not a marker, figure or Latin name.
            if "-–—*•·▪◦(".contains(first) || first.isNumber || first.isASCII { return false }
            // A sentence carried on from the paragraph before ("وكان السؤال: …؟") is none.
            if let word = form.split(separator: " ").first, continuingWords.contains(String(word)) { return false }
            // "ملعب قابس : 1500 متفرج" and "النادي الصفاقسي * النجم : حكم" are items;
            // "الصومال: ارتفاع عدد القتلى إلى 358" is a headline.
            if line.contains(" * ") { return false }
            return !line.indices.contains { index in
                line[index] == ":" && line[line.index(after: index)...].first(where: { !$0.isWhitespace })?.isNumber == true
            }
        }
        // Lines that start with the same word are a list the body makes ("قرر المكتب …" twice),
        // headlines of other stories each start their own way.
        func parallel(_ run: [Int]) -> Bool {
            let firsts = run.compactMap { kept[$0].searchForm.split(separator: " ").first }
            return Set(firsts).count < firsts.count
        }
        func endsParagraph(_ index: Int) -> Bool {
            words(kept[index].searchForm) > 12 && kept[index].line.last.map({ ".!".contains($0) }) == true
        }
        var taken: [Int] = []
        var previous: Int?  // the last non-empty line before the run
        var run: [Int] = []
        func close(before next: Int?) {
            // After a paragraph that ends a sentence, not one that opens a list (":").
            if run.count <= 6, let previous, endsParagraph(previous) {
                if run.count >= 2, !parallel(run) {
                    taken += run
                } else if run.count == 1, words(kept[run[0]].searchForm) >= minimumSingleHeadlineWords, let next, endsParagraph(next) {
                    taken += run
                }
            }
            run = []
        }
        for index in kept.indices where !kept[index].line.isEmpty {
            if previous != nil, headlineLike(index) {
                run.append(index)
                continue
            }
            close(before: index)
            previous = index
        }
        close(before: nil)
        let lines = taken.map { (String(kept[$0].line), relatedStoriesRule) }
        for index in taken.reversed() { kept.remove(at: index) }
        return lines
    }

    /// Words that carry a sentence on and never start a headline (search form).
    static let continuingWords: Set<String> = ["وكان", "وكانت", "وقد", "ولكن", "لكن", "وفي", "وهو", "وهي", "ثم", "كما", "حيث", "اذ"]

    /// The fewest words of a lone related headline between paragraphs: subheadings
    /// ("تفاصيل العملية الأمنية في المدينة", "ردود الفعل") are shorter.
    static let minimumSingleHeadlineWords = 8

    /// A headline is short, does not end like a sentence, and has text after it.
    static func isHeadline(_ line: Substring, followedBy rest: some Sequence<Substring>) -> Bool {
        guard rest.contains(where: { !$0.isEmpty }) else { return false }
        // Words between white space, counted no further than one past the limit: the first
        // line of a text without line breaks is the whole text.
        var words = 0
        var inWord = false
        for scalar in line.unicodeScalars {
            if scalar.properties.isWhitespace {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
                if words > 30 { return false }
            }
        }
        guard words >= 2 else { return false }
        guard let last = line.unicodeScalars.last else { return false }
        return !".!?؟…:؛".unicodeScalars.contains(last)
    }
}
