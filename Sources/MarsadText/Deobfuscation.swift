import MarsadModel

/// Undoes what writers do to words to dodge moderation (DESIGN §4): "د|عـ.ـش" -> "داعش",
/// "القبـ.ـض" -> "القبض", "يُصـ.ـعّد" -> "يُصعّد". No public toolkit does this (CAMeL Tools'
/// arclean and PyArabic leave "د|ع.ش").
///
/// Inside a word of Arabic letters:
/// - a run of separators (`.` `·` `•` `*` `_` `-` `ـ`-adjacent) that touches a tatweel is removed;
/// - zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen) are removed;
/// - `|` between two Arabic letters becomes ا;
/// - tatweel is removed, except after a detached proclitic or abbreviation of at most
///   three letters ("بـ 20 مليون", "الـ 24 ساعة", "1446 هـ"), where it is the writing norm.
/// Abbreviations ("د.محمد", "أ.د"), numbers ("3.5") and punctuation between words are left
/// alone: a separator that touches no tatweel, or that stands between non-letters, stays.
/// Diacritics are kept (the display form keeps them).
public enum Deobfuscation {
    static let tatweel: Unicode.Scalar = "\u{0640}"
    static let separators: Set<Unicode.Scalar> = [".", "\u{00B7}", "\u{2022}", "*", "_", "-", "\u{2010}", "\u{2013}"]
    static let zeroWidth: Set<Unicode.Scalar> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}"]

    /// An Arabic letter (not a digit, not a mark, not tatweel).
    static func isArabicLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0621...0x063A, 0x0641...0x064A, 0x0671...0x06D3, 0x06D5, 0x06EE, 0x06EF, 0x06FA...0x06FC, 0x06FF:
            return true
        default:
            return false
        }
    }

    /// Arabic diacritics (harakat, shadda, sukun, superscript alef, Quranic marks).
    static func isArabicMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4, 0x06E7, 0x06E8, 0x06EA...0x06ED:
            return true
        default:
            return false
        }
    }

    /// Whether the text holds a tatweel, "|" or a zero-width character, read from its UTF-8
    /// bytes (a byte loop is many times faster than decoding scalars).
    static func mayBeDisguised(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let count = bytes.count
            var index = 0
            while index < count {
                switch bytes[index] {
                case 0x7C: return true  // |
                case 0xD9 where index + 1 < count && bytes[index + 1] == 0x80: return true  // U+0640 tatweel
                case 0xC2 where index + 1 < count && bytes[index + 1] == 0xAD: return true  // U+00AD soft hyphen
                case 0xE2 where index + 2 < count:  // U+200B-D, U+2060
                    if (bytes[index + 1] == 0x80 && (0x8B...0x8D).contains(bytes[index + 2]))
                        || (bytes[index + 1] == 0x81 && bytes[index + 2] == 0xA0)
                    {
                        return true
                    }
                case 0xEF where index + 2 < count && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF: return true  // U+FEFF
                default: break
                }
                index += 1
            }
            return false
        }
    }

    /// What may stand inside an obfuscated word besides letters.
    static func isWordInterior(_ scalar: Unicode.Scalar) -> Bool {
        scalar == tatweel || isArabicMark(scalar) || separators.contains(scalar) || zeroWidth.contains(scalar) || scalar == "|"
    }

    /// The text with every obfuscated word restored, and one edit per restored word.
    public static func restore(_ text: String) -> (text: String, edits: [TextEdit]) {
        // Nothing is disguised without a tatweel, a "|" or a zero-width character: most
        // texts have none, and are returned as they are after one cheap pass.
        guard mayBeDisguised(text) else {
            return (text, [])
        }
        return UTF8Bytes.with(text[...]) { bytes -> (text: String, edits: [TextEdit]) in
            // The scalars and where each starts in `bytes`; the output is the input's bytes
            // with only the restored words replaced.
            var scalars: [Unicode.Scalar] = []
            var starts: [Int] = []
            scalars.reserveCapacity(bytes.count)
            starts.reserveCapacity(bytes.count + 1)
            var position = 0
            while position < bytes.count {
                let (value, length) = UTF8Bytes.scalar(bytes, at: position)
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                starts.append(position)
                position += length
            }
            starts.append(bytes.count)
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var copied = 0  // bytes up to here are in `output` or replaced
            var edits: [TextEdit] = []
            var index = 0
            while index < scalars.count {
                // A candidate word: starts with an Arabic letter, then letters and interior
                // characters, and ends with a letter (or a mark after one).
                // (Tatweel drawn before a word belongs to it: "ـداعش".)
                var first = index
                while first < scalars.count, scalars[first] == tatweel { first += 1 }
                guard first < scalars.count, isArabicLetter(scalars[first]) else {
                    index += 1
                    continue
                }
                var end = first + 1
                var plain = true  // letters and marks only: nothing to restore
                while end < scalars.count {
                    let scalar = scalars[end]
                    if isArabicLetter(scalar) || isArabicMark(scalar) {
                        end += 1
                    } else if isWordInterior(scalar) {
                        plain = false
                        end += 1
                    } else {
                        break
                    }
                }
                // Give back trailing characters other than marks and tatweel: "داعش." keeps its full stop.
                while end > first + 1, !isArabicLetter(scalars[end - 1]), !isArabicMark(scalars[end - 1]), scalars[end - 1] != tatweel { end -= 1 }
                if plain && first == index {
                    index = end
                    continue
                }
                let word = Array(scalars[index..<end])
                let restored = restoreWord(word)
                if restored != word {
                    let before = String(String.UnicodeScalarView(word))
                    let after = String(String.UnicodeScalarView(restored))
                    edits.append(TextEdit(offset: index, before: before, after: after))
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<starts[index]]))
                    output.append(contentsOf: after.utf8)
                    copied = starts[end]
                }
                index = end
            }
            guard !edits.isEmpty else { return (text, []) }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return (String(decoding: output, as: UTF8.self), edits)
        }
    }

    /// Restores one word: letters with interior characters between them.
    static func restoreWord(_ word: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard word.contains(where: { !isArabicLetter($0) && !isArabicMark($0) }) else { return word }
        var result: [Unicode.Scalar] = []
        var index = 0
        while index < word.count {
            let scalar = word[index]
            if isArabicLetter(scalar) || isArabicMark(scalar) {
                result.append(scalar)
                index += 1
                continue
            }
            // A run of interior characters between two letters (marks belong to the letter before).
            var end = index
            while end < word.count, !isArabicLetter(word[end]), !isArabicMark(word[end]) { end += 1 }
            let run = word[index..<end]
            if !result.isEmpty, end == word.count, result.filter(isArabicLetter).count <= 3, run.allSatisfy({ $0 == tatweel }) {
                // A detached proclitic or abbreviation: "بـ 20 مليون", "لـ«الدستور»", "الـ 24", "1446 هـ".
                result.append(contentsOf: run)
                index = end
                continue
            }
            if result.isEmpty || end == word.count {
                // At an edge of the word: drop tatweel and zero-width characters, keep the rest.
                result.append(contentsOf: run.filter { $0 != tatweel && !zeroWidth.contains($0) })
                index = end
                continue
            }
            let touchesTatweel = run.contains(tatweel)
            let separatorsOnly = run.allSatisfy { separators.contains($0) }
            if run.contains("|") && run.allSatisfy({ $0 == "|" || $0 == tatweel || zeroWidth.contains($0) }) && run.filter({ $0 == "|" }).count == 1 {
                result.append("\u{0627}")  // د|عش -> داعش
            } else if touchesTatweel || run.allSatisfy({ zeroWidth.contains($0) }) {
                // Tatweel, separators next to it and zero-width characters all go.
            } else if separatorsOnly {
                result.append(contentsOf: run)  // د.محمد, أ.د: an abbreviation, not a disguise
            } else {
                result.append(contentsOf: run.filter { !zeroWidth.contains($0) && $0 != tatweel })
            }
            index = end
        }
        return result
    }
}
