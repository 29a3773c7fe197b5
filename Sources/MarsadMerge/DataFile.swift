/// The rows of one of this module's data files (`Resources/`): a line a row, fields by tab,
/// blank lines and lines starting with "#" (comments) left out.
enum DataFile {
    static func rows(_ bytes: [UInt8]) -> [[Substring]] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
            let text = line.hasSuffix("\r") ? line.dropLast() : line
            guard !text.allSatisfy({ $0 == " " || $0 == "\t" }), !text.hasPrefix("#") else { return nil }
            return text.split(separator: "\t", omittingEmptySubsequences: false)
        }
    }
}
