import MarsadModel

/// A user's search, parsed: words must all occur (in any of their forms); `OR`, `NOT` and
/// parentheses combine; `"a b"` is a phrase; `word*` a prefix. Rendered as an FTS5 MATCH
/// expression in which every term is quoted, so no user text is ever read as FTS5 syntax.
public struct SearchQuery: Sendable, Equatable {
    /// The FTS5 MATCH expression.
    public let match: String
    /// Terms to mark in snippets (not those under NOT).
    public let markedTerms: Set<String>
    /// Prefixes to mark in snippets.
    public let markedPrefixes: [String]

    /// Parses `text`, or throws `.badQuery` with what is wrong and where.
    public static func parse(_ text: String, analyzer: SearchAnalyzer) throws(StoreError) -> SearchQuery {
        var parser = Parser(tokens: try tokenize(text), analyzer: analyzer)
        guard !parser.tokens.isEmpty else { throw StoreError(.badQuery, "the search query is empty") }
        let match = try parser.expression()
        if parser.position < parser.tokens.count {
            throw StoreError(.badQuery, "unexpected \(parser.tokens[parser.position].shown) in the query; a \")\" too many?")
        }
        return SearchQuery(match: match, markedTerms: parser.marked, markedPrefixes: parser.prefixes)
    }

    enum Token: Equatable {
        case word(String, prefix: Bool)
        case phrase([String])
        case and, or, not, open, close

        var shown: String {
            switch self {
            case .word(let word, let prefix): return "\"\(word)\(prefix ? "*" : "")\""
            case .phrase(let words): return "\"\(words.joined(separator: " "))\""
            case .and: return "AND"
            case .or: return "OR"
            case .not: return "NOT"
            case .open: return "\"(\""
            case .close: return "\")\""
            }
        }
    }

    static func tokenize(_ text: String) throws(StoreError) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var inQuote = false
        var quoted = ""
        func flush() {
            guard !current.isEmpty else { return }
            switch current {
            case "AND": tokens.append(.and)
            case "OR": tokens.append(.or)
            case "NOT": tokens.append(.not)
            default:
                let prefix = current.hasSuffix("*")
                let word = prefix ? String(current.dropLast()) : current
                if !word.isEmpty { tokens.append(.word(word, prefix: prefix)) }
            }
            current = ""
        }
        for character in text {
            if inQuote {
                if character == "\"" || character == "”" || character == "“" {
                    inQuote = false
                    tokens.append(.phrase(quoted.split(whereSeparator: \.isWhitespace).map(String.init)))
                    quoted = ""
                } else {
                    quoted.append(character)
                }
                continue
            }
            switch character {
            case "\"", "“", "”":
                flush()
                inQuote = true
            case "(":
                flush()
                tokens.append(.open)
            case ")":
                flush()
                tokens.append(.close)
            case _ where character.isWhitespace:
                flush()
            default:
                current.append(character)
            }
        }
        if inQuote { throw StoreError(.badQuery, "the query has an unbalanced quote: close the phrase with \"") }
        flush()
        return tokens
    }

    struct Parser {
        let tokens: [Token]
        let analyzer: SearchAnalyzer
        var position = 0
        var marked: Set<String> = []
        var prefixes: [String] = []
        var negated = 0
        /// Parentheses open around the token in hand: bounded, since each level is a
        /// recursion and a query of 100,000 "(" would otherwise overflow the stack.
        var depth = 0
        static let maxDepth = 16
        /// Terms FTS5 looks up (each form of each word, each phrase, each prefix): a query
        /// of hundreds would hold the reader for minutes.
        var terms = 0
        static let maxTerms = 64
        /// Prefix terms, the costliest: FTS5 merges every indexed word that starts so.
        var prefixTerms = 0
        static let maxPrefixTerms = 4
        /// Letters a prefix needs: "ا*" names most of the index.
        static let minPrefixLength = 2

        mutating func count(_ added: Int, prefix: Bool = false) throws(StoreError) {
            terms += added
            guard terms <= Self.maxTerms else {
                throw StoreError(.badQuery, "the query has more than \(Self.maxTerms) search terms (each form of a word counts); use fewer words")
            }
            if prefix {
                prefixTerms += 1
                guard prefixTerms <= Self.maxPrefixTerms else {
                    throw StoreError(.badQuery, "the query has more than \(Self.maxPrefixTerms) prefix searches (word*); use fewer")
                }
            }
        }

        init(tokens: [Token], analyzer: SearchAnalyzer) {
            self.tokens = tokens
            self.analyzer = analyzer
        }

        var next: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func expression() throws(StoreError) -> String {
            var parts = [try conjunction()]
            while next == .or {
                position += 1
                guard next != nil, next != .close else { throw StoreError(.badQuery, "OR needs something after it") }
                parts.append(try conjunction())
            }
            return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " OR ") + ")"
        }

        mutating func conjunction() throws(StoreError) -> String {
            var parts = [try negation()]
            while let token = next, token != .or, token != .close {
                if token == .and {
                    position += 1
                    guard next != nil, next != .close, next != .or else { throw StoreError(.badQuery, "AND needs something after it") }
                }
                parts.append(try negation())
            }
            return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " AND ") + ")"
        }

        mutating func negation() throws(StoreError) -> String {
            var result = try primary()
            while next == .not {
                position += 1
                guard next != nil, next != .close else { throw StoreError(.badQuery, "NOT needs something after it") }
                negated += 1
                let excluded = try primary()
                negated -= 1
                result = "(" + result + " NOT " + excluded + ")"
            }
            return result
        }

        mutating func primary() throws(StoreError) -> String {
            guard let token = next else { throw StoreError(.badQuery, "the query ends where a word was expected") }
            position += 1
            switch token {
            case .open:
                depth += 1
                defer { depth -= 1 }
                guard depth <= Self.maxDepth else { throw StoreError(.badQuery, "the query nests parentheses deeper than \(Self.maxDepth)") }
                let inner = try expression()
                guard next == .close else { throw StoreError(.badQuery, "the query has an unbalanced \"(\"") }
                position += 1
                return inner
            case .close:
                throw StoreError(.badQuery, "the query has an unbalanced \")\"")
            case .and, .or, .not:
                throw StoreError(
                    .badQuery, "\(token.shown) needs a word before it; to search for the word itself, write it in lower case or in quotes")
            case .phrase(let words):
                let normalized = words.flatMap { analyzer.queryWords($0).map(\.word) }
                guard !normalized.isEmpty else { throw StoreError(.badQuery, "the phrase \(token.shown) has no word to search for") }
                try count(1)
                if negated == 0 { marked.formUnion(normalized) }
                // A phrase is matched on the words as written, in order.
                return "{index_title index_text} : \"" + normalized.joined(separator: " ") + "\""
            case .word(let raw, let prefix):
                let words = analyzer.queryWords(raw)
                guard !words.isEmpty else { throw StoreError(.badQuery, "\(token.shown) has no letter or digit to search for") }
                for (index, entry) in words.enumerated() {
                    let isPrefix = prefix && index == words.count - 1
                    if isPrefix && entry.word.count < Self.minPrefixLength {
                        throw StoreError(.badQuery, "the prefix \(token.shown) is too short: give at least \(Self.minPrefixLength) letters before *")
                    }
                    try count(isPrefix ? 1 : 1 + entry.variants.count, prefix: isPrefix)
                }
                let parts = words.enumerated().map { index, entry -> String in
                    let isPrefix = prefix && index == words.count - 1
                    if negated == 0 {
                        if isPrefix { prefixes.append(entry.word) } else { marked.formUnion([entry.word] + entry.variants) }
                    }
                    if isPrefix { return "\"\(entry.word)\"*" }
                    let forms = [entry.word] + entry.variants
                    return forms.count == 1 ? "\"\(entry.word)\"" : "(" + forms.map { "\"\($0)\"" }.joined(separator: " OR ") + ")"
                }
                return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " AND ") + ")"
            }
        }
    }
}

/// Marks the matched words of an article's text for a result line.
enum Snippet {
    /// Makes the snippets of one search's results, remembering which words match: the
    /// analyzer (the whole search-form pipeline) runs once per distinct word, not once per
    /// word of every result (most of a search's time at 100k articles).
    struct Maker {
        let query: SearchQuery
        let analyzer: SearchAnalyzer
        private var matching: [WordBytes: Bool] = [:]

        init(query: SearchQuery, analyzer: SearchAnalyzer) {
            self.query = query
            self.analyzer = analyzer
        }

        mutating func matches(_ word: Substring) -> Bool {
            let key = WordBytes(word)
            if let known = matching[key] { return known }
            let terms = analyzer.terms(String(word))
            let found =
                !terms.isDisjoint(with: query.markedTerms)
                || terms.contains { term in query.markedPrefixes.contains { term.hasPrefix($0) } }
            if matching.count < 50_000 { matching[key] = found }
            return found
        }

        /// The window of about `width` words with the most matches, matched words in [ ].
        mutating func make(_ text: String, width: Int = 14) -> String {
            Snippet.window(text, width: width) { matches($0) }
        }
    }

    /// A word of an article as a key, equal and hashed by its bytes: the analyzer sees the
    /// bytes, so two words with the same bytes match alike (String would compare them by
    /// canonical equivalence, slowly).
    struct WordBytes: Hashable {
        let word: Substring
        init(_ word: Substring) { self.word = word }
        static func == (lhs: WordBytes, rhs: WordBytes) -> Bool { lhs.word.utf8.elementsEqual(rhs.word.utf8) }
        func hash(into hasher: inout Hasher) {
            if word.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
                for byte in word.utf8 { hasher.combine(byte) }
            }
        }
    }

    /// The text's words: the runs between white-space scalars. On scalars, not Characters:
    /// splitting by Character cost a third of a search (a white space followed by a
    /// combining mark, which a Character would join, is too rare to matter in a snippet).
    static func words(_ text: String) -> [Substring] {
        var words: [Substring] = []
        let scalars = text.unicodeScalars
        var start: String.Index?
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let isSpace = scalar.isASCII ? scalar.value == 32 || (9...13).contains(scalar.value) : scalar.properties.isWhitespace
            if isSpace {
                if let first = start { words.append(text[first..<index]) }
                start = nil
            } else if start == nil {
                start = index
            }
            index = scalars.index(after: index)
        }
        if let first = start { words.append(text[first...]) }
        return words
    }

    static func window(_ text: String, width: Int, matching: (Substring) -> Bool) -> String {
        let words = words(text)
        guard !words.isEmpty else { return "" }
        let matches = words.map(matching)
        var bestStart = 0
        var bestCount = -1
        var count = matches.prefix(width).filter { $0 }.count
        for start in 0..<max(1, words.count - width + 1) {
            if start > 0 {
                if matches[start - 1] { count -= 1 }
                if start + width - 1 < words.count, matches[start + width - 1] { count += 1 }
            }
            if count > bestCount {
                bestCount = count
                bestStart = start
            }
        }
        // Start the window a little before the first match, when it can.
        if let first = matches[bestStart...].firstIndex(of: true) { bestStart = max(0, min(bestStart, first - 3)) }
        let end = min(words.count, bestStart + width)
        var pieces = (bestStart..<end).map { matches[$0] ? mark(words[$0]) : String(words[$0]) }
        if bestStart > 0 { pieces.insert("…", at: 0) }
        if end < words.count { pieces.append("…") }
        return pieces.joined(separator: " ").replacingOccurrences(of: "… ", with: "…").replacingOccurrences(of: " …", with: "…")
    }
}

extension Snippet {
    /// "“داعش”،" -> "“[داعش]”،": the brackets go around the word, not its punctuation.
    static func mark(_ token: Substring) -> String {
        let scalars = Array(token.unicodeScalars)
        let isWordScalar: (Unicode.Scalar) -> Bool = { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        guard let first = scalars.firstIndex(where: isWordScalar), let last = scalars.lastIndex(where: isWordScalar) else {
            return "[\(token)]"
        }
        let view = { (range: Range<Int>) in String(String.UnicodeScalarView(scalars[range])) }
        return view(0..<first) + "[" + view(first..<(last + 1)) + "]" + view((last + 1)..<scalars.count)
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
