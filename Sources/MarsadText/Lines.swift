/// Line-level helpers over decoded article text. The text issue (DESIGN §4) grows these
/// into the cleaning pipeline; for now they only tidy white space and pick a title.
public enum Lines {
    /// The first line that holds something other than white space, trimmed; nil when none.
    public static func firstNonEmpty(in text: String) -> String? {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = trimWhitespace(line)
            if !trimmed.isEmpty { return String(trimmed) }
        }
        return nil
    }

    /// The text with each line's trailing white space removed and blank lines at the start
    /// and end dropped. Removes no content: every non-blank character stays in order.
    public static func tidy(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(trimTrailingWhitespace)
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    static func trimTrailingWhitespace(_ line: Substring) -> Substring {
        let scalars = line.unicodeScalars
        guard let end = scalars.lastIndex(where: { !isWhitespace($0) }) else { return "" }
        return Substring(scalars[...end])
    }

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
