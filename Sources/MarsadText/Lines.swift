/// Line-level helpers over decoded article text, used by the cleaner.
public enum Lines {
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
