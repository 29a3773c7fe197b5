import Foundation
import Testing

@Suite("Arabic-aware search over the samples")
struct SearchTests {
    /// The table of the Arabic text issue: each query returns exactly these samples.
    static let table: [(query: String, files: [String])] = [
        ("داعش", ["000", "001", "002", "003", "004"]),
        ("الرقة", ["000", "001"]),
        ("الرقه", ["000", "001"]),
        ("حماة", ["002"]),
        ("دير الزور", ["000", "001", "002"]),
        ("ديرالزور", ["000", "001", "002"]),
        ("القبض", ["000", "001", "002", "003"]),
        ("تدمر", ["000"]),
        ("تحذيرات", ["001"]),
        ("التنف", ["004"]),
    ]

    func files(_ daemon: RunningDaemon, _ query: [String]) throws -> [String] {
        let result = try daemon.marsadctl(["search"] + query + ["--json"])
        #expect(result.status == 0, "\(query): \(result.stderr)")
        let results = try #require(try jsonObject(result.stdout)["results"] as? [[String: Any]])
        return results.compactMap { ($0["file"] as? String).map { String($0.prefix(3)) } }.sorted()
    }

    @Test func theSearchTableHoldsThroughTheRealDaemon() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        for seed in try Seeds.all() { try daemon.drop(seed.name, seed.data) }
        try daemon.waitForStatus("5 articles") { $0.articles == 5 }
        for row in Self.table {
            #expect(try files(daemon, [row.query]) == row.files, "search \(row.query)")
        }
        // The obfuscated spelling ("تحـ.ـذيرات") is found, and shown restored in the clean text.
        let hit = try daemon.marsadctl("search", "تحذيرات")
        #expect(hit.stdout.contains("[تحذيرات]"))
        // An article without a headline is shown by its first sentence, marked, as in ls.
        let headless = try daemon.marsadctl("search", "تدمر")
        #expect(headless.stdout.contains("000_bfe73c63da6fecad.txt  (no headline) قال المحلل السياسي السوري حسام طالب"), "\(headless.stdout)")
        // Operators, phrases and prefixes.
        #expect(try files(daemon, ["\"دير الزور\"", "NOT", "حماة"]) == ["000", "001"])
        #expect(try files(daemon, ["تدمر", "OR", "التنف"]) == ["000", "004"])
        #expect(try files(daemon, ["تحذير*"]) == ["001"])
        // A malformed query is one clear line and a failure, not an SQL error.
        let malformed = try daemon.marsadctl("search", "\"دير الزور")
        #expect(malformed.status == 1)
        #expect(malformed.stderr.contains("unbalanced quote"))
        #expect(!malformed.stderr.lowercased().contains("sqlite"))
    }

    @Test func articlesStoredBeforeTheArabicIndexAreIndexedAtStart() throws {
        // A store at schema 1 (the walking daemon's), with an article in it: the upgrade
        // indexes it and search finds it by a form the old index could not.
        let daemon = try RunningDaemon()
        try daemon.start()
        try daemon.drop("old.txt", Data("خبر قديم عن تنظيم د|عـ.ـش في والرقة".utf8))
        try daemon.waitForStatus("1 article") { $0.articles == 1 }
        #expect(daemon.stop() == 0)
        let database = daemon.dataDir.appendingPathComponent("marsad.db").path
        let sql = """
            DROP INDEX articles_unindexed; DROP INDEX articles_extractor_version;
            DROP TABLE story_signatures; DROP TABLE story_bands; DROP TABLE story_words; DROP TABLE story_links;
            DROP TABLE merged_incidents; DROP TABLE incident_links; DROP TABLE incident_keys; DROP TABLE merge_decisions;
            DROP INDEX articles_story; ALTER TABLE articles DROP COLUMN story_id;
            DROP TABLE incidents; DROP TABLE article_places; DROP TABLE article_actors; DROP TABLE article_people;
            DROP TABLE article_media; DROP TABLE article_quantities; ALTER TABLE articles DROP COLUMN extractor_version;
            DROP INDEX articles_published;
            ALTER TABLE articles DROP COLUMN outlet_ar; ALTER TABLE articles DROP COLUMN outlet_en;
            ALTER TABLE articles DROP COLUMN published; ALTER TABLE articles DROP COLUMN published_precision;
            ALTER TABLE articles DROP COLUMN dates; ALTER TABLE articles DROP COLUMN published_basis;
            DROP TABLE text_edits; DROP TABLE repeated_lines;
            DROP TRIGGER articles_search_insert; DROP TRIGGER articles_search_delete; DROP TRIGGER articles_search_update;
            DROP TABLE articles_search;
            ALTER TABLE articles DROP COLUMN index_title; ALTER TABLE articles DROP COLUMN index_title_variants;
            ALTER TABLE articles DROP COLUMN index_text; ALTER TABLE articles DROP COLUMN index_text_variants;
            CREATE VIRTUAL TABLE articles_fts USING fts5(title, clean_text, content='articles', content_rowid='id', tokenize='unicode61');
            CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN SELECT 1; END;
            CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN SELECT 1; END;
            CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, clean_text ON articles BEGIN SELECT 1; END;
            INSERT INTO articles_fts(articles_fts) VALUES('rebuild');
            PRAGMA user_version = 1;
            """
        let downgrade = try run(
            "/usr/bin/env",
            ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", database, sql])
        try #require(downgrade.0 == 0, "\(downgrade.1)")
        try daemon.start()
        #expect(daemon.log.contains("indexed 1 stored articles for Arabic-aware search"))
        // Stored before extraction existed: its places, actors and incidents are read at start-up.
        #expect(daemon.log.contains("read places, actors and incidents of 1 stored articles"))
        let export = try jsonObject(try daemon.marsadctl("export").stdout)
        #expect((export["actors"] as? [[String: Any]])?.map { $0["id"] as? String } == ["ISIS"])
        #expect((export["places"] as? [[String: Any]])?.first?["admin1"] as? String == "SY11")
        #expect(try files(daemon, ["الرقة"]) == ["old"])
        #expect(try files(daemon, ["داعش"]) == ["old"])
    }
}

@Suite("Reprocess")
struct ReprocessTests {
    @Test func derivedFieldsComeBackFromTheRawBytesWithTheSameIDs() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        for seed in try Seeds.all() { try daemon.drop(seed.name, seed.data) }
        try daemon.waitForStatus("5 articles") { $0.articles == 5 }
        func article(_ id: Int) throws -> [String: Any] {
            try #require(try jsonObject(try daemon.marsadctl("show", String(id), "--json").stdout)["article"] as? [String: Any])
        }
        let before = try article(2)
        // Nothing has changed since ingest: reprocessing changes nothing.
        let idle = try jsonObject(try daemon.marsadctl("reprocess", "--all", "--json").stdout)
        #expect(idle["reprocessed"] as? Int == 5)
        #expect(idle["changed"] as? Int == 0)
        // Damage the derived fields of article 2 behind marsad's back (as an old rule would have left them).
        let database = daemon.dataDir.appendingPathComponent("marsad.db").path
        let damage = try run(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import sqlite3,sys; c=sqlite3.connect(sys.argv[1], timeout=10)
                c.execute("UPDATE articles SET title='x', clean_text='y', index_title=NULL, index_title_variants=NULL, index_text=NULL, index_text_variants=NULL WHERE id=2")
                c.commit()
                """, database,
            ])
        try #require(damage.0 == 0, "\(damage.1)")
        let emptied = try jsonObject(try daemon.marsadctl("search", "تحذيرات", "--json").stdout)["results"] as? [Any]
        #expect(emptied?.isEmpty == true)
        let result = try daemon.marsadctl("reprocess", "2")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("reprocessed 1 article(s), 1 changed"))
        let after = try article(2)
        #expect(after["title"] as? String == before["title"] as? String)
        #expect(after["clean_text"] as? String == before["clean_text"] as? String)
        #expect(after["sha256"] as? String == before["sha256"] as? String)
        let hits = try jsonObject(try daemon.marsadctl("search", "تحذيرات", "--json").stdout)["results"] as? [[String: Any]]
        #expect(hits?.compactMap { $0["id"] as? Int } == [2])
        #expect(try daemon.status().articles == 5)
        // Unknown ids and a missing choice are errors the CLI reports.
        let missing = try daemon.marsadctl("reprocess", "99")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no article with id 99"))
        #expect(try daemon.marsadctl("reprocess").status != 0)
    }
}
