/// Line-level helpers over decoded article text, used by the cleaner.
public enum Lines {
    /// Whether `text` holds `needle`, compared byte by byte (no Unicode equivalence: for
    /// fixed markers in text of known form, many times cheaper than `String.contains`).
    public static func contains(_ text: Substring, bytes needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        return UTF8Bytes.with(text) { UTF8Bytes.contains($0, pattern) }
    }

    /// The lines of a text, split at every "\n" (by byte: a "\r\n" pair is one Character,
    /// which a split by Characters would not see).
    public static func split(_ text: String) -> [Substring] {
        let whole = text[...]
        let breaks: [Int] = UTF8Bytes.with(whole) { bytes in
            var offsets: [Int] = []
            for (offset, byte) in bytes.enumerated() where byte == 0x0A { offsets.append(offset) }
            return offsets
        }
        var lines: [Substring] = []
        lines.reserveCapacity(breaks.count + 1)
        var start = 0
        for offset in breaks {
            lines.append(UTF8Bytes.slice(whole, from: start, to: offset))
            start = offset + 1
        }
        lines.append(UTF8Bytes.slice(whole, from: start, to: whole.utf8.count))
        return lines
    }

    /// The line without white space at either end.
    static func trimWhitespace(_ line: Substring) -> Substring {
        let scalars = line.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isWhitespace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isWhitespace($0) })!
        return Substring(scalars[start...end])
    }

    /// White space as Unicode defines it, plus the byte-order mark and the invisible
    /// direction marks that editors leave at line ends.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.value == 0xFEFF || scalar.value == 0x200E || scalar.value == 0x200F
    }
}
