import MarsadModel

/// What a merged incident says, from its reports (`MergedIncident`).
public enum Consolidation {
    /// Types by how much they tell, for a tie between reports: an assassination says more
    /// than the attack it was.
    static let specificity = [
        "assassination", "explosion", "airstrike", "execution", "abduction", "foiled-plot", "arrest", "raid", "seizure", "clash", "attack",
    ]

    /// The merged incident of `mentions`, all at once (`IncidentTally` adds them one by one).
    public static func merge(id: Int64, _ mentions: [IncidentMention]) -> MergedIncident {
        var tally = IncidentTally()
        for mention in mentions.sorted(by: { ($0.articleID, $0.position) < ($1.articleID, $1.position) }) { tally.add(mention) }
        return tally.merged(id: id)
    }

    /// Whether a report is a development of the incident its tally adds up so far: reported
    /// on a later day than the first report, with a higher figure than the incident had.
    public static func isDevelopment(_ mention: IncidentMention, of tally: IncidentTally) -> Bool {
        guard let day = mention.reportDay, let first = tally.firstReported, day > first else { return false }
        return Figure.Role.allCases.contains { role in
            guard let figure = mention.incident[role], let value = figure.value ?? figure.estimate,
                let before = tally.figures[role.rawValue]?.value
            else { return false }
            return value > before
        }
    }

    static func rank(_ type: String) -> Int { specificity.firstIndex(of: type) ?? specificity.count }
}
