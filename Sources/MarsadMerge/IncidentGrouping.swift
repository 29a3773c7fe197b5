/// Where a new report goes among the incidents already merged: the incremental step of
/// merging, run at ingest in article order (and again in that order by `reprocess --all`,
/// which therefore gives what ingest gave).
public enum IncidentGrouping {
    /// An incident as merged so far: its id and its reports.
    public struct Group: Sendable {
        public var id: Int64
        public var mentions: [IncidentMention]
        public init(id: Int64, mentions: [IncidentMention]) {
            self.id = id
            self.mentions = mentions
        }
    }

    /// What to do with a new report.
    public struct Decision: Sendable, Equatable {
        /// The groups it joins, smallest id first: the first keeps its id, the others merge
        /// into it (a later report can show that two earlier incidents were one). Empty: a
        /// new incident.
        public var groups: [Int64]
        /// The report it was found to be the same as, and what agreed.
        public var matched: (articleID: Int64, position: Int, agreement: IncidentRules.Agreement)?

        public static func == (a: Decision, b: Decision) -> Bool {
            a.groups == b.groups && a.matched?.articleID == b.matched?.articleID && a.matched?.position == b.matched?.position
                && a.matched?.agreement == b.matched?.agreement
        }
    }

    /// Joins every candidate group that has a report the same as `mention` and none that
    /// disagrees with it on where or when (`Conflict.isWhereOrWhen`: a group's reports may
    /// differ on type and actors among themselves), provided the groups joined do not
    /// disagree so with each other.
    /// Among several, the best match (finest place level, then most fields) is the evidence.
    /// A report that agrees with groups only at the country joins the one such group when
    /// there is exactly one, and none when there are several: which it is, is unknown.
    ///
    /// An analyst's decisions come first (`incidents split`, `incidents join`): a group that
    /// holds a report the analyst split from this one is never joined; one that holds a report
    /// the analyst joined with it always is.
    public static func place(
        _ mention: IncidentMention, among candidates: [Group], _ options: IncidentRules.Options, decisions: AnalystDecisions = AnalystDecisions()
    ) -> Decision {
        var joined: [Group] = []
        var best: (articleID: Int64, position: Int, agreement: IncidentRules.Agreement)?
        var coarse: [(group: Group, match: (Int64, Int, IncidentRules.Agreement))] = []
        for group in candidates.sorted(by: { $0.id < $1.id }) where !decisions.apart.contains(group.id) {
            if decisions.together.contains(group.id) {
                joined.append(group)
                let anchor = group.mentions.min { ($0.articleID, $0.position) < ($1.articleID, $1.position) }
                if best == nil, let anchor { best = (anchor.articleID, anchor.position, IncidentRules.Agreement(fields: ["analyst"], level: 0)) }
                continue
            }
            var match: (Int64, Int, IncidentRules.Agreement)?
            var coarseMatch: (Int64, Int, IncidentRules.Agreement)?
            var conflict = false
            for member in group.mentions {
                switch IncidentRules.compare(mention, member, options) {
                case .conflict(let reason): if reason.isWhereOrWhen { conflict = true }
                case .same(let agreement):
                    if match == nil || better(agreement, than: match!.2) { match = (member.articleID, member.position, agreement) }
                case .coarse(let agreement):
                    if coarseMatch == nil { coarseMatch = (member.articleID, member.position, agreement) }
                case .unknown: break
                }
                if conflict { break }
            }
            guard !conflict else { continue }
            if match == nil, let coarseMatch { coarse.append((group, coarseMatch)) }
            guard let match else { continue }
            // The groups joined must not conflict with each other either.
            let clashes = joined.contains { other in
                other.mentions.contains { a in
                    group.mentions.contains { b in
                        if case .conflict(let reason) = IncidentRules.compare(a, b, options) { return reason.isWhereOrWhen }
                        return false
                    }
                }
            }
            guard !clashes else { continue }
            joined.append(group)
            if best == nil || better(match.2, than: best!.agreement) { best = (match.0, match.1, match.2) }
        }
        if joined.isEmpty, coarse.count == 1 {
            return Decision(groups: [coarse[0].group.id], matched: (coarse[0].match.0, coarse[0].match.1, coarse[0].match.2))
        }
        return Decision(groups: joined.map(\.id), matched: best)
    }

    static func better(_ a: IncidentRules.Agreement, than b: IncidentRules.Agreement) -> Bool {
        a.level != b.level ? a.level < b.level : a.fields.count > b.fields.count
    }
}

/// What analysts decided about reports (`marsadctl incidents split / join`), as the merged
/// incidents a new report must not join, and those it must.
public struct AnalystDecisions: Sendable, Equatable {
    public var apart: Set<Int64>
    public var together: Set<Int64>
    public init(apart: Set<Int64> = [], together: Set<Int64> = []) {
        self.apart = apart
        self.together = together.subtracting(apart)
    }
}
