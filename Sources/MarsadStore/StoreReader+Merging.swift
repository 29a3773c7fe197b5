import MarsadModel

/// Stories and merged incidents, read for the control methods.
extension StoreReader {
    /// Stories of at least `minSize` articles, the most recently seen first.
    public func stories(limit: Int, minSize: Int) throws(StoreError) -> [StorySummary] {
        let statement = try db.prepare(
            """
            SELECT a.story_id, count(*), group_concat(DISTINCT coalesce(a.outlet_en, a.outlet_ar)),
                   min(coalesce(a.published, substr(a.received_at, 1, 10))), max(coalesce(a.published, substr(a.received_at, 1, 10))),
                   (SELECT title FROM articles f WHERE f.id = a.story_id)
            FROM articles a WHERE a.story_id IS NOT NULL
            GROUP BY a.story_id HAVING count(*) >= ?
            ORDER BY max(coalesce(a.published, substr(a.received_at, 1, 10))) DESC, a.story_id DESC LIMIT ?
            """
        ).bind(.int(minSize), .int(limit))
        var rows: [StorySummary] = []
        while try statement.step() {
            rows.append(
                StorySummary(
                    id: statement.int64(0), size: Int(statement.int64(1)),
                    outlets: (statement.text(2) ?? "").split(separator: ",").map(String.init).sorted(), firstSeen: statement.text(3),
                    lastSeen: statement.text(4), title: statement.text(5)))
        }
        return rows
    }

    /// The other articles of an article's story (at most `limit`), oldest first, each with
    /// the link the rules found between the two, if any.
    public func storyMembers(of articleID: Int64, limit: Int = 100) throws(StoreError) -> [StoryMember] {
        let statement = try db.prepare(
            """
            SELECT a.id, a.title, coalesce(a.outlet_en, a.outlet_ar), a.published, l.reason, l.shingles, l.lead
            FROM articles a
            LEFT JOIN story_links l ON (l.article_id = max(a.id, ?1) AND l.other_id = min(a.id, ?1))
            WHERE a.story_id = (SELECT story_id FROM articles WHERE id = ?1) AND a.id <> ?1
            ORDER BY a.id LIMIT ?2
            """
        ).bind(.integer(articleID), .int(limit))
        var rows: [StoryMember] = []
        while try statement.step() {
            rows.append(
                StoryMember(
                    id: statement.int64(0), title: statement.text(1), outlet: statement.text(2), published: statement.text(3),
                    reason: statement.text(4), shingles: statement.isNull(5) ? nil : statement.double(5),
                    lead: statement.isNull(6) ? nil : statement.double(6)))
        }
        return rows
    }

    /// Merged incidents matching `filter`, newest first.
    public func mergedIncidents(_ filter: IncidentFilter) throws(StoreError) -> [MergedIncident] {
        var clauses: [String] = []
        var values: [SQLValue] = []
        for (column, value) in [("type", filter.type), ("admin1", filter.admin1), ("country", filter.country), ("division", filter.division)] {
            guard let value else { continue }
            clauses.append("\(column) = ?")
            values.append(.text(value))
        }
        if let place = filter.placeName {
            clauses.append("('|' || places || '|') LIKE ?")
            values.append(.text("%|\(place)|%"))
        }
        if let actor = filter.actor {
            clauses.append("((' ' || agents || ' ') LIKE ? OR target = ?)")
            values += [.text("% \(actor) %"), .text(actor)]
        }
        if let since = filter.since {
            clauses.append("sort_day >= ?")
            values.append(.text(since))
        }
        if let until = filter.until {
            clauses.append("sort_day <= ?")
            values.append(.text(until + "~"))
        }
        let statement = try db.prepare(
            """
            SELECT \(Self.mergedColumns) FROM merged_incidents \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "))
            ORDER BY sort_day DESC, id DESC LIMIT ?
            """
        ).bind(values + [.int(filter.limit)])
        var rows: [MergedIncident] = []
        while try statement.step() { rows.append(Self.merged(statement)) }
        return rows
    }

    /// One merged incident and every report of it (at most `limit`), oldest first.
    public func mergedIncident(id: Int64, limit: Int = 500) throws(StoreError) -> (incident: MergedIncident, reports: [IncidentReport]) {
        let statement = try db.prepare("SELECT \(Self.mergedColumns) FROM merged_incidents WHERE id = ?").bind(.integer(id))
        guard try statement.step() else { throw StoreError(.notFound, "no incident with id \(id)") }
        let incident = Self.merged(statement)
        let reports = try db.prepare(
            """
            \(Connection.incidentSelect), i.position, coalesce(a.outlet_en, a.outlet_ar), l.matched_article, l.matched_position, l.fields,
                   l.development
            FROM incidents i JOIN articles a ON a.id = i.article_id
            LEFT JOIN incident_links l ON l.article_id = i.article_id AND l.position = i.position
            WHERE i.incident_id = ? ORDER BY i.article_id, i.position LIMIT ?
            """
        ).bind(.integer(id), .int(limit))
        var rows: [IncidentReport] = []
        let column = Connection.mentionColumn
        while try reports.step() {
            let stored = Connection.incident(reports)
            rows.append(
                IncidentReport(
                    articleId: stored.articleID, position: Int(reports.int64(column)), file: stored.file, outlet: reports.text(column + 1),
                    published: stored.published, event: stored.incident,
                    matchedArticle: reports.isNull(column + 2) ? nil : reports.int64(column + 2),
                    matchedPosition: reports.isNull(column + 3) ? nil : Int(reports.int64(column + 3)),
                    agreed: (reports.text(column + 4) ?? "").split(separator: " ").map(String.init),
                    development: !reports.isNull(column + 5) && reports.int64(column + 5) != 0))
        }
        return (incident, rows)
    }

    /// Merged incidents by id after `afterID`, each with its reports: what `export --incidents`
    /// pages through. At most `limit` incidents, and no more once `maxReports` reports are
    /// read (always one incident): a page stays bounded however many reports incidents have.
    /// `more`: whether incidents follow the last one given.
    public func mergedIncidentsBatch(afterID: Int64, limit: Int) throws(StoreError) -> (
        rows: [(incident: MergedIncident, reports: [IncidentReport])], more: Bool
    ) {
        let ids = try db.prepare("SELECT id FROM merged_incidents WHERE id > ? ORDER BY id LIMIT ?").bind(.integer(afterID), .int(limit + 1))
        var found: [Int64] = []
        while try ids.step() { found.append(ids.int64(0)) }
        var rows: [(incident: MergedIncident, reports: [IncidentReport])] = []
        var reports = 0
        for id in found.prefix(limit) {
            if !rows.isEmpty && reports >= Self.maxReportsPerPage { break }
            let row = try mergedIncident(id: id, limit: 1000)
            reports += row.reports.count
            rows.append(row)
        }
        return (rows, found.count > rows.count)
    }

    static let maxReportsPerPage = 2000

    static let mergedColumns = """
        id, type, places, admin1, country, division, lat, lon, geo_precision, date, agents, target, killed, injured, captured, kidnapped,
        mentions, articles, outlets, first_reported, last_reported
        """

    static func merged(_ row: Statement) -> MergedIncident {
        func int(_ column: Int32) -> Int? { row.isNull(column) ? nil : Int(row.int64(column)) }
        return MergedIncident(
            id: row.int64(0), type: row.text(1) ?? "", places: (row.text(2) ?? "").split(separator: "|").map(String.init),
            admin1: row.text(3), country: row.text(4), division: row.text(5), lat: row.isNull(6) ? nil : row.double(6),
            lon: row.isNull(7) ? nil : row.double(7), geoPrecision: int(8), date: row.text(9),
            agents: (row.text(10) ?? "").split(separator: " ").map(String.init), target: row.text(11), killed: int(12), injured: int(13),
            captured: int(14), kidnapped: int(15), mentions: int(16) ?? 0, articles: int(17) ?? 0,
            outlets: (row.text(18) ?? "").split(separator: "|").map(String.init), firstReported: row.text(19), lastReported: row.text(20))
    }
}
