import CSQLite
import MarsadModel

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
                   outlet_ar, outlet_en, published, published_precision, dates, published_basis, story_id
            FROM articles WHERE id = ?
            """
        ).bind(.integer(id))
        guard try statement.step() else {
            throw StoreError(.notFound, "no article with id \(id)")
        }
        let summary = summary(statement)
        let record = ArticleRecord(
            encoding: statement.text(6) ?? "", title: summary.title, cleanText: statement.text(7) ?? "",
            removedLines: try db.removedLines(articleID: id), index: nil, edits: try db.edits(articleID: id),
            metadata: StoreWriter.metadata(statement, from: 9), findings: try db.findings(articleID: id))
        var detail = ArticleDetail(summary: summary, sha256: statement.text(5) ?? "", archivePath: statement.text(8), record: record)
        detail.storyID = statement.isNull(15) ? nil : statement.int64(15)
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

extension StoreReader: ArticleStoreReader {}
