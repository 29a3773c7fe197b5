import Foundation
import MarsadText

/// A sentence of an article's clean text: where it is, and its words in search form.
public struct Sentence: Sendable, Equatable {
    /// Offsets in the clean text, in Unicode scalars (as edit offsets are).
    public var start: Int
    public var end: Int
    public var text: String
    /// The search-form words, joined words ("ديرالزور") split in two.
    var tokens: [String]
    /// Each token and what it may be without its proclitics (`Clitics.forms`), made once.
    var forms: [[Clitics.Form]] = []

    /// Splits clean text into sentences: at ". ! ? ؟ ؛" followed by white space or the end,
    /// and at line breaks. "د.محمد" and "3.5" stay whole (no space after the point).
    static func split(_ text: String) -> [Sentence] {
        var sentences: [Sentence] = []
        let scalars = Array(text.unicodeScalars)
        // Where each scalar starts in `text` (and its end): a sentence is cut out of the text
        // in one copy, not rebuilt scalar by scalar.
        let positions = Array(text.unicodeScalars.indices) + [text.endIndex]
        var start = 0
        func close(_ end: Int) {
            var first = start
            var last = end
            while first < last, scalars[first].properties.isWhitespace { first += 1 }
            while last > first, scalars[last - 1].properties.isWhitespace { last -= 1 }
            if last > first {
                let sentence = String(text.unicodeScalars[positions[first]..<positions[last]])
                let words = tokens(of: sentence)
                sentences.append(Sentence(start: first, end: last, text: sentence, tokens: words, forms: words.map(Clitics.forms)))
            }
            start = end
        }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" {
                close(index)
                start = index + 1
            } else if ".!?؟؛".unicodeScalars.contains(scalar),
                index + 1 == scalars.count || scalars[index + 1].properties.isWhitespace
                    || "»\"”)".unicodeScalars.contains(scalars[index + 1])
            {
                close(index + 1)
            }
            index += 1
        }
        close(scalars.count)
        return sentences
    }

    /// How many words a sentence's dateline takes ("دبي، الإمارات العربية المتحدة (CNN)— تبنى…",
    /// "بيروت (رويترز) - قال…"): where the report was filed, not a place of the news.
    static func datelineWords(_ text: String) -> Int {
        // Most sentences have no bracket near their start: no pattern to run.
        guard text.utf8.prefix(160).contains(UInt8(ascii: "(")),
            let range = text.range(of: #"^[^\n().!?؟]{2,60}\([^()\n]{2,30}\)\s*(—|–|--|-|:)"#, options: .regularExpression)
        else {
            return 0
        }
        return tokens(of: String(text[range])).count
    }

    /// The search-form words of a text, joined words split into their parts.
    static func tokens(of text: String) -> [String] {
        SearchText(text).words.flatMap { word -> [String] in
            let parts = Normalization.joinedWordParts(word)
            return parts.isEmpty ? [String(word)] : parts.map(String.init)
        }
    }
}

/// Ways a word may carry clitics in front of a name: "والرقة", "بريف", "لداعش", "للتحالف".
enum Clitics {
    static let conjunctions: Set<Unicode.Scalar> = ["و", "ف"]
    static let prepositions: Set<Unicode.Scalar> = ["ب", "ل", "ك"]

    struct Form: Sendable, Equatable {
        var form: String
        /// The proclitics taken off ("و", "ب", "ول"...).
        var prefix: String
        init(_ form: String, _ prefix: String) {
            self.form = form
            self.prefix = prefix
        }
    }

    /// The word and what it may be without its proclitics, the word itself first; each with
    /// the proclitics taken off.
    static func forms(of word: String) -> [Form] {
        // On scalars, not Characters: a search-form word has no combining marks, so each
        // letter is one scalar, and Character breaking costs a lot on Arabic.
        var forms: [Form] = [Form(word, "")]
        func add(_ rest: Substring.UnicodeScalarView, _ prefix: String) {
            guard rest.count >= 3 else { return }
            let form = String(Substring(rest))
            forms.append(Form(form, prefix))
            // "للتحالف" is ل + التحالف with the article's alef dropped.
            if rest.first == "ل", prefix.unicodeScalars.last == "ل", rest.count >= 4 { forms.append(Form("ا" + form, prefix)) }
        }
        var rest = Substring(word).unicodeScalars
        var prefix = ""
        if let first = rest.first, conjunctions.contains(first) {
            rest = rest.dropFirst()
            prefix.unicodeScalars.append(first)
            add(rest, prefix)
        }
        if let first = rest.first, prepositions.contains(first) {
            add(rest.dropFirst(), prefix + String(first))
        }
        return forms
    }
}

/// Names of several words, looked up by their search form, longest first.
struct PhraseTable<Value: Sendable>: Sendable {
    private(set) var entries = WordMap<Value>()
    private(set) var longest = 1
    /// The first words of the names: a token that is none of them starts no name.
    private(set) var firstWords: WordSet = []

    /// Adds a name; the first value given for a name stays.
    mutating func add(_ name: String, _ value: Value) {
        let words = Sentence.tokens(of: name)
        guard !words.isEmpty else { return }
        let key = words.joined(separator: " ")
        guard entries[key] == nil else { return }
        entries[key] = value
        longest = max(longest, words.count)
        firstWords.insert(words[0])
    }

    struct Match {
        var value: Value
        /// Tokens taken.
        var length: Int
        /// The proclitics taken off the first word ("و", "ب", "ول"...).
        var prefix: String
    }

    /// The longest name starting at `index` (`forms`: the tokens' `Clitics.forms`, when made already).
    func match(_ tokens: [String], at index: Int, forms: [[Clitics.Form]]? = nil) -> Match? {
        let candidates = (forms?[index] ?? Clitics.forms(of: tokens[index])).filter { firstWords.contains($0.form) }
        guard !candidates.isEmpty else { return nil }
        for length in stride(from: min(longest, tokens.count - index), through: 1, by: -1) {
            let rest = length == 1 ? "" : tokens[(index + 1)..<(index + length)].joined(separator: " ")
            for candidate in candidates {
                let key = length == 1 ? candidate.form : candidate.form + " " + rest
                if let value = entries[key] { return Match(value: value, length: length, prefix: candidate.prefix) }
            }
        }
        return nil
    }
}
