import Foundation
import MarsadMerge
import MarsadModel

/// Incidents across articles: each report of a stored article placed among the merged
/// incidents (MarsadMerge.IncidentGrouping). Bounded work per report however large the
/// store or an incident grows: candidates come from `incident_keys` by (type, country,
/// day) and from the latest articles of the report's story; a candidate is compared
/// through its anchor and its latest reports; its merged record is kept as a tally.
extension Connection {
    /// The columns of a report as merging reads it: `incidentSelect`, then position,
    /// incident_id, story_id, outlet and the report's day.
    static let mentionSelect =
        incidentSelect + """
            , i.position, i.incident_id, a.story_id, coalesce(a.outlet_en, a.outlet_ar),
            CASE WHEN length(a.published) = 10 THEN a.published ELSE substr(a.received_at, 1, 10) END
            FROM incidents i JOIN articles a ON a.id = i.article_id
            """
    static let mentionColumn: Int32 = 26 + 3 * Int32(Figure.Role.allCases.count)

    static func mention(_ row: Statement) -> IncidentMention {
        let stored = incident(row)
        let column = mentionColumn
        return IncidentMention(
            articleID: stored.articleID, position: Int(row.int64(column)), storyID: row.isNull(column + 2) ? nil : row.int64(column + 2),
            outlet: row.text(column + 3), reportDay: DayNumber.of(row.text(column + 4)), incident: stored.incident)
    }

    /// Reports of a candidate incident compared with a new report: its anchor and its latest.
    static let comparedReports = 16
    /// Candidate incidents of a report by (type, country, day) at most, the newest: a day of
    /// a hundred attacks in one country costs no more than a day of forty.
    static let keyCandidates = 40
    /// Articles of the report's story whose incidents are candidates: the latest.
    static let storyCandidates = 50

    /// Places each report of a stored article (linked to its story first) among the merged
    /// incidents, in the caller's transaction. `reuse` gives ids back to anchors they had
    /// before a relink; `nextID` is the first id free of them (nil: SQLite's next).
    func mergeIncidents(articleID id: Int64, _ options: MergeOptions, reuse: [String: Int64] = [:], nextID: inout Int64?) throws(StoreError) {
        let own = try prepare("\(Self.mentionSelect) WHERE i.article_id = ? ORDER BY i.position").bind(.integer(id))
        var mentions: [IncidentMention] = []
        while try own.step() { mentions.append(Self.mention(own)) }
        for mention in mentions {
            var groupIDs: Set<Int64> = try candidates(for: mention, options)
            if let story = mention.storyID {
                let sameStory = try prepare(
                    """
                    SELECT DISTINCT i.incident_id FROM incidents i
                    WHERE i.article_id IN (SELECT id FROM articles WHERE story_id = ? ORDER BY id DESC LIMIT ?) AND i.incident_id IS NOT NULL
                    """
                ).bind(.integer(story), .int(Self.storyCandidates))
                while try sameStory.step() { groupIDs.insert(sameStory.int64(0)) }
            }
            let decisions = try analystDecisions(for: mention)
            groupIDs.formUnion(decisions.together)
            var groups: [IncidentGrouping.Group] = []
            for groupID in groupIDs.sorted() { groups.append(IncidentGrouping.Group(id: groupID, mentions: try sample(of: groupID))) }
            let decision = IncidentGrouping.place(mention, among: groups, options.incidents, decisions: decisions)

            let target: Int64
            var tally: IncidentTally
            if decision.groups.isEmpty {
                target = try newIncident(anchor: mention, reuse: reuse, nextID: &nextID)
                tally = IncidentTally()
            } else {
                // The incident whose first report is earliest keeps its id; the others join it.
                var anchors: [(id: Int64, anchor: (Int64, Int), tally: IncidentTally)] = []
                for groupID in decision.groups {
                    let row = try prepare("SELECT anchor_article, anchor_position, tally FROM merged_incidents WHERE id = ?").bind(.integer(groupID))
                    guard try row.step() else { continue }
                    anchors.append((groupID, (row.int64(0), Int(row.int64(1))), Self.tally(row.text(2))))
                }
                anchors.sort { $0.anchor < $1.anchor }
                target = anchors[0].id
                tally = anchors[0].tally
                for other in anchors.dropFirst() {
                    try prepare("UPDATE incidents SET incident_id = ? WHERE incident_id = ?").bind(.integer(target), .integer(other.id)).run()
                    try prepare(
                        """
                        INSERT OR IGNORE INTO incident_keys (type, country, division, day, incident_id)
                        SELECT type, country, division, day, ? FROM incident_keys WHERE incident_id = ?
                        """
                    ).bind(.integer(target), .integer(other.id)).run()
                    try prepare("DELETE FROM incident_keys WHERE incident_id = ?").bind(.integer(other.id)).run()
                    try prepare("DELETE FROM merged_incidents WHERE id = ?").bind(.integer(other.id)).run()
                    tally.combine(other.tally)
                }
                if let matched = decision.matched {
                    try prepare(
                        """
                        INSERT OR REPLACE INTO incident_links (article_id, position, matched_article, matched_position, fields, development)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """
                    ).bind(
                        .integer(id), .int(mention.position), .integer(matched.articleID), .int(matched.position),
                        .text(matched.agreement.fields.joined(separator: " ")), .int(Consolidation.isDevelopment(mention, of: tally) ? 1 : 0)
                    ).run()
                }
            }
            tally.add(mention)
            try prepare("UPDATE incidents SET incident_id = ? WHERE article_id = ? AND position = ?").bind(
                .integer(target), .integer(id), .int(mention.position)
            ).run()
            if let country = mention.incident.country, let day = mention.day?.number {
                try prepare("INSERT OR IGNORE INTO incident_keys (type, country, division, day, incident_id) VALUES (?, ?, ?, ?, ?)").bind(
                    .text(mention.incident.type), .text(country), .text(mention.incident.division ?? ""), .int(day), .integer(target)
                ).run()
            }
            try write(tally, of: target)
        }
    }

    /// The incidents an analyst kept a report apart from or joined it with: those of the
    /// earlier reports named with it in `merge_decisions`.
    func analystDecisions(for mention: IncidentMention) throws(StoreError) -> AnalystDecisions {
        let rows = try prepare(
            """
            SELECT d.kind, i.incident_id FROM merge_decisions d
            JOIN incidents i ON i.article_id = d.article_b AND i.position = d.position_b
            WHERE d.article_a = ? AND d.position_a = ? AND i.incident_id IS NOT NULL
            """
        ).bind(.integer(mention.articleID), .int(mention.position))
        var apart: Set<Int64> = []
        var together: Set<Int64> = []
        while try rows.step() {
            if rows.text(0) == "apart" { apart.insert(rows.int64(1)) } else { together.insert(rows.int64(1)) }
        }
        return AnalystDecisions(apart: apart, together: together)
    }

    /// Merged incidents a report could be: a report of a compatible type in its country
    /// (and its division, or none) within the window of days.
    func candidates(for mention: IncidentMention, _ options: MergeOptions) throws(StoreError) -> Set<Int64> {
        guard let country = mention.incident.country, let day = mention.day?.number else { return [] }
        let types = Array(CompatibleTypes.partners(of: mention.incident.type).union(mention.incident.also)).sorted()
        let window = options.incidents.windowDays + 1
        var division = ""
        var values: [SQLValue] = types.map { .text($0) } + [.text(country), .int(day - window), .int(day + window)]
        if let known = mention.incident.division {
            division = "AND division IN ('', ?)"
            values.append(.text(known))
        }
        let rows = try prepare(
            """
            SELECT DISTINCT incident_id FROM incident_keys
            WHERE type IN (\(types.map { _ in "?" }.joined(separator: ","))) AND country = ? AND day BETWEEN ? AND ? \(division)
            ORDER BY incident_id DESC LIMIT \(Self.keyCandidates)
            """
        ).bind(values)
        var ids: Set<Int64> = []
        while try rows.step() { ids.insert(rows.int64(0)) }
        return ids
    }

    /// The reports of a merged incident a new report is compared with: its anchor and its
    /// `comparedReports` latest.
    func sample(of incidentID: Int64) throws(StoreError) -> [IncidentMention] {
        let latest = try prepare(
            "\(Self.mentionSelect) WHERE i.incident_id = ? ORDER BY i.article_id DESC, i.position DESC LIMIT ?"
        ).bind(.integer(incidentID), .int(Self.comparedReports))
        var mentions: [IncidentMention] = []
        while try latest.step() { mentions.append(Self.mention(latest)) }
        let anchor = try prepare(
            """
            \(Self.mentionSelect)
            WHERE i.article_id = (SELECT anchor_article FROM merged_incidents WHERE id = ?1)
              AND i.position = (SELECT anchor_position FROM merged_incidents WHERE id = ?1) AND i.incident_id = ?1
            """
        ).bind(.integer(incidentID))
        if try anchor.step() {
            let first = Self.mention(anchor)
            if !mentions.contains(where: { $0.articleID == first.articleID && $0.position == first.position }) { mentions.append(first) }
        }
        return mentions
    }

    /// A merged incident of one report; its id the one its anchor had, if any.
    func newIncident(anchor: IncidentMention, reuse: [String: Int64], nextID: inout Int64?) throws(StoreError) -> Int64 {
        var id = reuse[Self.anchorKey(anchor.articleID, anchor.position)]
        if id == nil, let next = nextID {
            id = next
            nextID = next + 1
        }
        try prepare(
            """
            INSERT INTO merged_incidents (id, anchor_article, anchor_position, type, places, agents, mentions, articles, outlets, tally)
            VALUES (?, ?, ?, ?, '', '', 1, 1, '', '{}')
            """
        ).bind(id.map { .integer($0) } ?? .null, .integer(anchor.articleID), .int(anchor.position), .text(anchor.incident.type)).run()
        return lastInsertRowID
    }

    static func anchorKey(_ article: Int64, _ position: Int) -> String { "\(article):\(position)" }

    static func tally(_ json: String?) -> IncidentTally {
        (try? JSONDecoder().decode(IncidentTally.self, from: Data((json ?? "{}").utf8))) ?? IncidentTally()
    }

    /// Writes a merged incident's tally and what it now says.
    func write(_ tally: IncidentTally, of incidentID: Int64) throws(StoreError) {
        let merged = tally.merged(id: incidentID)
        let json = (try? JSONEncoder().encode(tally)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        func int(_ value: Int?) -> SQLValue { value.map { .int($0) } ?? .null }
        try prepare(
            """
            UPDATE merged_incidents SET type = ?, places = ?, admin1 = ?, country = ?, division = ?,
                lat = ?, lon = ?, geo_precision = ?, date = ?, agents = ?, target = ?, killed = ?, injured = ?, captured = ?, kidnapped = ?,
                mentions = ?, articles = ?, outlets = ?, first_reported = ?, last_reported = ?, sort_day = ?, tally = ?
            WHERE id = ?
            """
        ).bind(
            .text(merged.type), .text(merged.places.joined(separator: "|")),
            .optional(merged.admin1), .optional(merged.country), .optional(merged.division), .optionalDouble(merged.lat),
            .optionalDouble(merged.lon), int(merged.geoPrecision), .optional(merged.date), .text(merged.agents.joined(separator: " ")),
            .optional(merged.target), int(merged.killed), int(merged.injured), int(merged.captured), int(merged.kidnapped),
            .int(merged.mentions), .int(merged.articles), .text(merged.outlets.joined(separator: "|")), .optional(merged.firstReported),
            .optional(merged.lastReported), .optional(merged.date ?? merged.firstReported), .text(json), .integer(incidentID)
        ).run()
    }
}
