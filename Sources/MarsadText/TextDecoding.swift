// MarsadText owns pure text processing: bytes in, strings and facts out.
// It must not do I/O, read the clock, or log: everything here is testable with values alone.

/// The character encoding a file was decoded with. Stored with every article so that the
/// decoded text is reproducible from the raw bytes.
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case utf8BOM = "utf-8-bom"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1256 = "windows-1256"
}

/// Why a file's bytes are not accepted as text. `code` is stable (it is shown to users and
/// written into `failed/*.reason.json`); `message` says what is wrong and what to do.
public struct DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case empty = "empty"
        case noText = "no-text"
        case binary = "binary"
        case invalidUTF16 = "invalid-utf16"
        case undecodable = "undecodable"
        /// A file named as a format (.json) whose content is not an article in it.
        case badFormat = "bad-format"
    }
    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
    public var description: String { "\(code.rawValue): \(message)" }
}

/// Text decoded from a file's raw bytes.
public struct DecodedText: Sendable, Equatable {
    /// The text, with line endings normalized to "\n" and any byte-order mark removed.
    public let text: String
    /// The encoding that was used; never guessed silently.
    public let encoding: TextEncoding

    public init(text: String, encoding: TextEncoding) {
        self.text = text
        self.encoding = encoding
    }
}

/// Decodes article files: UTF-8 with or without BOM, UTF-16 LE/BE with BOM (or without,
/// when the code units plainly are text), and
/// Windows-1256 when the bytes are not valid UTF-8 and read as plausible Arabic text in it.
/// Anything else (binary data, NUL bytes, control characters) is refused with a reason.
public enum TextDecoding {
    /// Decodes `bytes`, or throws a `DecodeError` saying why they are not article text.
    ///
    /// ```swift
    /// let decoded = try TextDecoding.decode(Array("خبر\r\n".utf8))
    /// // decoded.text == "خبر\n", decoded.encoding == .utf8
    /// ```
    public static func decode(_ bytes: [UInt8]) throws(DecodeError) -> DecodedText {
        guard !bytes.isEmpty else {
            throw DecodeError(.empty, "the file is empty (0 bytes)")
        }
        let decoded: DecodedText
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else {
                throw DecodeError(.undecodable, "the file starts with a UTF-8 byte-order mark but is not valid UTF-8")
            }
            decoded = DecodedText(text: text, encoding: .utf8BOM)
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            decoded = DecodedText(text: try decodeUTF16(bytes.dropFirst(2), bigEndian: false), encoding: .utf16LE)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            decoded = DecodedText(text: try decodeUTF16(bytes.dropFirst(2), bigEndian: true), encoding: .utf16BE)
        } else if bytes.contains(0), let utf16 = utf16WithoutBOM(bytes) {
            // Before UTF-8: Arabic in UTF-16 is mostly bytes below 0x80, "valid UTF-8" full of NULs.
            decoded = utf16
        } else if let text = String(validating: bytes, as: UTF8.self) {
            decoded = DecodedText(text: text, encoding: .utf8)
        } else {
            // Not UTF-8. Before trying the Arabic code page, refuse what is plainly binary.
            if let nul = bytes.firstIndex(of: 0) {
                throw DecodeError(.binary, "binary data: a NUL byte at offset \(nul) and the bytes are not valid UTF-8")
            }
            let text = decodeWindows1256(bytes)
            guard isPlausibleArabicCodePageText(text) else {
                throw DecodeError(.undecodable, "not valid UTF-8, and not plausible Windows-1256 Arabic text either; save the file as UTF-8")
            }
            decoded = DecodedText(text: text, encoding: .windows1256)
        }
        try checkIsText(decoded.text)
        return DecodedText(text: normalizeLineEndings(decoded.text), encoding: decoded.encoding)
    }

    private static func decodeUTF16(_ body: ArraySlice<UInt8>, bigEndian: Bool) throws(DecodeError) -> String {
        guard body.count % 2 == 0 else {
            throw DecodeError(.invalidUTF16, "UTF-16 text with an odd number of bytes (\(body.count + 2))")
        }
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = body.startIndex
        while index < body.endIndex {
            let first = UInt16(body[index])
            let second = UInt16(body[index + 1])
            units.append(bigEndian ? (first << 8 | second) : (second << 8 | first))
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            throw DecodeError(.invalidUTF16, "UTF-16 text with an unpaired surrogate")
        }
        return text
    }

    /// UTF-16 without a byte-order mark (some Windows tools write it): accepted when nearly
    /// every code unit's high byte is that of ASCII (with a non-NUL low byte), Arabic,
    /// general punctuation or the Arabic presentation forms, in one byte order, and the
    /// units decode. Binary data with NUL bytes fails that by far.
    static func utf16WithoutBOM(_ bytes: [UInt8]) -> DecodedText? {
        guard bytes.count >= 4, bytes.count % 2 == 0 else { return nil }
        for bigEndian in [false, true] {
            var textLike = 0
            var index = 0
            while index < bytes.count {
                let high = bytes[bigEndian ? index : index + 1]
                let low = bytes[bigEndian ? index + 1 : index]
                switch high {
                case 0x00: if low != 0 { textLike += 1 }
                case 0x06, 0x20, 0xFB, 0xFC, 0xFD, 0xFE: textLike += 1
                default: break
                }
                index += 2
            }
            guard textLike * 100 >= (bytes.count / 2) * 95 else { continue }
            guard let text = try? decodeUTF16(bytes[...], bigEndian: bigEndian) else { continue }
            return DecodedText(text: text, encoding: bigEndian ? .utf16BE : .utf16LE)
        }
        return nil
    }

    private static func decodeWindows1256(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            let value = byte < 0x80 ? UInt32(byte) : UInt32(Windows1256.high[Int(byte) - 0x80])
            scalars.append(Unicode.Scalar(value)!)  // every table entry is a valid BMP scalar
        }
        return String(scalars)
    }

    /// Windows-1256 maps every byte, so random bytes "decode" too. Accept the result only
    /// when most non-ASCII characters are Arabic letters, as in any real Arabic text.
    static func isPlausibleArabicCodePageText(_ text: String) -> Bool {
        var nonASCII = 0
        var arabic = 0
        for scalar in text.unicodeScalars where scalar.value >= 0x80 {
            nonASCII += 1
            if (0x0621...0x064A).contains(scalar.value) || (0x0660...0x06FF).contains(scalar.value) {
                arabic += 1
            }
        }
        return arabic > 0 && arabic * 10 >= nonASCII * 7
    }

    /// Refuses NUL bytes, control characters beyond a trace, and text without any letter.
    private static func checkIsText(_ text: String) throws(DecodeError) {
        // Byte by byte: every control character is one byte (C0, DEL) or C2 80-9F (C1).
        var controls = 0
        var total = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            defer { previous = byte }
            guard byte & 0xC0 != 0x80 else {
                if previous == 0xC2 && byte <= 0x9F { controls += 1 }  // U+0080-009F
                continue
            }
            total += 1
            switch byte {
            case 0:
                throw DecodeError(.binary, "binary data: a NUL character at scalar \(total - 1)")
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                break
            case 0x01...0x1F, 0x7F:
                controls += 1
            default:
                break
            }
        }
        // A stray control character is tolerated (real files carry them); binary data has many.
        if controls > 0 && controls * 200 > total {
            throw DecodeError(.binary, "binary data: \(controls) control characters in \(total)")
        }
        guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else {
            throw DecodeError(.noText, "the file holds no letters (only white space, digits or punctuation)")
        }
    }

    /// "\r\n" and lone "\r" become "\n".
    static func normalizeLineEndings(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            scalars.append(scalar)
        }
        return String(scalars)
    }
}
