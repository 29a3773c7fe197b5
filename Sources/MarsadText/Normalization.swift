/// The two normal forms of Arabic text (DESIGN §4). One function each, used for indexing
/// and for queries alike, so that a query and the text it should find meet in one form.
public enum Normalization {
    /// The form shown to users: de-obfuscated, white space tidied (runs of spaces and tabs
    /// become one space, no-break and other spaces a plain space, line ends trimmed),
    /// original diacritics and letter forms kept.
    public static func display(_ text: String) -> (text: String, edits: [TextEdit]) {
        let (restored, edits) = Deobfuscation.restore(text)
        var output = String.UnicodeScalarView()
        output.reserveCapacity(restored.unicodeScalars.count)
        var pendingSpace = false
        for scalar in restored.unicodeScalars {
            if scalar == "\n" {
                pendingSpace = false
                output.append(scalar)
            } else if scalar == "\t" || (scalar.properties.isWhitespace && scalar != "\r") {
                pendingSpace = true
            } else {
                if pendingSpace, let last = output.last, last != "\n" { output.append(" ") }
                pendingSpace = false
                output.append(scalar)
            }
        }
        return (String(output), edits)
    }

    /// The form search runs on: the display form without diacritics, tatweel and invisible
    /// marks; أ إ آ ٱ -> ا, ى -> ي, ة -> ه, ؤ ئ -> ء, Persian ک ی -> ك ي, Arabic-Indic and
    /// Persian digits -> ASCII, Latin letters lower-cased.
    public static func search(_ text: String) -> String {
        var restored = Deobfuscation.restore(text).text
        // Folded byte by byte: ASCII and the Arabic block (two-byte UTF-8) directly, other
        // scalars through `fold`. The same mapping as `fold`, many times faster.
        return restored.withUTF8 { bytes -> String in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    output.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                    index += 1
                    continue
                }
                // Decode one scalar (the input is valid UTF-8).
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for offset in 1..<length where index + offset < count { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                index += length
                guard let scalar = Unicode.Scalar(value), let folded = fold(scalar) else { continue }
                appendUTF8(folded, to: &output)
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    @inline(__always)
    static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 0..<0x80: output.append(UInt8(value))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | value >> 6))
            output.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | value >> 12))
            output.append(UInt8(0x80 | value >> 6 & 0x3F))
            output.append(UInt8(0x80 | value & 0x3F))
        default:
            output.append(UInt8(0xF0 | value >> 18))
            output.append(UInt8(0x80 | value >> 12 & 0x3F))
            output.append(UInt8(0x80 | value >> 6 & 0x3F))
            output.append(UInt8(0x80 | value & 0x3F))
        }
    }

    /// One scalar of the search form, or nil when it is dropped.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x0640: return nil                                            // tatweel
        case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4, 0x06E7, 0x06E8, 0x06EA...0x06ED:
            return nil                                                     // diacritics
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0x061C, 0x00AD:
            return nil                                                     // zero-width and direction marks
        case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673: return "\u{0627}"  // آ أ إ ٱ -> ا
        case 0x0649: return "\u{064A}"                                     // ى -> ي
        case 0x06CC, 0x06D0: return "\u{064A}"                             // Persian yeh -> ي
        case 0x06A9: return "\u{0643}"                                     // Persian kaf -> ك
        case 0x0629: return "\u{0647}"                                     // ة -> ه
        case 0x0624, 0x0626: return "\u{0621}"                             // ؤ ئ -> ء
        case 0x0660...0x0669: return Unicode.Scalar(scalar.value - 0x0660 + 0x30)  // ٠-٩
        case 0x06F0...0x06F9: return Unicode.Scalar(scalar.value - 0x06F0 + 0x30)  // ۰-۹
        case 0x0041...0x005A: return Unicode.Scalar(scalar.value + 0x20)           // A-Z
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return " "
        default: return scalar
        }
    }

    /// The words of search-form text: runs of letters and digits.
    public static func words(_ searchForm: String) -> [Substring] {
        // By scalars, not Characters: grapheme breaking costs more than the whole split.
        searchForm.unicodeScalars.split(whereSeparator: { !isWordScalar($0) }).map { Substring($0) }
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
        let scalars = word.unicodeScalars
        let count = scalars.count
        for article in articlePrefixes where count - article.count >= 2 && scalars.starts(with: article) {
            return Substring(scalars.dropFirst(article.count))
        }
        if count >= 5, let first = scalars.first, singleProclitics.contains(first) {
            return Substring(scalars.dropFirst())
        }
        return word
    }

    static let articlePrefixes: [[Unicode.Scalar]] = ["وال", "بال", "فال", "كال", "لل", "ال"].map { Array($0.unicodeScalars) }
    static let singleProclitics: Set<Unicode.Scalar> = ["\u{0648}", "\u{0641}", "\u{0628}", "\u{0644}", "\u{0643}"]

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

    /// The forms of one search-form word.
    public static func analyze(_ word: Substring) -> WordForms {
        var variants: [String] = []
        let stemmed = stem(word)
        if stemmed.count != word.count { variants.append(String(stemmed)) }
        // "ديرالزور", "راسالعين": at least 3 letters, then "ال" and at least 3 more. Words
        // that begin with the article are not split ("الاستقلال" stays whole). The stem is
        // split too: "وديرالزور" gives "دير" and "الزور" as well.
        let parts = joinedParts(word)
        for candidate in [parts, stemmed.count != word.count ? joinedParts(stemmed) : []] where !candidate.isEmpty {
            variants += candidate + [String(stem(Substring(candidate[1])))]
        }
        let whole = String(word)
        var unique: [String] = []  // a handful at most: an array beats a set here
        for variant in variants where variant != whole && !unique.contains(variant) { unique.append(variant) }
        return WordForms(word: whole, variants: unique, parts: parts)
    }

    /// The two words a joined word is made of ("ديرالزور" -> "دير", "الزور"), or none.
    static func joinedParts(_ word: Substring) -> [String] {
        // Most words are short or hold no "ال" past their start: decide that without copying.
        guard word.utf8.count >= 16, word.unicodeScalars.dropFirst(3).contains("\u{0644}") else { return [] }
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 8, !scalars.starts(with: ["\u{0627}", "\u{0644}"]) else { return [] }
        for split in 3...(scalars.count - 5) where scalars[split] == "\u{0627}" && scalars[split + 1] == "\u{0644}" {
            let head = String(String.UnicodeScalarView(scalars[..<split]))
            guard !articlePrefixes.contains(where: { head.unicodeScalars.elementsEqual($0) }) else { continue }
            return [head, String(String.UnicodeScalarView(scalars[split...]))]
        }
        return []
    }

    /// The two texts the full-text index holds for a text: its search-form words in order
    /// (phrases match here), and the other forms of those words (stems, split parts).
    public static func indexForms(_ text: String) -> (words: String, variants: String) {
        let found = words(search(text))
        return (found.joined(separator: " "), found.flatMap { analyze($0).variants }.joined(separator: " "))
    }
}
