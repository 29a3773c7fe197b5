import Foundation

// Sets and tables of search-form words, compared and hashed by their UTF-8 bytes.
//
// Swift compares and hashes a String by canonical equivalence: for Arabic that means a
// normalization check at every lookup (a third of extraction's time in a burst, measured
// with perf: `_swift_stdlib_getNormData`, `_stringCompareFastUTF8Abnormal`). Search-form
// words are normalized already (letter forms folded, marks removed), so two of them are the
// same word exactly when their bytes are; and the rules' own words are written in that form.

/// A search-form word as a key: equal and hashed by its bytes.
struct WordKey: Hashable, Sendable {
    let word: String
    init(_ word: String) { self.word = word }

    static func == (lhs: WordKey, rhs: WordKey) -> Bool {
        var left = lhs.word
        var right = rhs.word
        return left.withUTF8 { a in
            right.withUTF8 { b in a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) }
        }
    }

    func hash(into hasher: inout Hasher) {
        var copy = word
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// A set of search-form words.
struct WordSet: ExpressibleByArrayLiteral, Sendable {
    private var keys: Set<WordKey>

    init(arrayLiteral words: String...) { keys = Set(words.map(WordKey.init)) }

    func contains(_ word: String) -> Bool { keys.contains(WordKey(word)) }
    @discardableResult
    mutating func insert(_ word: String) -> Bool { keys.insert(WordKey(word)).inserted }
}

/// A table keyed by search-form words.
struct WordMap<Value: Sendable>: ExpressibleByDictionaryLiteral, Sendable {
    private var table: [WordKey: Value]

    init() { table = [:] }
    init(dictionaryLiteral elements: (String, Value)...) {
        table = Dictionary(elements.map { (WordKey($0.0), $0.1) }, uniquingKeysWith: { first, _ in first })
    }

    subscript(word: String) -> Value? {
        get { table[WordKey(word)] }
        set { table[WordKey(word)] = newValue }
    }
    var values: Dictionary<WordKey, Value>.Values { table.values }
}

extension String {
    /// Whether the word starts with `prefix`, byte for byte (for search-form words: see above).
    func startsWith(word prefix: String) -> Bool { utf8.starts(with: prefix.utf8) }
    /// Whether the word ends with `suffix`, byte for byte.
    func endsWith(word suffix: String) -> Bool {
        let count = suffix.utf8.count
        return utf8.count >= count && utf8.suffix(count).elementsEqual(suffix.utf8)
    }
    /// Whether the word is ASCII digits only (an empty word is).
    var isASCIIDigits: Bool { utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    /// Whether the word is ASCII letters only (an empty word is).
    var isASCIILetters: Bool { utf8.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } }
}
