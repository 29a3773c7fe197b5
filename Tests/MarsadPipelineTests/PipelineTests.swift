import MarsadModel
import MarsadPipeline
import Testing

@Suite("Extraction reads a bounded part of huge articles")
struct FindingsLimitTests {
    @Test func leadingLinesKeepsWholeLinesAndWholeCharactersWithinTheLimit() {
        #expect(Pipeline.leadingLines("سطر\nسطر", limit: 100) == "سطر\nسطر")
        let text = "أول سطر\nثاني سطر\nثالث"
        let cut = Pipeline.leadingLines(text, limit: 20)
        #expect(cut == "أول سطر")
        #expect(text.hasPrefix(cut))
        // No newline within the limit: cut between characters (each Arabic letter is 2 bytes).
        let line = String(repeating: "خ", count: 100)
        let unbroken = Pipeline.leadingLines(line, limit: 51)
        #expect(unbroken == String(repeating: "خ", count: 25))
    }

    @Test func aHugeArticleIsExtractedFromItsFirst256KiB() {
        let sentence = "أعلنت وزارة الداخلية السورية القبض على خلية لتنظيم داعش في دير الزور.\n"
        let huge = String(repeating: sentence, count: 20_000) + "قصفت طائرات التحالف مواقع في الرقة.\n"
        let record = Pipeline.findings(cleanText: huge, title: nil, published: nil)
        #expect(record.places.contains { $0.admin1 == "SY09" })
        #expect(!record.places.contains { $0.admin1 == "SY11" }, "text past the limit is not read")
    }
}

@Suite("The pipeline: bytes to the article record")
struct PipelineTests {
    @Test func bytesBecomeOneRecordWithEverythingDerived() throws {
        let text = "عنوان الخبر\nأعلنت وزارة الداخلية السورية القبض على 3 عناصر من تنظيم د|عـ.ـش في دير الزور.\n"
        let record = try Pipeline.derive(bytes: Array(text.utf8), fileName: "a.txt")
        #expect(record.encoding == "utf-8")
        #expect(record.cleanText.contains("داعش"))
        #expect(record.edits.map(\.after) == ["داعش"])
        #expect(record.index?.text.isEmpty == false)
        #expect(record.findings?.incidents.first?.type == "arrest")
        // One function, one answer: the same bytes derive to the same record.
        #expect(try Pipeline.derive(bytes: Array(text.utf8), fileName: "a.txt") == record)
    }

    @Test func bytesThatAreNoArticleAreRefusedWithACode() {
        #expect(throws: (any Error).self) { try Pipeline.derive(bytes: [], fileName: "a.txt") }
        #expect(throws: (any Error).self) { try Pipeline.derive(bytes: [0, 1, 2, 0, 0xFF], fileName: "a.txt") }
    }
}
