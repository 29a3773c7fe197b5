import Foundation
import MarsadModel
import Testing

@testable import MarsadStore

/// A fresh database path in a temporary folder, removed at the end.
final class TemporaryDatabase {
    let folder: URL
    var path: String { folder.appendingPathComponent("test.db").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

/// A plain analyzer: words are runs of letters and digits, with no other forms, so that
/// these tests see the store's own behaviour (the Arabic rules are MarsadText's, tested there).
let plainAnalyzer = SearchAnalyzer(
    queryWords: { raw in plainWords(raw).map { ($0, []) } },
    terms: { Set(plainWords($0)) })

func plainWords(_ text: String) -> [String] {
    text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
}

func plainIndex(title: String?, text: String) -> IndexForms {
    IndexForms(
        title: plainWords(title ?? "").joined(separator: " "), titleVariants: "",
        text: plainWords(text).joined(separator: " "), textVariants: "")
}

func article(_ number: Int, text: String = "عنصر من تنظيم داعش في دير الزور") -> NewArticle {
    NewArticle(
        sha256: String(format: "%064x", number), raw: Array(text.utf8),
        drop: Drop(
            file: "article-\(number).txt", fileRaw: Array("article-\(number).txt".utf8), receivedAt: "2026-11-23T10:00:0\(number % 10).000Z",
            archivePath: "/archive/article-\(number).txt", claim: "claim-\(number)"),
        record: ArticleRecord(
            encoding: "utf-8", title: "عنوان \(number)", cleanText: text,
            removedLines: [RemovedLine(line: "0 تعليق", rule: "comment-counter")],
            index: plainIndex(title: "عنوان \(number)", text: text)))
}

/// A second drop of article `id`'s bytes, as "again.txt" an hour after the first.
func sighting(of id: Int64) -> NewSighting {
    NewSighting(
        articleID: id,
        drop: Drop(
            file: "again.txt", fileRaw: Array("again.txt".utf8), receivedAt: "2026-11-23T11:00:00.000Z", archivePath: nil, claim: "claim-again"))
}

@Suite("Store schema and migrations")
struct MigrationTests {
    @Test func anEmptyFileMigratesToTheLatestVersionInWALMode() throws {
        let temporary = try TemporaryDatabase()
        let store = try StoreWriter(path: temporary.path)
        #expect(try store.schemaVersion() == StoreWriter.latestSchemaVersion)
        #expect(try store.db.pragmaText("journal_mode") == "wal")
        #expect(try store.integrityCheck() == "ok")
    }

    @Test(arguments: 0..<Migrations.latestVersion)
    func everyEarlierVersionMigratesToTheLatest(from version: Int) throws {
        let temporary = try TemporaryDatabase()
        do {
            let db = try Connection(path: temporary.path)
            try Migrations.migrate(db, to: version)
            #expect(try db.pragmaInt("user_version") == version)
        }
        let store = try StoreWriter(path: temporary.path)
        #expect(try store.schemaVersion() == StoreWriter.latestSchemaVersion)
        _ = try store.insert(article(1))
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func reopeningKeepsTheData() throws {
        let temporary = try TemporaryDatabase()
        _ = try StoreWriter(path: temporary.path).insert(article(1))
        let reopened = try StoreWriter(path: temporary.path)
        #expect(try reopened.articleID(sha256: article(1).sha256) == 1)
    }

    @Test func aDatabaseFromANewerMarsadIsRefused() throws {
        let temporary = try TemporaryDatabase()
        do {
            let db = try Connection(path: temporary.path)
            try db.execute("PRAGMA user_version = \(Migrations.latestVersion + 1)")
        }
        #expect { try StoreWriter(path: temporary.path) } throws: { ($0 as? StoreError)?.code == .schemaTooNew }
    }
}

@Suite("Store reads and writes")
struct StoreTests {
    @Test func insertedArticlesAreListedNewestFirstAndCounted() throws {
        let temporary = try TemporaryDatabase()
        let writer = try StoreWriter(path: temporary.path)
        for number in 1...3 { _ = try writer.insert(article(number)) }
        let reader = try StoreReader(path: temporary.path)
        #expect(try reader.list(limit: 10).map(\.id) == [3, 2, 1])
        #expect(try reader.list(limit: 10, beforeID: 3).map(\.id) == [2, 1])
        #expect(try reader.counts().articles == 3)
    }

    @Test func theLastIngestIsTheLatestArticleOrSighting() throws {
        let temporary = try TemporaryDatabase()
        let writer = try StoreWriter(path: temporary.path)
        let reader = try StoreReader(path: temporary.path)
        #expect(try reader.counts().lastReceivedAt == nil)
        let id = try writer.insert(article(1))
        #expect(try reader.counts().lastReceivedAt == "2026-11-23T10:00:01.000Z")
        _ = try writer.insert(sighting(of: id))
        #expect(try reader.counts().lastReceivedAt == "2026-11-23T11:00:00.000Z", "a sighting later than every article")
        var later = article(2)
        later.drop.receivedAt = "2026-11-23T12:00:00.000Z"
        _ = try writer.insert(later)
        #expect(try reader.counts().lastReceivedAt == "2026-11-23T12:00:00.000Z")
        #expect(try reader.counts().articles == 2 && reader.counts().duplicates == 1)
    }

    @Test func anArticleKeepsItsRawBytesRemovedLinesAndSightings() throws {
        let temporary = try TemporaryDatabase()
        let writer = try StoreWriter(path: temporary.path)
        let id = try writer.insert(article(1))
        _ = try writer.insert(sighting(of: id))
        let reader = try StoreReader(path: temporary.path)
        let detail = try reader.article(id: id)
        #expect(detail.record.removedLines == [RemovedLine(line: "0 تعليق", rule: "comment-counter")])
        #expect(detail.sightings.map(\.file) == ["again.txt"])
        #expect(try reader.raw(id: id) == article(1).raw)
        #expect(try reader.counts().duplicates == 1)
        #expect(try writer.record(forClaim: "claim-1") == .article(id: id, archivePath: "/archive/article-1.txt"))
        #expect(try writer.record(forClaim: "claim-again") == .sighting(id: 1, articleID: id, archivePath: nil))
        #expect(try writer.record(forClaim: "never") == nil)
    }

    @Test func theSameBytesCannotBeStoredTwice() throws {
        let temporary = try TemporaryDatabase()
        let writer = try StoreWriter(path: temporary.path)
        _ = try writer.insert(article(1))
        var again = article(1)
        again.drop.claim = "other-claim"
        #expect(throws: StoreError.self) { try writer.insert(again) }
        #expect(try StoreReader(path: temporary.path).counts().articles == 1)
    }

    @Test func aMissingArticleIsNotFound() throws {
        let temporary = try TemporaryDatabase()
        _ = try StoreWriter(path: temporary.path)
        #expect { try StoreReader(path: temporary.path).article(id: 42) } throws: { ($0 as? StoreError)?.code == .notFound }
    }

    /// A store holding `texts`; the fixture keeps its folder alive while it is used.
    struct SearchFixture {
        let database: TemporaryDatabase
        let reader: StoreReader

        func search(_ query: String) throws -> [SearchHit] {
            try reader.search(query, limit: 10, analyzer: plainAnalyzer)
        }
    }

    func searchable(_ texts: [String]) throws -> SearchFixture {
        let temporary = try TemporaryDatabase()
        let writer = try StoreWriter(path: temporary.path)
        for (offset, text) in texts.enumerated() { _ = try writer.insert(article(offset + 1, text: text)) }
        return SearchFixture(database: temporary, reader: try StoreReader(path: temporary.path))
    }

    @Test func searchFindsWordsAndMarksThemInTheText() throws {
        let store = try searchable(["غارة جوية على مواقع داعش في دير الزور", "مباراة كرة القدم في تونس"])
        let hits = try store.search("داعش")
        #expect(hits.map(\.id) == [1])
        #expect(hits[0].snippet.contains("[داعش]"))
        #expect(try store.search("دير الزور").map(\.id) == [1])
        #expect(try store.search("داعش تونس").isEmpty)
    }

    @Test func snippetsMarkTheWordNotItsPunctuation() {
        #expect(Snippet.mark("“داعش”،") == "“[داعش]”،")
        #expect(Snippet.mark("(الرقة)") == "([الرقة])")
        #expect(Snippet.mark("د|عـ.ـش") == "[د|عـ.ـش]")
    }

    @Test func theQueryLanguage() throws {
        let store = try searchable([
            "غارة على داعش في دير الزور", "تفجير سيارة في تونس", "تفجيرات متتالية في دير الزور", "داعش يتبنى تفجير",
        ])
        func ids(_ query: String) throws -> Set<Int64> { Set(try store.search(query).map(\.id)) }
        #expect(try ids("داعش OR تونس") == [1, 2, 4])
        #expect(try ids("داعش NOT تفجير") == [1])
        #expect(try ids("(داعش OR تونس) AND تفجير") == [2, 4])
        #expect(try ids("\"دير الزور\"") == [1, 3])
        #expect(try ids("\"الزور دير\"").isEmpty)
        #expect(try ids("تفجير*") == [2, 3, 4])
        #expect(try ids("تفجير") == [2, 4])
    }

    @Test(arguments: ["\"unbalanced", "(داعش", "داعش)", "داعش OR", "NOT داعش", "AND", "  ", "()", "\"\"", "!!!"])
    func aMalformedQueryIsAClearErrorNotAnSQLError(query: String) throws {
        let store = try searchable(["داعش"])
        #expect { try store.search(query) } throws: { error in
            guard let error = error as? StoreError, error.code == .badQuery else { return false }
            return !error.message.contains("SQLite") && !error.message.contains("fts5")
        }
    }

    @Test(arguments: ["NEAR(داعش)", "col:x", "x:y", "^داعش", "داعش+", "a-b", "{index_text}", "داعش**"])
    func ftsSyntaxInAQueryIsTakenAsText(query: String) throws {
        let store = try searchable(["داعش"])
        _ = try store.search(query)
    }

    @Test func articlesFromBeforeTheIndexAreFoundAndFilledIn() throws {
        let temporary = try TemporaryDatabase()
        do {
            let db = try Connection(path: temporary.path)
            try Migrations.migrate(db, to: 1)
            try db.execute(
                """
                INSERT INTO articles (sha256, file, file_raw, received_at, size, encoding, raw, title, clean_text, claim)
                VALUES ('ab', 'old.txt', x'00', '2026-01-01T00:00:00.000Z', 3, 'utf-8', x'00', 'قديم', 'خبر قديم عن داعش', 'c1')
                """)
        }
        let writer = try StoreWriter(path: temporary.path)
        let missing = try writer.articlesWithoutIndex(limit: 10)
        #expect(missing.map(\.cleanText) == ["خبر قديم عن داعش"])
        let reader = try StoreReader(path: temporary.path)
        #expect(try reader.search("داعش", limit: 5, analyzer: plainAnalyzer).isEmpty)
        try writer.setIndex(missing.map { ($0.id, plainIndex(title: $0.title, text: $0.cleanText)) })
        #expect(try writer.articlesWithoutIndex(limit: 10).isEmpty)
        #expect(try reader.search("داعش", limit: 5, analyzer: plainAnalyzer).map(\.id) == [1])
        // Setting it again replaces the entry (no duplicate hit, old words gone).
        try writer.setIndex([(1, plainIndex(title: "قديم", text: "خبر عن تونس"))])
        #expect(try reader.search("داعش", limit: 5, analyzer: plainAnalyzer).isEmpty)
        #expect(try reader.search("تونس", limit: 5, analyzer: plainAnalyzer).map(\.id) == [1])
        #expect(try writer.integrityCheck() == "ok")
        try writer.db.execute("INSERT INTO articles_search(articles_search) VALUES('integrity-check')")
    }

    @Test func exportPagesThroughEveryArticleInIDOrder() throws {
        let temporary = try TemporaryDatabase()
        let writer = try StoreWriter(path: temporary.path)
        for number in 1...7 { _ = try writer.insert(article(number)) }
        let reader = try StoreReader(path: temporary.path)
        var seen: [Int64] = []
        var after: Int64 = 0
        while true {
            let batch = try reader.exportBatch(afterID: after, limit: 3)
            seen += batch.map(\.summary.id)
            guard batch.count == 3, let last = batch.last else { break }
            after = last.summary.id
        }
        #expect(seen == Array(1...7))
    }

    @Test func aReaderSeesCommitsMadeAfterItOpened() throws {
        let temporary = try TemporaryDatabase()
        let writer = try StoreWriter(path: temporary.path)
        let reader = try StoreReader(path: temporary.path)
        #expect(try reader.counts().articles == 0)
        _ = try writer.insert(article(1))
        #expect(try reader.counts().articles == 1)
    }
}

@Suite("Findings in the store")
struct FindingsStoreTests {
    /// An incident with every field the analysts' model adds: figures by role (a vague one
    /// with its estimate), what else the operation did, the date's basis, the geo-precision.
    static func raid() -> FindingsRecord.Incident {
        var incident = FindingsRecord.Incident(
            type: "raid", agents: ["SDF", "COALITION"], target: "ISIS", places: ["الشحيل"], admin1: "SY09", country: "SY",
            lat: 35.0, lon: 40.4, count: nil, countQualifier: nil, date: "2025-10-26", datePrecision: "day", relativeDate: "أمس",
            evidence: "مقتل عدد من قيادات داعش وإلقاء القبض على 3 آخرين", evidenceStart: 0, evidenceEnd: 48, confidence: 0.9)
        incident.also = ["arrest", "seizure"]
        incident.dateBasis = "relative"
        incident.geoPrecision = 1
        incident.division = "SY-DY"
        incident[.captured] = Figure(value: 3)
        incident[.killed] = Figure(value: nil, qualifier: "tens", estimate: 10)
        return incident
    }

    @Test func anIncidentComesBackWithItsFiguresAndAnID() throws {
        let temporary = try TemporaryDatabase()
        let writer = try StoreWriter(path: temporary.path)
        var new = article(1)
        new.record.findings = FindingsRecord(version: 2, incidents: [Self.raid()])
        let id = try writer.insert(new)
        let reader = try StoreReader(path: temporary.path)
        let stored = try #require(try reader.article(id: id).record.findings?.incidents.first)
        #expect(stored.id != nil)
        var expected = Self.raid()
        expected.id = stored.id
        #expect(stored == expected)
        #expect(stored[.killed] == Figure(value: nil, qualifier: "tens", estimate: 10))
        #expect(stored[.injured] == nil)
        // What reprocessing compares with a fresh derivation carries no store ids.
        let source = try #require(try writer.sources(ids: [id]).first)
        #expect(source.derived.findings?.incidents == [Self.raid()])
    }
}
