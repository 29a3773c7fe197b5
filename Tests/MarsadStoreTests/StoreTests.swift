import Foundation
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

func article(_ number: Int, text: String = "عنصر من تنظيم داعش في دير الزور") -> NewArticle {
    NewArticle(sha256: String(format: "%064x", number), file: "article-\(number).txt", fileRaw: Array("article-\(number).txt".utf8),
               receivedAt: "2026-11-23T10:00:0\(number % 10).000Z", size: text.utf8.count, encoding: "utf-8",
               raw: Array(text.utf8), title: "عنوان \(number)", cleanText: text,
               removedLines: [RemovedLine(line: "0 تعليق", rule: "comment-counter")],
               archivePath: "/archive/article-\(number).txt", claim: "claim-\(number)")
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

    @Test func anArticleKeepsItsRawBytesRemovedLinesAndSightings() throws {
        let temporary = try TemporaryDatabase()
        let writer = try StoreWriter(path: temporary.path)
        let id = try writer.insert(article(1))
        _ = try writer.insert(NewSighting(articleID: id, file: "again.txt", fileRaw: Array("again.txt".utf8),
                                          receivedAt: "2026-11-23T11:00:00.000Z", archivePath: nil, claim: "claim-again"))
        let reader = try StoreReader(path: temporary.path)
        let detail = try reader.article(id: id)
        #expect(detail.removedLines == [RemovedLine(line: "0 تعليق", rule: "comment-counter")])
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
        again.claim = "other-claim"
        #expect(throws: StoreError.self) { try writer.insert(again) }
        #expect(try StoreReader(path: temporary.path).counts().articles == 1)
    }

    @Test func aMissingArticleIsNotFound() throws {
        let temporary = try TemporaryDatabase()
        _ = try StoreWriter(path: temporary.path)
        #expect { try StoreReader(path: temporary.path).article(id: 42) } throws: { ($0 as? StoreError)?.code == .notFound }
    }

    @Test func searchFindsWordsAndMarksThem() throws {
        let temporary = try TemporaryDatabase()
        let writer = try StoreWriter(path: temporary.path)
        _ = try writer.insert(article(1, text: "غارة جوية على مواقع داعش في دير الزور"))
        _ = try writer.insert(article(2, text: "مباراة كرة القدم في تونس"))
        let reader = try StoreReader(path: temporary.path)
        let hits = try reader.search("داعش", limit: 10)
        #expect(hits.map(\.id) == [1])
        #expect(hits[0].snippet.contains("[داعش]"))
        #expect(try reader.search("دير الزور", limit: 10).map(\.id) == [1])
        #expect(try reader.search("داعش تونس", limit: 10).isEmpty)
    }

    @Test(arguments: ["\"", "AND", "x OR", "-داعش", "NEAR(", "col:x", "*", "\"unterminated"])
    func userQueriesAreNeverFTSSyntaxErrors(query: String) throws {
        let temporary = try TemporaryDatabase()
        _ = try StoreWriter(path: temporary.path).insert(article(1))
        _ = try StoreReader(path: temporary.path).search(query, limit: 5)
    }

    @Test func anEmptyQueryIsABadQuery() throws {
        let temporary = try TemporaryDatabase()
        _ = try StoreWriter(path: temporary.path)
        #expect { try StoreReader(path: temporary.path).search("  ", limit: 5) } throws: { ($0 as? StoreError)?.code == .badQuery }
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
