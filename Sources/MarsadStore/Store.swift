import CSQLite
import MarsadModel

/// The single writer of the store. Not thread-safe: the ingestor owns it on its queue.
public final class StoreWriter {
    let db: Connection
    /// Called inside each article's transaction, after its rows are written and before
    /// COMMIT. For the crash tests' fault point only (MARSAD_FAULT_KILL_IN_TRANSACTION).
    public var beforeCommit: (() -> Void)?

    /// Opens or creates the database at `path`, switches it to WAL and migrates it.
    public init(path: String, durability: Durability = .full) throws(StoreError) {
        db = try Connection(path: path)
        let mode = try db.pragmaText("journal_mode = WAL")
        guard mode?.lowercased() == "wal" else {
            throw StoreError(.sqlite, "database \(path) cannot use WAL mode (journal_mode stayed \(mode ?? "?")); is it on a network filesystem?")
        }
        let synchronous = "PRAGMA synchronous = \(durability == .full ? "FULL" : "NORMAL")"
        try db.execute("\(synchronous); PRAGMA foreign_keys = ON")
        try Migrations.migrate(db)
        let checkpoints = try Connection(path: path, create: false)
        try checkpoints.execute(synchronous)
        checkpointer = Checkpointer(connection: checkpoints)
        checkpointer.attach(to: db)
    }

    private let checkpointer: Checkpointer

    deinit {
        checkpointer.drain()
    }

    /// The schema version of the open database.
    public func schemaVersion() throws(StoreError) -> Int { try db.pragmaInt("user_version") }

    public static var latestSchemaVersion: Int { Migrations.latestVersion }

    /// How many articles the store holds.
    public func articleCount() throws(StoreError) -> Int {
        let statement = try db.prepare("SELECT count(*) FROM articles")
        _ = try statement.step()
        return Int(statement.int64(0))
    }

    /// The article with these raw bytes, if stored.
    public func articleID(sha256: String) throws(StoreError) -> Int64? {
        let statement = try db.prepare("SELECT id FROM articles WHERE sha256 = ?").bind(.text(sha256))
        return try statement.step() ? statement.int64(0) : nil
    }

    /// What an earlier run committed for this claim, if anything.
    public func record(forClaim claim: String) throws(StoreError) -> ClaimRecord? {
        let articles = try db.prepare("SELECT id, archive_path FROM articles WHERE claim = ?").bind(.text(claim))
        if try articles.step() {
            return .article(id: articles.int64(0), archivePath: articles.text(1))
        }
        let sightings = try db.prepare("SELECT id, article_id, archive_path FROM sightings WHERE claim = ?").bind(.text(claim))
        if try sightings.step() {
            return .sighting(id: sightings.int64(0), articleID: sightings.int64(1), archivePath: sightings.text(2))
        }
        return nil
    }

    /// Runs several writes in one transaction (one commit, one fsync): the inserts inside
    /// it join it instead of committing each. Nothing is written when `body` throws.
    public func batch<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try db.transaction(body)
    }

    /// Inserts an article, its removed lines and its index entry in one transaction (or in
    /// the `batch` it is part of).
    public func insert(_ article: NewArticle) throws(StoreError) -> Int64 {
        try db.transaction { () throws(StoreError) -> Int64 in
            try db.prepare(
                """
                INSERT INTO articles (sha256, file, file_raw, received_at, size, encoding, raw, title,
                                      clean_text, archive_path, claim,
                                      index_title, index_title_variants, index_text, index_text_variants,
                                      outlet_ar, outlet_en, published, published_precision, dates)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            ).bind(
                .text(article.sha256), .text(article.file), .blob(article.fileRaw), .text(article.receivedAt),
                .int(article.size), .text(article.record.encoding), .blob(article.raw), .optional(article.record.title),
                .text(article.record.cleanText), .optional(article.archivePath), .text(article.claim),
                .optional(article.record.index?.title), .optional(article.record.index?.titleVariants),
                .optional(article.record.index?.text), .optional(article.record.index?.textVariants),
                .optional(article.record.metadata.outletAr), .optional(article.record.metadata.outletEn),
                .optional(article.record.metadata.published), .optional(article.record.metadata.publishedPrecision),
                .text(article.record.metadata.dates.joined(separator: " "))
            ).run()
            let id = db.lastInsertRowID
            try db.writeAudit(articleID: id, removedLines: article.record.removedLines, edits: article.record.edits)
            if let findings = article.record.findings { try db.writeFindings(articleID: id, findings) }
            beforeCommit?()
            return id
        }
    }

    /// Records a drop of already-stored bytes.
    public func insert(_ sighting: NewSighting) throws(StoreError) -> Int64 {
        try db.transaction { () throws(StoreError) -> Int64 in
            try db.prepare(
                """
                INSERT INTO sightings (article_id, file, file_raw, received_at, archive_path, claim)
                VALUES (?, ?, ?, ?, ?, ?)
                """
            ).bind(
                .integer(sighting.articleID), .text(sighting.file), .blob(sighting.fileRaw),
                .text(sighting.receivedAt), .optional(sighting.archivePath), .text(sighting.claim)
            ).run()
            return db.lastInsertRowID
        }
    }

    /// The metadata columns of a row, starting at `column` (outlet_ar, outlet_en, published,
    /// published_precision, dates).
    static func metadata(_ statement: Statement, from column: Int32) -> ArticleMetadata {
        ArticleMetadata(
            outletAr: statement.text(column), outletEn: statement.text(column + 1), published: statement.text(column + 2),
            publishedPrecision: statement.text(column + 3),
            dates: (statement.text(column + 4) ?? "").split(separator: " ").map(String.init))
    }

    /// Articles not in the full-text index yet (stored before it existed): id, title, text.
    public func articlesWithoutIndex(limit: Int) throws(StoreError) -> [(id: Int64, title: String?, cleanText: String)] {
        let statement = try db.prepare("SELECT id, title, clean_text FROM articles WHERE index_text IS NULL ORDER BY id LIMIT ?").bind(.int(limit))
        var rows: [(Int64, String?, String)] = []
        while try statement.step() { rows.append((statement.int64(0), statement.text(1), statement.text(2) ?? "")) }
        return rows
    }

    /// Articles whose findings are missing or older than `version`: what extraction reads.
    public func articlesNeedingFindings(version: Int, limit: Int) throws(StoreError)
        -> [(id: Int64, title: String?, cleanText: String, published: String?, publishedPrecision: String?)]
    {
        let statement = try db.prepare(
            """
            SELECT id, title, clean_text, published, published_precision FROM articles
            WHERE extractor_version IS NULL OR extractor_version < ? ORDER BY id LIMIT ?
            """
        ).bind(.int(version), .int(limit))
        var rows: [(Int64, String?, String, String?, String?)] = []
        while try statement.step() {
            rows.append((statement.int64(0), statement.text(1), statement.text(2) ?? "", statement.text(3), statement.text(4)))
        }
        return rows
    }

    /// Sets (or replaces) the findings of articles, in one transaction.
    public func setFindings(_ entries: [(id: Int64, findings: FindingsRecord)]) throws(StoreError) {
        try db.transaction { () throws(StoreError) in
            for entry in entries { try db.writeFindings(articleID: entry.id, entry.findings) }
        }
    }

    /// Sets (or replaces) the index forms of articles, in one transaction.
    public func setIndex(_ entries: [(id: Int64, forms: IndexForms)]) throws(StoreError) {
        try db.transaction { () throws(StoreError) in
            let update = try db.prepare(
                """
                UPDATE articles SET index_title = ?, index_title_variants = ?, index_text = ?, index_text_variants = ?
                WHERE id = ?
                """)
            for entry in entries {
                try update.bind(
                    .text(entry.forms.title), .text(entry.forms.titleVariants), .text(entry.forms.text),
                    .text(entry.forms.textVariants), .integer(entry.id)
                ).run()
            }
        }
    }

    /// Articles with ids in `ids` (or, with nil, the next `limit` after `afterID`), with their sources.
    public func sources(ids: [Int64]?, afterID: Int64 = 0, limit: Int = 200) throws(StoreError) -> [StoredSource] {
        let statement: Statement
        if let ids {
            guard !ids.isEmpty else { return [] }
            statement = try db.prepare(
                """
                SELECT id, raw, encoding, title, clean_text, index_title, index_title_variants, index_text, index_text_variants,
                       outlet_ar, outlet_en, published, published_precision, dates, file
                FROM articles WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ","))) ORDER BY id
                """
            ).bind(ids.map { .integer($0) })
        } else {
            statement = try db.prepare(
                """
                SELECT id, raw, encoding, title, clean_text, index_title, index_title_variants, index_text, index_text_variants,
                       outlet_ar, outlet_en, published, published_precision, dates, file
                FROM articles WHERE id > ? ORDER BY id LIMIT ?
                """
            ).bind(.integer(afterID), .int(limit))
        }
        var rows: [StoredSource] = []
        while try statement.step() {
            let index =
                statement.isNull(7)
                ? nil
                : IndexForms(
                    title: statement.text(5) ?? "", titleVariants: statement.text(6) ?? "",
                    text: statement.text(7) ?? "", textVariants: statement.text(8) ?? "")
            rows.append(
                StoredSource(
                    id: statement.int64(0), file: statement.text(14) ?? "", raw: statement.blob(1),
                    derived: ArticleRecord(
                        encoding: statement.text(2) ?? "", title: statement.text(3), cleanText: statement.text(4) ?? "",
                        removedLines: [], index: index, metadata: Self.metadata(statement, from: 9))))
        }
        for position in rows.indices {
            rows[position].derived.removedLines = try db.removedLines(articleID: rows[position].id)
            rows[position].derived.edits = try db.edits(articleID: rows[position].id)
            rows[position].derived.findings = try db.findings(articleID: rows[position].id)
        }
        return rows
    }

    /// Replaces the derived fields of articles, in one transaction; ids stay.
    public func update(_ entries: [(id: Int64, derived: ArticleRecord)]) throws(StoreError) {
        try db.transaction { () throws(StoreError) in
            let article = try db.prepare(
                """
                UPDATE articles SET encoding = ?, title = ?, clean_text = ?,
                    index_title = ?, index_title_variants = ?, index_text = ?, index_text_variants = ?,
                    outlet_ar = ?, outlet_en = ?, published = ?, published_precision = ?, dates = ?
                WHERE id = ?
                """)
            let clearLines = try db.prepare("DELETE FROM removed_lines WHERE article_id = ?")
            let clearEdits = try db.prepare("DELETE FROM text_edits WHERE article_id = ?")
            for entry in entries {
                let derived = entry.derived
                try article.bind(
                    .text(derived.encoding), .optional(derived.title), .text(derived.cleanText),
                    .optional(derived.index?.title), .optional(derived.index?.titleVariants),
                    .optional(derived.index?.text), .optional(derived.index?.textVariants),
                    .optional(derived.metadata.outletAr), .optional(derived.metadata.outletEn),
                    .optional(derived.metadata.published), .optional(derived.metadata.publishedPrecision),
                    .text(derived.metadata.dates.joined(separator: " ")), .integer(entry.id)
                ).run()
                try clearLines.bind(.integer(entry.id)).run()
                try clearEdits.bind(.integer(entry.id)).run()
                try db.writeAudit(articleID: entry.id, removedLines: derived.removedLines, edits: derived.edits)
                if let findings = derived.findings { try db.writeFindings(articleID: entry.id, findings) }
            }
        }
    }

    /// Records where a committed claim's file was finally moved.
    public func updateArchivePath(claim: String, path: String) throws(StoreError) {
        try db.prepare("UPDATE articles SET archive_path = ? WHERE claim = ?").bind(.text(path), .text(claim)).run()
        try db.prepare("UPDATE sightings SET archive_path = ? WHERE claim = ?").bind(.text(path), .text(claim)).run()
    }

    /// Runs `PRAGMA integrity_check`; "ok" when the file is sound.
    public func integrityCheck() throws(StoreError) -> String {
        try db.pragmaText("integrity_check") ?? "no answer"
    }
}

/// A read-only view of the store. Not thread-safe: each reader is owned by one queue.
/// In WAL mode readers never block the writer, and each query sees the latest commit.
public final class StoreReader {
    let db: Connection

    public init(path: String) throws(StoreError) {
        db = try Connection(path: path, readOnly: true, create: false)
        try db.execute("PRAGMA query_only = ON")
    }

    /// Test-only (MARSAD_FAULT_SLOW_QUERY): a statement that never ends by itself, as a
    /// query too costly for the store would run; only its budget stops it.
    public func spinUntilStopped() throws(StoreError) {
        let statement = try db.prepare("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
        _ = try statement.step()
    }

    /// From here until it is set again, SQLite stops (`.timedOut`) once `budget` is spent;
    /// nil: no budget.
    public func setBudget(_ budget: QueryBudget?) { db.setBudget(budget) }

    /// The schema version of the database file.
    public func schemaVersion() throws(StoreError) -> Int { try db.pragmaInt("user_version") }

    public func counts() throws(StoreError) -> StoreCounts {
        // The latest row of each table by id (ids grow with time), not max(received_at) over
        // both: that scanned every row (5.7 ms at 20k articles; 0.01 ms this way).
        let statement = try db.prepare(
            """
            SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sightings),
                   (SELECT received_at FROM articles ORDER BY id DESC LIMIT 1),
                   (SELECT received_at FROM sightings ORDER BY id DESC LIMIT 1)
            """)
        _ = try statement.step()
        let latest = [statement.text(2), statement.text(3)].compactMap { $0 }.max()
        return StoreCounts(articles: Int(statement.int64(0)), duplicates: Int(statement.int64(1)), lastReceivedAt: latest)
    }

    /// Articles, newest first, `limit` at most, skipping those with id >= `beforeID`.
    public func list(limit: Int, beforeID: Int64? = nil) throws(StoreError) -> [ArticleSummary] {
        let statement = try db.prepare(
            """
            SELECT id, file, title, received_at, size, CASE WHEN title IS NULL THEN substr(clean_text, 1, 300) END
            FROM articles WHERE id < ? ORDER BY id DESC LIMIT ?
            """
        ).bind(.integer(beforeID ?? Int64.max), .int(limit))
        var rows: [ArticleSummary] = []
        while try statement.step() {
            var row = summary(statement)
            row.lead = statement.text(5)
            rows.append(row)
        }
        return rows
    }

    private func summary(_ statement: Statement) -> ArticleSummary {
        ArticleSummary(
            id: statement.int64(0), file: statement.text(1) ?? "", title: statement.text(2),
            receivedAt: statement.text(3) ?? "", size: Int(statement.int64(4)))
    }

    public func article(id: Int64) throws(StoreError) -> ArticleDetail {
        let statement = try db.prepare(
            """
            SELECT id, file, title, received_at, size, sha256, encoding, clean_text, archive_path,
                   outlet_ar, outlet_en, published, published_precision, dates
            FROM articles WHERE id = ?
            """
        ).bind(.integer(id))
        guard try statement.step() else {
            throw StoreError(.notFound, "no article with id \(id)")
        }
        var detail = ArticleDetail(
            summary: summary(statement), sha256: statement.text(5) ?? "",
            encoding: statement.text(6) ?? "", cleanText: statement.text(7) ?? "",
            archivePath: statement.text(8), removedLines: [], sightings: [])
        detail.removedLines = try db.removedLines(articleID: id)
        detail.edits = try db.edits(articleID: id)
        detail.metadata = StoreWriter.metadata(statement, from: 9)
        detail.findings = try db.findings(articleID: id)
        let sightings = try db.prepare("SELECT file, received_at, archive_path FROM sightings WHERE article_id = ? ORDER BY id").bind(.integer(id))
        while try sightings.step() {
            detail.sightings.append(Sighting(file: sightings.text(0) ?? "", receivedAt: sightings.text(1) ?? "", archivePath: sightings.text(2)))
        }
        return detail
    }

    /// Incidents matching `filter`, newest first.
    public func incidents(_ filter: IncidentFilter) throws(StoreError) -> [StoredIncident] {
        let condition = filter.condition
        let statement = try db.prepare(
            """
            \(Connection.incidentColumns) \(condition.sql)
            ORDER BY i.sort_day DESC, i.id DESC LIMIT ?
            """
        ).bind(condition.values + [.int(filter.limit)])
        var rows: [StoredIncident] = []
        while try statement.step() { rows.append(Connection.incident(statement)) }
        return rows
    }

    /// Incidents per day matching `filter` (the day as `IncidentFilter.day` tells), oldest
    /// first, and how many match without a date.
    public func incidentsPerDay(_ filter: IncidentFilter) throws(StoreError) -> (days: [(day: String, count: Int)], undated: Int) {
        let condition = filter.condition
        let statement = try db.prepare(
            """
            SELECT substr(\(IncidentFilter.day), 1, 10) AS day, count(*) FROM incidents i JOIN articles a ON a.id = i.article_id
            \(condition.sql) GROUP BY day ORDER BY day
            """
        ).bind(condition.values)
        var rows: [(String, Int)] = []
        var undated = 0
        while try statement.step() {
            if let day = statement.text(0), day.count == 10 {
                rows.append((day, Int(statement.int64(1))))
            } else {
                undated += Int(statement.int64(1))
            }
        }
        return (rows, undated)
    }

    /// Places named, by governorate (key: p-code), by country (key: ISO code) and by locality
    /// (key: Arabic name), most named first.
    public func placeCounts() throws(StoreError) -> (governorates: [NamedCount], countries: [NamedCount], localities: [NamedCount]) {
        var incidentsByAdmin1: [String: Int] = [:]
        var incidentsByCountry: [String: Int] = [:]
        var incidentsByPlace: [String: Int] = [:]
        let incidents = try db.prepare("SELECT admin1, country, places FROM incidents")
        while try incidents.step() {
            if let admin1 = incidents.text(0) { incidentsByAdmin1[admin1, default: 0] += 1 }
            if let country = incidents.text(1) { incidentsByCountry[country, default: 0] += 1 }
            for place in Set((incidents.text(2) ?? "").split(separator: "|").map(String.init)) { incidentsByPlace[place, default: 0] += 1 }
        }
        func rows(_ sql: String, key: (Statement) -> String, incidents: [String: Int]) throws(StoreError) -> [NamedCount] {
            let statement = try db.prepare(sql)
            var result: [NamedCount] = []
            while try statement.step() {
                let key = key(statement)
                result.append(
                    NamedCount(
                        key: key, nameAr: statement.text(1), nameEn: statement.text(2), kind: statement.text(3),
                        admin1: statement.text(4), country: statement.text(5), articles: Int(statement.int64(6)),
                        mentions: Int(statement.int64(7)), incidents: incidents[key] ?? 0))
            }
            return result
        }
        let governorates = try rows(
            """
            SELECT admin1, (SELECT name_ar FROM article_places q WHERE q.pcode = p.admin1 LIMIT 1),
                   (SELECT name_en FROM article_places q WHERE q.pcode = p.admin1 LIMIT 1), 'governorate', admin1, 'SY',
                   count(DISTINCT article_id), count(*)
            FROM article_places p WHERE admin1 IS NOT NULL GROUP BY admin1 ORDER BY count(DISTINCT article_id) DESC, admin1
            """, key: { $0.text(0) ?? "" }, incidents: incidentsByAdmin1)
        let countries = try rows(
            """
            SELECT country, max(CASE WHEN kind = 'country' THEN name_ar END), max(CASE WHEN kind = 'country' THEN name_en END), 'country',
                   NULL, country, count(DISTINCT article_id), count(*)
            FROM article_places GROUP BY country ORDER BY count(DISTINCT article_id) DESC, country
            """, key: { $0.text(0) ?? "" }, incidents: incidentsByCountry)
        let localities = try rows(
            """
            SELECT name_ar, name_ar, max(name_en), max(kind), max(admin1), max(country), count(DISTINCT article_id), count(*)
            FROM article_places WHERE kind NOT IN ('country', 'governorate') GROUP BY name_ar
            ORDER BY count(DISTINCT article_id) DESC, name_ar
            """, key: { $0.text(0) ?? "" }, incidents: incidentsByPlace)
        return (governorates, countries, localities)
    }

    /// Actors named (key: actor id), most named first, with the incidents they are agent or target of.
    public func actorCounts() throws(StoreError) -> [NamedCount] {
        var incidentsByActor: [String: Int] = [:]
        let incidents = try db.prepare("SELECT agents, target FROM incidents")
        while try incidents.step() {
            var ids = Set((incidents.text(0) ?? "").split(separator: " ").map(String.init))
            if let target = incidents.text(1) { ids.insert(target) }
            for id in ids { incidentsByActor[id, default: 0] += 1 }
        }
        let statement = try db.prepare(
            """
            SELECT actor_id, count(DISTINCT article_id), count(*) FROM article_actors GROUP BY actor_id
            ORDER BY count(DISTINCT article_id) DESC, actor_id
            """)
        var rows: [NamedCount] = []
        while try statement.step() {
            let id = statement.text(0) ?? ""
            rows.append(
                NamedCount(
                    key: id, nameAr: nil, nameEn: nil, kind: nil, admin1: nil, country: nil, articles: Int(statement.int64(1)),
                    mentions: Int(statement.int64(2)), incidents: incidentsByActor[id] ?? 0))
        }
        return rows
    }

    /// The raw bytes of an article, exactly as dropped.
    public func raw(id: Int64) throws(StoreError) -> [UInt8] {
        let statement = try db.prepare("SELECT raw FROM articles WHERE id = ?").bind(.integer(id))
        guard try statement.step() else { throw StoreError(.notFound, "no article with id \(id)") }
        return statement.blob(0)
    }

    /// Full-text search with the query language of `SearchQuery` (words AND by default,
    /// OR, NOT, parentheses, "phrases", prefix*), each word matched in any of its forms.
    /// Best matches first (bm25, title weighted above text; of the newest `rankedMatches`
    /// matches when there are more); snippets mark the matched words in the article's own text.
    public func search(_ text: String, limit: Int, analyzer: SearchAnalyzer) throws(StoreError) -> [SearchHit] {
        let query = try SearchQuery.parse(text, analyzer: analyzer)
        do throws(StoreError) {
            // Ranking costs ~3 µs a match (bm25 reads every match's positions in four
            // columns): a word in 10,000 articles took 27 ms. With more matches than
            // `rankedMatches`, the newest of them are ranked; finding where they start walks
            // the index backwards without ranking (0.2 ms at 100k articles).
            let newest = try db.prepare(
                """
                SELECT rowid FROM articles_search WHERE articles_search MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?
                """
            ).bind(.text(query.match), .int(Self.rankedMatches - 1))
            let lowestID: Int64 = try newest.step() ? newest.int64(0) : 0
            // Ranked in the index alone, then only the best `limit` rows are read: joining
            // first made SQLite carry every match's text through the sort.
            let statement = try db.prepare(
                """
                SELECT a.id, a.file, a.title, a.clean_text, best.score
                FROM (SELECT rowid, bm25(articles_search, 4.0, 2.0, 1.0, 0.5) AS score FROM articles_search
                      WHERE articles_search MATCH ? AND rowid >= ? ORDER BY score LIMIT ?) AS best
                JOIN articles a ON a.id = best.rowid ORDER BY best.score
                """
            ).bind(.text(query.match), .integer(lowestID), .int(limit))
            var hits: [SearchHit] = []
            var snippets = Snippet.Maker(query: query, analyzer: analyzer)
            while try statement.step() {
                let title = statement.text(2)
                let body = statement.text(3) ?? ""
                hits.append(
                    SearchHit(
                        id: statement.int64(0), file: statement.text(1) ?? "", title: title,
                        snippet: snippets.make(body), rank: statement.double(4),
                        lead: title == nil ? String(body.prefix(300)) : nil))
            }
            return hits
        } catch  where error.code == .timedOut {
            throw error
        } catch {
            // The parser quotes every term, so this is a bug, but say so plainly.
            throw StoreError(.badQuery, "cannot search for \(text): \(error.message)")
        }
    }

    /// How many of a search's matches, the newest, are ranked at most.
    public static let rankedMatches = 1_000

    /// Articles for export in id order, starting after `afterID`.
    public func exportBatch(afterID: Int64, limit: Int) throws(StoreError) -> [ArticleDetail] {
        let statement = try db.prepare("SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?").bind(.integer(afterID), .int(limit))
        var ids: [Int64] = []
        while try statement.step() { ids.append(statement.int64(0)) }
        var details: [ArticleDetail] = []
        for id in ids { details.append(try article(id: id)) }
        return details
    }
}

extension Connection {
    /// Writes what cleaning removed and what de-obfuscation changed (the article's audit trail).
    func writeAudit(articleID: Int64, removedLines: [RemovedLine], edits: [TextEdit]) throws(StoreError) {
        if !removedLines.isEmpty {
            let insert = try prepare("INSERT INTO removed_lines (article_id, position, line, rule) VALUES (?, ?, ?, ?)")
            for (position, removed) in removedLines.enumerated() {
                try insert.bind(.integer(articleID), .int(position), .text(removed.line), .text(removed.rule)).run()
            }
        }
        if !edits.isEmpty {
            let insert = try prepare("INSERT INTO text_edits (article_id, position, offset, before, after) VALUES (?, ?, ?, ?, ?)")
            for (position, edit) in edits.enumerated() {
                try insert.bind(.integer(articleID), .int(position), .int(edit.offset), .text(edit.before), .text(edit.after)).run()
            }
        }
    }

    /// The de-obfuscation edits of an article, in order.
    func edits(articleID: Int64) throws(StoreError) -> [TextEdit] {
        let statement = try prepare("SELECT offset, before, after FROM text_edits WHERE article_id = ? ORDER BY position").bind(.integer(articleID))
        var edits: [TextEdit] = []
        while try statement.step() {
            edits.append(TextEdit(offset: Int(statement.int64(0)), before: statement.text(1) ?? "", after: statement.text(2) ?? ""))
        }
        return edits
    }

    /// The lines the cleaner removed from an article, in order.
    func removedLines(articleID: Int64) throws(StoreError) -> [RemovedLine] {
        let statement = try prepare("SELECT line, rule FROM removed_lines WHERE article_id = ? ORDER BY position").bind(.integer(articleID))
        var lines: [RemovedLine] = []
        while try statement.step() { lines.append(RemovedLine(line: statement.text(0) ?? "", rule: statement.text(1) ?? "")) }
        return lines
    }
}

extension StoreWriter: ArticleStoreWriter {}
extension StoreReader: ArticleStoreReader {}
