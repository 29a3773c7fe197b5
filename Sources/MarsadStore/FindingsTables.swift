import MarsadModel

extension IncidentFilter {
    /// The SQL condition and its values (over `incidents i JOIN articles a`).
    var condition: (sql: String, values: [SQLValue]) {
        var clauses: [String] = []
        var values: [SQLValue] = []
        for (column, value) in [("i.type", type), ("i.admin1", admin1), ("i.country", country), ("i.division", division)] {
            guard let value else { continue }
            clauses.append("\(column) = ?")
            values.append(.text(value))
        }
        if let placeName {
            clauses.append("('|' || i.places || '|') LIKE ?")
            values.append(.text("%|\(placeName)|%"))
        }
        if let actor {
            clauses.append("((' ' || i.agents || ' ') LIKE ? OR i.target = ?)")
            values += [.text("% \(actor) %"), .text(actor)]
        }
        if let since {
            clauses.append("\(Self.day) >= ?")
            values.append(.text(since))
        }
        if let until {
            clauses.append("\(Self.day) <= ?")
            values.append(.text(until + "~"))
        }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), values)
    }

    /// When an incident happened, as well as marsad knows; NULL when the text does not say.
    static let day = "coalesce(i.date, a.published)"
}

extension Connection {
    /// Writes an article's findings (after deleting any it had), in the caller's transaction.
    func writeFindings(articleID: Int64, _ findings: FindingsRecord) throws(StoreError) {
        for table in ["article_places", "article_actors", "article_people", "article_media", "article_quantities", "incidents"] {
            try prepare("DELETE FROM \(table) WHERE article_id = ?").bind(.integer(articleID)).run()
        }
        try prepare("UPDATE articles SET extractor_version = ? WHERE id = ?").bind(.int(findings.version), .integer(articleID)).run()
        let place = try prepare(
            """
            INSERT INTO article_places (article_id, position, name_ar, name_en, kind, country, admin1, pcode, lat, lon, qualifier, sentence,
                                        division)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, item) in findings.places.enumerated() {
            try place.bind(
                .integer(articleID), .int(position), .text(item.nameAr), .text(item.nameEn), .text(item.kind), .text(item.country),
                .optional(item.admin1), .optional(item.pcode), .optionalDouble(item.lat), .optionalDouble(item.lon),
                .optional(item.qualifier), .int(item.sentence), .optional(item.division)
            ).run()
        }
        let actor = try prepare("INSERT INTO article_actors (article_id, position, actor_id, form, sentence) VALUES (?, ?, ?, ?, ?)")
        for (position, item) in findings.actors.enumerated() {
            try actor.bind(.integer(articleID), .int(position), .text(item.id), .text(item.form), .int(item.sentence)).run()
        }
        let person = try prepare("INSERT INTO article_people (article_id, position, name, role) VALUES (?, ?, ?, ?)")
        for (position, item) in findings.people.enumerated() {
            try person.bind(.integer(articleID), .int(position), .text(item.name), .optional(item.role)).run()
        }
        let medium = try prepare("INSERT INTO article_media (article_id, position, name) VALUES (?, ?, ?)")
        for (position, item) in findings.media.enumerated() {
            try medium.bind(.integer(articleID), .int(position), .text(item)).run()
        }
        let quantity = try prepare("INSERT INTO article_quantities (article_id, position, value, qualifier, text) VALUES (?, ?, ?, ?, ?)")
        for (position, item) in findings.quantities.enumerated() {
            try quantity.bind(.integer(articleID), .int(position), item.value.map { .int($0) } ?? .null, .optional(item.qualifier), .text(item.text))
                .run()
        }
        let incident = try prepare(
            """
            INSERT INTO incidents (article_id, position, type, agents, target, places, admin1, country, lat, lon, count, count_qualifier,
                                   date, date_precision, relative_date, evidence, evidence_start, evidence_end, confidence, sort_day,
                                   also, date_basis, geo_precision, division, \(Self.figureColumns.joined(separator: ", ")))
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
                    (SELECT coalesce(?13, a.published, substr(a.received_at, 1, 10)) FROM articles a WHERE a.id = ?1),
                    ?20, ?21, ?22, ?23, \(Self.figureColumns.indices.map { "?\($0 + 24)" }.joined(separator: ", ")))
            """)
        for (position, item) in findings.incidents.enumerated() {
            let figures: [SQLValue] = Figure.Role.allCases.flatMap { role -> [SQLValue] in
                let figure = item[role]
                return [figure?.value.map { .int($0) } ?? .null, .optional(figure?.qualifier), figure?.estimate.map { .int($0) } ?? .null]
            }
            let values: [SQLValue] = [
                .integer(articleID), .int(position), .text(item.type), .text(item.agents.joined(separator: " ")),
                .optional(item.target), .text(item.places.joined(separator: "|")), .optional(item.admin1), .optional(item.country),
                .optionalDouble(item.lat), .optionalDouble(item.lon), item.count.map { .int($0) } ?? .null,
                .optional(item.countQualifier), .optional(item.date), .optional(item.datePrecision), .optional(item.relativeDate),
                .text(item.evidence), .int(item.evidenceStart), .int(item.evidenceEnd), .real(item.confidence),
                .text(item.also.joined(separator: " ")), .optional(item.dateBasis), item.geoPrecision.map { .int($0) } ?? .null,
                .optional(item.division),
            ]
            try incident.bind(values + figures).run()
        }
    }

    /// An article's findings, or nil when it has none yet.
    func findings(articleID: Int64) throws(StoreError) -> FindingsRecord? {
        let version = try prepare("SELECT extractor_version FROM articles WHERE id = ?").bind(.integer(articleID))
        guard try version.step(), !version.isNull(0) else { return nil }
        var record = FindingsRecord(version: Int(version.int64(0)))
        let places = try prepare(
            """
            SELECT name_ar, name_en, kind, country, admin1, pcode, lat, lon, qualifier, sentence, division FROM article_places
            WHERE article_id = ? ORDER BY position
            """
        ).bind(.integer(articleID))
        while try places.step() {
            record.places.append(
                .init(
                    nameAr: places.text(0) ?? "", nameEn: places.text(1) ?? "", kind: places.text(2) ?? "",
                    country: places.text(3) ?? "", admin1: places.text(4), pcode: places.text(5), division: places.text(10),
                    lat: places.isNull(6) ? nil : places.double(6), lon: places.isNull(7) ? nil : places.double(7),
                    qualifier: places.text(8), sentence: Int(places.int64(9))))
        }
        let actors = try prepare("SELECT actor_id, form, sentence FROM article_actors WHERE article_id = ? ORDER BY position").bind(
            .integer(articleID))
        while try actors.step() { record.actors.append(.init(id: actors.text(0) ?? "", form: actors.text(1) ?? "", sentence: Int(actors.int64(2)))) }
        let people = try prepare("SELECT name, role FROM article_people WHERE article_id = ? ORDER BY position").bind(.integer(articleID))
        while try people.step() { record.people.append(.init(name: people.text(0) ?? "", role: people.text(1))) }
        let media = try prepare("SELECT name FROM article_media WHERE article_id = ? ORDER BY position").bind(.integer(articleID))
        while try media.step() { record.media.append(media.text(0) ?? "") }
        let quantities = try prepare("SELECT value, qualifier, text FROM article_quantities WHERE article_id = ? ORDER BY position").bind(
            .integer(articleID))
        while try quantities.step() {
            record.quantities.append(
                .init(
                    value: quantities.isNull(0) ? nil : Int(quantities.int64(0)), qualifier: quantities.text(1),
                    text: quantities.text(2) ?? ""))
        }
        let incidents = try prepare("\(Self.incidentColumns) WHERE i.article_id = ? ORDER BY i.position").bind(.integer(articleID))
        while try incidents.step() { record.incidents.append(Self.incident(incidents).incident) }
        return record
    }

    /// The figure columns of `incidents`, by role: value, qualifier, estimate.
    static let figureColumns = Figure.Role.allCases.flatMap { ["\($0.rawValue)", "\($0.rawValue)_qualifier", "\($0.rawValue)_estimate"] }

    static let incidentColumns = incidentSelect + " FROM incidents i JOIN articles a ON a.id = i.article_id"

    /// The columns `incident(_:)` reads, in its order (from `incidents i JOIN articles a`).
    static let incidentSelect = """
        SELECT i.type, i.agents, i.target, i.places, i.admin1, i.country, i.lat, i.lon, i.count, i.count_qualifier, i.date,
               i.date_precision, i.relative_date, i.evidence, i.evidence_start, i.evidence_end, i.confidence, i.id, i.article_id,
               a.file, a.published, i.also, i.date_basis, i.geo_precision, i.division, \(figureColumns.map { "i." + $0 }.joined(separator: ", ")), i.incident_id
        """

    static func incident(_ row: Statement) -> StoredIncident {
        var incident = FindingsRecord.Incident(
            type: row.text(0) ?? "", agents: (row.text(1) ?? "").split(separator: " ").map(String.init), target: row.text(2),
            places: (row.text(3) ?? "").split(separator: "|").map(String.init), admin1: row.text(4), country: row.text(5),
            lat: row.isNull(6) ? nil : row.double(6), lon: row.isNull(7) ? nil : row.double(7),
            count: row.isNull(8) ? nil : Int(row.int64(8)), countQualifier: row.text(9), date: row.text(10), datePrecision: row.text(11),
            relativeDate: row.text(12), evidence: row.text(13) ?? "", evidenceStart: Int(row.int64(14)), evidenceEnd: Int(row.int64(15)),
            confidence: row.double(16))
        incident.id = row.int64(17)
        incident.also = (row.text(21) ?? "").split(separator: " ").map(String.init)
        incident.dateBasis = row.text(22)
        incident.geoPrecision = row.isNull(23) ? nil : Int(row.int64(23))
        incident.division = row.text(24)
        for (index, role) in Figure.Role.allCases.enumerated() {
            let column = Int32(25 + 3 * index)
            guard !row.isNull(column) || row.text(column + 1) != nil else { continue }
            incident[role] = Figure(
                value: row.isNull(column) ? nil : Int(row.int64(column)), qualifier: row.text(column + 1),
                estimate: row.isNull(column + 2) ? nil : Int(row.int64(column + 2)))
        }
        let merged = Int32(25 + 3 * Figure.Role.allCases.count)
        incident.incidentId = row.isNull(merged) ? nil : row.int64(merged)
        return StoredIncident(id: row.int64(17), articleID: row.int64(18), file: row.text(19) ?? "", published: row.text(20), incident: incident)
    }
}
