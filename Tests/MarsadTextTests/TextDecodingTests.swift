import Foundation
import Testing

@testable import MarsadText

@Suite("Decoding article bytes")
struct TextDecodingTests {
    let arabic = "خبر عاجل: القبض على خلية"

    @Test func plainUTF8IsDecodedAndRecordedAsUTF8() throws {
        let decoded = try TextDecoding.decode(Array(arabic.utf8))
        #expect(decoded.text == arabic)
        #expect(decoded.encoding == .utf8)
    }

    @Test func utf8ByteOrderMarkIsRemovedAndRecorded() throws {
        let decoded = try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array(arabic.utf8))
        #expect(decoded.text == arabic)
        #expect(decoded.encoding == .utf8BOM)
    }

    @Test func utf16LittleAndBigEndianWithBOM() throws {
        let units = Array(arabic.utf16)
        let little: [UInt8] = [0xFF, 0xFE] + units.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + units.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        #expect(try TextDecoding.decode(little) == DecodedText(text: arabic, encoding: .utf16LE))
        #expect(try TextDecoding.decode(big) == DecodedText(text: arabic, encoding: .utf16BE))
    }

    @Test func utf16WithoutBOMIsRecognizedInEitherByteOrder() throws {
        let text = "أعلنت وزارة الداخلية، السبت 25 تشرين الأول، عن تفكيك خلية (3 عناصر).\nسطر ثان"
        let units = Array(text.utf16)
        let little = units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big = units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try TextDecoding.decode(little) == DecodedText(text: text, encoding: .utf16LE))
        #expect(try TextDecoding.decode(big) == DecodedText(text: text, encoding: .utf16BE))
        // ASCII with NULs between is still not taken for UTF-16 when other bytes break the pattern.
        #expect(throws: DecodeError.self) { try TextDecoding.decode([0x41, 0x00, 0x42, 0x00, 0x89, 0x50, 0x00, 0x00, 0x13, 0x37]) }
        // Random bytes with NULs in them stay binary.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var bytes = (0..<512).map { _ in UInt8.random(in: 0...255, using: &generator) }
            bytes[7] = 0
            #expect(throws: DecodeError.self) { try TextDecoding.decode(bytes) }
        }
    }

    @Test func utf16WithAnOddByteCountIsRefused() {
        #expect(throws: DecodeError.self) { try TextDecoding.decode([0xFF, 0xFE, 0x41, 0x00, 0x42]) }
    }

    @Test func utf16WithAnUnpairedSurrogateIsRefused() {
        #expect(throws: DecodeError.self) { try TextDecoding.decode([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]) }
    }

    @Test func windows1256ArabicIsDecodedWhenUTF8Fails() throws {
        // "خبر عاجل: القبض على خلية" as Python's cp1256 codec writes it.
        let bytes: [UInt8] = [206, 200, 209, 32, 218, 199, 204, 225, 58, 32, 199, 225, 222, 200, 214, 32, 218, 225, 236, 32, 206, 225, 237, 201]
        let decoded = try TextDecoding.decode(bytes)
        #expect(decoded.text == arabic)
        #expect(decoded.encoding == .windows1256)
    }

    @Test func emptyFileIsRefusedAsEmpty() {
        #expect { try TextDecoding.decode([]) } throws: { ($0 as? DecodeError)?.code == .empty }
    }

    @Test func whitespaceOnlyIsRefusedAsNoText() {
        #expect { try TextDecoding.decode(Array(" \n\t\r\n ".utf8)) } throws: { ($0 as? DecodeError)?.code == .noText }
    }

    @Test func nulBytesInsideTextAreRefusedAsBinary() {
        let bytes = Array("خبر".utf8) + [0] + Array("عاجل".utf8)
        #expect { try TextDecoding.decode(bytes) } throws: { ($0 as? DecodeError)?.code == .binary }
    }

    @Test func pngHeaderIsRefused() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
        #expect { try TextDecoding.decode(png) } throws: { ($0 as? DecodeError)?.code == .binary }
    }

    @Test func randomBytesAreNeverAcceptedAsText() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<512).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(throws: DecodeError.self) { try TextDecoding.decode(bytes) }
        }
    }

    @Test func latinBytesThatAreNotUTF8AreNotTakenForArabic() {
        // ISO-8859-1 French: valid Windows-1256 byte by byte, but not Arabic text.
        let bytes: [UInt8] = Array("Le pr".utf8) + [0xE9] + Array("sident a d".utf8) + [0xE9] + Array("clar".utf8) + [0xE9]
        #expect { try TextDecoding.decode(bytes) } throws: { ($0 as? DecodeError)?.code == .undecodable }
    }

    @Test func lineEndingsBecomeNewlines() throws {
        #expect(try TextDecoding.decode(Array("أ\r\nب\rج\n".utf8)).text == "أ\nب\nج\n")
    }

    @Test func theSampleArticlesAreUTF8() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../seeds").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasSuffix(".txt") }
        #expect(files.count == 5)
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: seeds.appendingPathComponent(file)))
            #expect(try TextDecoding.decode(bytes).encoding == .utf8, "\(file)")
        }
    }
}

@Suite("Lines and display width")
struct LinesTests {
    @Test func lineTrimmingIncludesInvisibleMarks() {
        #expect(Lines.trimWhitespace("\u{200F} عنوان الخبر \u{FEFF}\t") == "عنوان الخبر")
        #expect(Lines.trimWhitespace(" \t ") == "")
    }

    @Test func arabicMarksTakeNoColumn() {
        #expect(DisplayWidth.of("محمد") == 4)
        #expect(DisplayWidth.of("مُحَمَّد") == 4)
        #expect(DisplayWidth.of("a\u{200F}b") == 2)
        #expect(DisplayWidth.of("日本") == 4)
    }

    @Test func truncationCountsColumnsNotScalars() {
        let cut = DisplayWidth.truncate("مُحَمَّد بن سلمان", to: 6)
        #expect(DisplayWidth.of(cut) <= 6)
        #expect(cut.hasSuffix("…"))
        #expect(DisplayWidth.pad("مُحَمَّد", to: 6) == "مُحَمَّد  ")
    }
}
