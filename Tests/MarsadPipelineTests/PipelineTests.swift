import MarsadModel
import MarsadPipeline
import MarsadText
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
        let record = Pipeline.findings(cleanText: huge, title: nil, reference: nil)
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

@Suite("Every incident dated, with its basis")
struct DatingTests {
    let report = "أعلنت وزارة الداخلية السورية القبض على 3 عناصر من تنظيم داعش في دير الزور.\n"

    func derive(_ text: String, _ name: String, order: DateOrder? = .ymd) throws -> ArticleRecord {
        try Pipeline.derive(
            bytes: Array(text.utf8), fileName: name, receivedAt: "2026-11-23T10:00:00.000Z", options: PipelineOptions(fileNameDateOrder: order))
    }

    @Test func aDateInTheFileNameDatesTheArticleAndItsIncidents() throws {
        let record = try derive(report, "JA-internationalNews-7-20170405.txt")
        #expect(record.metadata.published == "2017-04-05")
        #expect(record.metadata.publishedBasis == "filename")
        #expect(record.findings?.incidents.first?.date == "2017-04-05")
        #expect(record.findings?.incidents.first?.dateBasis == "filename")
    }

    @Test func withoutOneTheDayReceivedDatesTheIncidents() throws {
        let record = try derive(report, "000_bfe73c63da6fecad.txt")
        #expect(record.metadata.published == nil)
        #expect(record.findings?.incidents.first?.date == "2026-11-23")
        #expect(record.findings?.incidents.first?.dateBasis == "received")
        // "off": names are not read for dates.
        #expect(try derive(report, "20170405.txt", order: nil).findings?.incidents.first?.dateBasis == "received")
    }

    @Test func aRelativeDateIsResolvedAgainstTheReferenceDate() throws {
        let text = "أعلنت وزارة الداخلية السورية أمس القبض على 3 عناصر من تنظيم داعش في دير الزور.\n"
        let incident = try derive(text, "news-2017-04-05.txt").findings?.incidents.first
        #expect(incident?.date == "2017-04-04")
        #expect(incident?.dateBasis == "relative")
    }

    @Test func theTextsOwnDateWinsOverTheFileName() throws {
        let text = "عنوان الخبر\nنشر بتاريخ 26 أكتوبر 2025\n" + report
        let record = try derive(text, "news-20170405.txt")
        #expect(record.metadata.published == "2025-10-26")
        #expect(record.metadata.publishedBasis == "text")
    }
}
