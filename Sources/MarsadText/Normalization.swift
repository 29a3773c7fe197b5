import MarsadModel

/// The two normal forms of Arabic text (DESIGN §4). One function each, used for indexing
/// and for queries alike, so that a query and the text it should find meet in one form.
public enum Normalization {
    /// The form shown to users: de-obfuscated, white space tidied (runs of spaces and tabs
    /// become one space, no-break and other spaces a plain space, line ends trimmed),
    /// original diacritics and letter forms kept.
    public static func display(_ text: String) -> (text: String, edits: [TextEdit]) {
        var (restored, edits) = Deobfuscation.restore(text)
        // Byte by byte: white space is ASCII or one of a few multi-byte scalars, and every
        // other byte is copied as it is.
        let tidied = restored.withUTF8 { bytes -> String in
            // Written straight into the string's storage: white space only ever shrinks.
            String(unsafeUninitializedCapacity: max(bytes.count, 1)) { output -> Int in
                var written = 0
                var pendingSpace = false
                var index = 0
                let count = bytes.count
                while index < count {
                    let byte = bytes[index]
                    if byte == 0x0A {
                        pendingSpace = false
                        output[written] = byte
                        written += 1
                        index += 1
                        continue
                    }
                    let spaceLength = whitespaceLength(bytes, at: index)
                    if spaceLength > 0 {
                        pendingSpace = true
                        index += spaceLength
                        continue
                    }
                    if pendingSpace && written > 0 && output[written - 1] != 0x0A {
                        output[written] = 0x20
                        written += 1
                    }
                    pendingSpace = false
                    output[written] = byte
                    written += 1
                    index += 1
                }
                return written
            }
        }
        return (tidied, edits)
    }

    /// The length in bytes of the white space scalar at `index` (Unicode's White_Space,
    /// without line feed and carriage return), or 0 when there is none.
    @inline(__always)
    static func whitespaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        switch byte {
        case 0x09, 0x0B, 0x0C, 0x20: return 1
        case 0xC2 where index + 1 < bytes.count:
            return bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0 ? 2 : 0  // U+0085, U+00A0
        case 0xE1 where index + 2 < bytes.count:
            return bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80 ? 3 : 0  // U+1680
        case 0xE2 where index + 2 < bytes.count:
            let second = bytes[index + 1]
            let third = bytes[index + 2]
            if second == 0x80 && (third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF) { return 3 }  // U+2000-200A, 2028, 2029, 202F
            return second == 0x81 && third == 0x9F ? 3 : 0  // U+205F
        case 0xE3 where index + 2 < bytes.count:
            return bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80 ? 3 : 0  // U+3000
        default: return 0
        }
    }

    /// The form search runs on: the display form without diacritics, tatweel and invisible
    /// marks; أ إ آ ٱ -> ا, ى -> ي, ة -> ه, ؤ ئ -> ء, Persian ک ی -> ك ي, Arabic-Indic and
    /// Persian digits -> ASCII, Latin letters lower-cased.
    public static func search(_ text: String) -> String {
        // Folded first; only a text that holds a disguise marker (tatweel, "|", a zero-width
        // character: most hold none) is restored, then folded again.
        if let folded = UTF8Bytes.with(text[...], { foldBytes($0, stopAtDisguise: true) }) { return folded }
        let restored = Deobfuscation.restore(text).text
        return UTF8Bytes.with(restored[...]) { foldBytes($0, stopAtDisguise: false) } ?? restored
    }

    /// `fold` of U+0600-06FF, by offset: the folded scalar's value, or 0 when it is dropped.
    static let arabicBlockFold: [UInt16] = (0x0600...0x06FF).map { value in
        Unicode.Scalar(UInt32(value)).flatMap(fold).map { UInt16($0.value) } ?? 0
    }

    /// The search form of valid UTF-8, folded byte by byte: ASCII and the Arabic block
    /// (two-byte UTF-8) directly, other scalars through `fold`. The same mapping as `fold`,
    /// many times faster. With `stopAtDisguise`, nil as soon as a disguise marker shows.
    static func foldBytes(_ bytes: UnsafeBufferPointer<UInt8>, stopAtDisguise: Bool) -> String? {
        let table = arabicBlockFold
        var disguised = false
        // Written straight into the string's storage: no folded scalar is longer than its source.
        let folded = String(unsafeUninitializedCapacity: max(bytes.count, 1)) { output -> Int in
            var written = 0
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if stopAtDisguise && byte == 0x7C {  // |
                        disguised = true
                        return 0
                    }
                    output[written] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                    written += 1
                    index += 1
                    continue
                }
                if byte >= 0xD8 && byte <= 0xDB && index + 1 < count {
                    let value = Int(byte & 0x1F) << 6 | Int(bytes[index + 1] & 0x3F)
                    if stopAtDisguise && value == 0x0640 {  // tatweel
                        disguised = true
                        return 0
                    }
                    let folded = table[value - 0x0600]
                    if folded >= 0x80 {
                        output[written] = UInt8(0xC0 | folded >> 6)
                        output[written + 1] = UInt8(0x80 | folded & 0x3F)
                        written += 2
                    } else if folded != 0 {
                        output[written] = UInt8(folded)
                        written += 1
                    }
                    index += 2
                    continue
                }
                let (value, length) = UTF8Bytes.scalar(bytes, at: index)
                index += length
                if stopAtDisguise && (value == 0x00AD || (0x200B...0x200D).contains(value) || value == 0x2060 || value == 0xFEFF) {
                    disguised = true
                    return 0
                }
                guard let scalar = Unicode.Scalar(value), let folded = fold(scalar) else { continue }
                UTF8.encode(folded) { byte in
                    output[written] = byte
                    written += 1
                }
            }
            return written
        }
        return disguised ? nil : folded
    }

    /// One scalar of the search form, or nil when it is dropped.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x0640: return nil  // tatweel
        case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4, 0x06E7, 0x06E8, 0x06EA...0x06ED:
            return nil  // diacritics
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0x061C, 0x00AD:
            return nil  // zero-width and direction marks
        case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673: return "\u{0627}"  // آ أ إ ٱ -> ا
        case 0x0649: return "\u{064A}"  // ى -> ي
        case 0x06CC, 0x06D0: return "\u{064A}"  // Persian yeh -> ي
        case 0x06A9: return "\u{0643}"  // Persian kaf -> ك
        case 0x0629: return "\u{0647}"  // ة -> ه
        case 0x0624, 0x0626: return "\u{0621}"  // ؤ ئ -> ء
        case 0x0660...0x0669: return Unicode.Scalar(scalar.value - 0x0660 + 0x30)  // ٠-٩
        case 0x06F0...0x06F9: return Unicode.Scalar(scalar.value - 0x06F0 + 0x30)  // ۰-۹
        case 0x0041...0x005A: return Unicode.Scalar(scalar.value + 0x20)  // A-Z
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return " "
        default: return scalar
        }
    }

    /// The words of search-form text: runs of letters and digits.
    public static func words(_ searchForm: String) -> [Substring] {
        words(searchForm[...])
    }

    /// The words of a part of a search-form text.
    public static func words(_ searchForm: Substring) -> [Substring] {
        UTF8Bytes.with(searchForm) { wordRanges($0) }.map { UTF8Bytes.slice(searchForm, from: $0.lowerBound, to: $0.upperBound) }
    }

    /// How many words a search-form text has, counting no further than `limit`.
    public static func wordCount(_ searchForm: Substring, limit: Int) -> Int {
        UTF8Bytes.with(searchForm) { wordRanges($0, limit: limit).count }
    }

    /// Where the words are in UTF-8 text, in bytes: runs of letters and digits, found on
    /// the bytes (grapheme breaking costs more than the whole split). At most `limit`.
    static func wordRanges(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = .max) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = -1
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            let isWord: Bool
            var length = 1
            if byte < 0x80 {
                isWord = (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte)
            } else if byte == 0xD8 || byte == 0xD9, index + 1 < count {
                // U+0600-067F: the Arabic letters, fast.
                let value = UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                isWord =
                    (0x0621...0x063A).contains(value) || (0x0641...0x064A).contains(value)
                    || (!(0x0600...0x064A).contains(value) && Unicode.Scalar(value).map(isWordScalar) ?? false)
                length = 2
            } else {
                let (value, scalarLength) = UTF8Bytes.scalar(bytes, at: index)
                length = scalarLength
                isWord = Unicode.Scalar(value).map(isWordScalar) ?? false
            }
            if isWord {
                if start < 0 { start = index }
            } else if start >= 0 {
                ranges.append(start..<index)
                start = -1
                if ranges.count >= limit { return ranges }
            }
            index += length
        }
        if start >= 0 { ranges.append(start..<count) }
        return ranges
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A, 0x41...0x5A, 0x0621...0x063A, 0x0641...0x064A: return true  // the common case, fast
        case 0...0x7F: return false
        default: return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }

    /// A word without its clitics (DESIGN §4): the article with its proclitics (وال بال
    /// فال كال لل ال), or a single proclitic و ف ب ل ك, when enough of a word remains. So
    /// "والرقه", "بالرقه" and "الرقه" all give "رقه", and "وتدمر" gives "تدمر". A word
    /// with nothing to strip is returned as it is.
    public static func stem(_ word: Substring) -> Substring {
        let strip = UTF8Bytes.with(word) { cliticLength($0, 0..<$0.count) }
        return strip == 0 ? word : UTF8Bytes.slice(word, from: strip, to: word.utf8.count)
    }

    /// The length in bytes of the clitics `stem` strips from the word at `range`; 0 for none.
    @inline(__always)
    static func cliticLength(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        // Every prefix is Arabic letters of two bytes each.
        guard range.count >= 6, bytes[range.lowerBound] == 0xD8 || bytes[range.lowerBound] == 0xD9 else { return 0 }
        let scalarCount = UTF8Bytes.scalarCount(UnsafeBufferPointer(rebasing: bytes[range]))
        for article in articlePrefixes where scalarCount - article.count / 2 >= 2 && bytes[range].starts(with: article) {
            return article.count
        }
        let first = bytes[range.lowerBound]
        let second = bytes[range.lowerBound + 1]
        if scalarCount >= 5, singleProclitics.contains(where: { $0.0 == first && $0.1 == second }) { return 2 }
        return 0
    }

    /// وال بال فال كال لل ال, in UTF-8.
    static let articlePrefixes: [[UInt8]] = ["وال", "بال", "فال", "كال", "لل", "ال"].map { Array($0.utf8) }
    /// و ف ب ل ك, in UTF-8.
    static let singleProclitics: [(UInt8, UInt8)] = ["و", "ف", "ب", "ل", "ك"].map {
        let bytes = Array($0.utf8)
        return (bytes[0], bytes[1])
    }

    /// A user's query text as words to look up, each with the variants it also matches:
    /// what the store's search analyzer asks of this module.
    public static func queryWords(_ raw: String) -> [(word: String, variants: [String])] {
        words(search(raw)).map { word in
            let forms = analyze(word)
            return (forms.word, forms.variants)
        }
    }

    /// The terms indexed for a text (and looked up for a query): each word in search form,
    /// then its other forms (stem, split parts).
    public static func searchTerms(_ text: String) -> [String] {
        words(search(text)).flatMap { word in [String(word)] + analyze(word).variants }
    }

    /// A search-form word and the other forms it is also found under.
    public struct WordForms: Sendable, Equatable {
        public var word: String
        /// The stem, and for a word written joined to a following "ال" word ("ديرالزور") the
        /// two parts and the second part's stem: "دير", "الزور", "زور". Never the word itself.
        public var variants: [String]
        /// The parts of a joined word ("دير", "الزور"), when it is one.
        public var parts: [String]
    }

    /// The two words a joined search-form word is made of ("ديرالزور" -> "دير", "الزور"), or none.
    public static func joinedWordParts(_ word: Substring) -> [Substring] {
        guard word.utf8.count >= 16 else { return [] }
        guard let split = UTF8Bytes.with(word, { joinedSplit($0, 0..<$0.count) }) else { return [] }
        return [UTF8Bytes.slice(word, from: 0, to: split), UTF8Bytes.slice(word, from: split, to: word.utf8.count)]
    }

    /// The forms of one search-form word.
    public static func analyze(_ word: Substring) -> WordForms {
        UTF8Bytes.with(word) { bytes in
            let whole = 0..<bytes.count
            var variants: [Range<Int>] = []
            appendVariants(bytes, of: whole, to: &variants)
            let parts = joinedSplit(bytes, whole).map { [0..<$0, $0..<bytes.count] } ?? []
            let string = { (range: Range<Int>) in String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            return WordForms(word: String(word), variants: variants.map(string), parts: parts.map(string))
        }
    }

    /// Appends where the other forms of the word at `range` are: its stem; for a joined
    /// word its parts and the second part's stem, also of the stem; each once and never
    /// the word itself. "ديرالزور", "راسالعين": at least 3 letters, then "ال" and at least 3
    /// more. Words that begin with the article are not split ("الاستقلال" stays whole). The
    /// stem is split too: "وديرالزور" gives "دير" and "الزور" as well.
    @inline(__always)
    static func appendVariants(_ bytes: UnsafeBufferPointer<UInt8>, of range: Range<Int>, to variants: inout [Range<Int>]) {
        let first = variants.count
        func add(_ variant: Range<Int>) {
            func same(_ other: Range<Int>) -> Bool {
                other.count == variant.count && (other == variant || bytes[other].elementsEqual(bytes[variant]))
            }
            guard !same(range) else { return }
            for existing in variants[first...] where same(existing) { return }
            variants.append(variant)
        }
        let stem = range.lowerBound + cliticLength(bytes, range)..<range.upperBound
        let stripped = stem.count != range.count
        if stripped { add(stem) }
        // Joined words are long: most words are not, and are done here.
        guard range.count >= 16 else { return }
        for word in stripped ? [range, stem] : [range] {
            guard let split = joinedSplit(bytes, word) else { continue }
            let tail = split..<word.upperBound
            add(word.lowerBound..<split)
            add(tail)
            add(tail.lowerBound + cliticLength(bytes, tail)..<tail.upperBound)
        }
    }

    /// Where a joined word splits ("ديرالزور" -> "دير" | "الزور"), as a byte offset, or nil.
    static func joinedSplit(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard range.count >= 16 else { return nil }
        let scalarCount = UTF8Bytes.scalarCount(UnsafeBufferPointer(rebasing: bytes[range]))
        func isAlefLam(_ offset: Int) -> Bool {
            offset + 3 < range.upperBound && bytes[offset] == 0xD8 && bytes[offset + 1] == 0xA7 && bytes[offset + 2] == 0xD9
                && bytes[offset + 3] == 0x84
        }
        guard scalarCount >= 8, !isAlefLam(range.lowerBound) else { return nil }
        var offset = range.lowerBound
        var number = 0
        while number <= scalarCount - 5 {
            if number >= 3 && isAlefLam(offset) {
                let head = bytes[range.lowerBound..<offset]
                if !articlePrefixes.contains(where: { head.elementsEqual($0) }) { return offset }
            }
            offset += UTF8Bytes.scalar(bytes, at: offset).length
            number += 1
        }
        return nil
    }

    /// The two texts the full-text index holds for a text: its search-form words in order
    /// (phrases match here), and the other forms of those words (stems, split parts).
    public static func indexForms(_ text: String) -> (words: String, variants: String) {
        indexForms(SearchText(text))
    }

    /// The index forms of a text already in search form.
    public static func indexForms(_ text: SearchText) -> (words: String, variants: String) {
        UTF8Bytes.with(text.form[...]) { bytes in
            var words: [UInt8] = []
            var variants: [UInt8] = []
            words.reserveCapacity(bytes.count)
            var found: [Range<Int>] = []
            for range in text.wordRanges {
                if !words.isEmpty { words.append(0x20) }
                words.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
                found.removeAll(keepingCapacity: true)
                appendVariants(bytes, of: range, to: &found)
                for variant in found {
                    if !variants.isEmpty { variants.append(0x20) }
                    variants.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[variant]))
                }
            }
            return (String(decoding: words, as: UTF8.self), String(decoding: variants, as: UTF8.self))
        }
    }
}
