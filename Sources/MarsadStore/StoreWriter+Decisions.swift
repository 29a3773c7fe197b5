import Foundation
import MarsadMerge
import MarsadModel

/// An analyst's corrections of merging (`marsadctl incidents split / join`): applied at
/// once to the incidents concerned, and kept as decisions that merging reads again when it
/// places those reports (at a relink, after reprocess).
extension StoreWriter {
    /// Moves `reports` (article id, position) out of incident `id` into a new incident of
    /// their own, and records that each is apart from each report that stays. Returns the
    /// new incident's id.
    public func splitIncident(id: Int64, reports: [(article: Int64, position: Int)], decidedBy uid: UInt32?) throws(StoreError) -> Int64 {
        try db.transaction { () throws(StoreError) -> Int64 in
            let members = try db.reportKeys(of: id)
            guard !members.isEmpty else { throw StoreError(.notFound, "no incident with id \(id)") }
            let moving = Set(reports.map { ReportKey($0.article, $0.position) })
            for key in moving where !members.contains(key) {
                throw StoreError(.badQuery, "report \(key) is not one of incident \(id)'s (marsadctl events \(id) lists them)")
            }
            let staying = members.filter { !moving.contains($0) }
            guard !staying.isEmpty else { throw StoreError(.badQuery, "a split must leave at least one report in incident \(id)") }
            for a in moving {
                for b in staying { try db.decide("apart", a, b, by: uid) }
            }
            // The old incident's anchor among the reports that stay, before the new one takes
            // the first report that moves as its own.
            let stays = staying.min()!
            try db.prepare("UPDATE merged_incidents SET anchor_article = ?, anchor_position = ? WHERE id = ?").bind(
                .integer(stays.article), .int(stays.position), .integer(id)
            ).run()
            let first = moving.min()!
            var next: Int64? = nil
            let anchor = IncidentMention(
                articleID: first.article, position: first.position, storyID: nil, outlet: nil, reportDay: nil, incident: try db.incidentRow(first))
            let newID = try db.newIncident(anchor: anchor, reuse: [:], nextID: &next)
            let move = try db.prepare("UPDATE incidents SET incident_id = ? WHERE article_id = ? AND position = ?")
            let unlink = try db.prepare("DELETE FROM incident_links WHERE article_id = ? AND position = ?")
            for key in moving {
                try move.bind(.integer(newID), .integer(key.article), .int(key.position)).run()
                try unlink.bind(.integer(key.article), .int(key.position)).run()
            }
            try db.rebuild(id)
            try db.rebuild(newID)
            return newID
        }
    }

    /// Makes incidents `ids` one (the one whose first report is earliest keeps its id) and
    /// records that their first reports are together. Returns the id kept.
    public func joinIncidents(_ ids: [Int64], decidedBy uid: UInt32?) throws(StoreError) -> Int64 {
        try db.transaction { () throws(StoreError) -> Int64 in
            var anchors: [(id: Int64, anchor: ReportKey)] = []
            for id in Set(ids) {
                guard let first = try db.reportKeys(of: id).min() else { throw StoreError(.notFound, "no incident with id \(id)") }
                anchors.append((id, first))
            }
            guard anchors.count >= 2 else { throw StoreError(.badQuery, "join needs two incidents or more") }
            anchors.sort { $0.anchor < $1.anchor }
            let keep = anchors[0]
            for other in anchors.dropFirst() {
                try db.prepare(
                    "DELETE FROM merge_decisions WHERE kind = 'apart' AND ((article_a = ? AND position_a = ?) OR (article_b = ? AND position_b = ?))"
                )
                .bind(.integer(other.anchor.article), .int(other.anchor.position), .integer(other.anchor.article), .int(other.anchor.position)).run()
                try db.decide("together", other.anchor, keep.anchor, by: uid)
                try db.prepare("UPDATE incidents SET incident_id = ? WHERE incident_id = ?").bind(.integer(keep.id), .integer(other.id)).run()
                try db.prepare("DELETE FROM incident_keys WHERE incident_id = ?").bind(.integer(other.id)).run()
                try db.prepare("DELETE FROM merged_incidents WHERE id = ?").bind(.integer(other.id)).run()
                try db.prepare(
                    """
                    INSERT OR REPLACE INTO incident_links (article_id, position, matched_article, matched_position, fields, development)
                    VALUES (?, ?, ?, ?, 'analyst', 0)
                    """
                ).bind(.integer(other.anchor.article), .int(other.anchor.position), .integer(keep.anchor.article), .int(keep.anchor.position)).run()
            }
            try db.rebuild(keep.id)
            return keep.id
        }
    }
}

/// A report: its article and its position among the article's incidents.
struct ReportKey: Hashable, Comparable, CustomStringConvertible {
    var article: Int64
    var position: Int
    init(_ article: Int64, _ position: Int) {
        self.article = article
        self.position = position
    }
    static func < (a: ReportKey, b: ReportKey) -> Bool { (a.article, a.position) < (b.article, b.position) }
    var description: String { "\(article)/\(position)" }
}

extension Connection {
    func reportKeys(of incidentID: Int64) throws(StoreError) -> [ReportKey] {
        let rows = try prepare("SELECT article_id, position FROM incidents WHERE incident_id = ? ORDER BY article_id, position").bind(
            .integer(incidentID))
        var keys: [ReportKey] = []
        while try rows.step() { keys.append(ReportKey(rows.int64(0), Int(rows.int64(1)))) }
        return keys
    }

    func incidentRow(_ key: ReportKey) throws(StoreError) -> FindingsRecord.Incident {
        let row = try prepare("\(Self.incidentColumns) WHERE i.article_id = ? AND i.position = ?").bind(.integer(key.article), .int(key.position))
        guard try row.step() else { throw StoreError(.notFound, "no report \(key)") }
        return Self.incident(row).incident
    }

    /// Records a decision about two reports, the later one first.
    func decide(_ kind: String, _ x: ReportKey, _ y: ReportKey, by uid: UInt32?) throws(StoreError) {
        let (later, earlier) = x < y ? (y, x) : (x, y)
        try prepare(
            """
            INSERT OR REPLACE INTO merge_decisions (kind, article_a, position_a, article_b, position_b, decided_at, decided_by)
            VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?)
            """
        ).bind(
            .text(kind), .integer(later.article), .int(later.position), .integer(earlier.article), .int(earlier.position),
            uid.map { .integer(Int64($0)) } ?? .null
        ).run()
    }

    /// Makes a merged incident's anchor, keys and tally again from all its reports (after an
    /// analyst moved some); deletes it when none is left.
    func rebuild(_ incidentID: Int64) throws(StoreError) {
        let rows = try prepare("\(Self.mentionSelect) WHERE i.incident_id = ? ORDER BY i.article_id, i.position").bind(.integer(incidentID))
        var mentions: [IncidentMention] = []
        while try rows.step() { mentions.append(Self.mention(rows)) }
        try prepare("DELETE FROM incident_keys WHERE incident_id = ?").bind(.integer(incidentID)).run()
        guard let first = mentions.first else {
            try prepare("DELETE FROM merged_incidents WHERE id = ?").bind(.integer(incidentID)).run()
            return
        }
        try prepare("UPDATE merged_incidents SET anchor_article = ?, anchor_position = ? WHERE id = ?").bind(
            .integer(first.articleID), .int(first.position), .integer(incidentID)
        ).run()
        var tally = IncidentTally()
        let key = try prepare("INSERT OR IGNORE INTO incident_keys (type, country, division, day, incident_id) VALUES (?, ?, ?, ?, ?)")
        for mention in mentions {
            tally.add(mention)
            if let country = mention.incident.country, let day = mention.day?.number {
                try key.bind(.text(mention.incident.type), .text(country), .text(mention.incident.division ?? ""), .int(day), .integer(incidentID))
                    .run()
            }
        }
        try write(tally, of: incidentID)
    }
}
