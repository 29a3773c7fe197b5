import MarsadModel

/// What a merged incident says, from its reports (`MergedIncident`).
public enum Consolidation {
    /// Types by how much they tell, for a tie between reports: an assassination says more
    /// than the attack it was.
    static let specificity = [
        "assassination", "explosion", "airstrike", "execution", "abduction", "foiled-plot", "arrest", "raid", "seizure", "clash", "attack",
    ]

    public static func merge(id: Int64, _ mentions: [IncidentMention]) -> MergedIncident {
        precondition(!mentions.isEmpty, "an incident has a report")
        let ordered = mentions.sorted { ($0.articleID, $0.position) < ($1.articleID, $1.position) }
        // The type most reports give; a tie to the more specific.
        var typeVotes: [String: Int] = [:]
        for mention in ordered { typeVotes[mention.incident.type, default: 0] += 1 }
        let type = typeVotes.max { a, b in
            a.value != b.value ? a.value < b.value : rank(a.key) > rank(b.key)
        }!.key
        // Where: the report that locates it best (lowest geo-precision, then most places).
        let located = ordered.min { a, b in
            let pa = a.incident.geoPrecision ?? 5
            let pb = b.incident.geoPrecision ?? 5
            return pa != pb ? pa < pb : a.incident.places.count > b.incident.places.count
        }!.incident
        // When: the earliest stated day, else the earliest report's.
        let days = ordered.compactMap(\.day)
        let stated = days.filter(\.explicit).map(\.number).min()
        let date = (stated ?? days.map(\.number).min()).map(DayNumber.iso)
        var agentVotes: [String: Int] = [:]
        var targetVotes: [String: Int] = [:]
        for mention in ordered {
            for agent in mention.incident.agents { agentVotes[agent, default: 0] += 1 }
            if let target = mention.incident.target { targetVotes[target, default: 0] += 1 }
        }
        let agents = agentVotes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        let target = targetVotes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first?.key
        let reportDays = ordered.compactMap(\.reportDay)
        var merged = MergedIncident(
            id: id, type: type, places: located.places, admin1: located.admin1, country: located.country, division: located.division,
            lat: located.lat, lon: located.lon, geoPrecision: located.geoPrecision, date: date, agents: agents, target: target,
            mentions: ordered.count, articles: Set(ordered.map(\.articleID)).count,
            outlets: Set(ordered.compactMap(\.outlet)).sorted(),
            firstReported: reportDays.min().map(DayNumber.iso), lastReported: reportDays.max().map(DayNumber.iso))
        for role in Figure.Role.allCases { merged[role] = figure(role, ordered) }
        return merged
    }

    /// ACLED's rule for conflicting reports, the most conservative credible figure: the
    /// lowest of the reports that give one on the latest day any does (a vague number
    /// counts at its estimate).
    static func figure(_ role: Figure.Role, _ mentions: [IncidentMention]) -> Int? {
        let given = mentions.compactMap { mention -> (day: Int, value: Int)? in
            guard let figure = mention.incident[role], let value = figure.value ?? figure.estimate else { return nil }
            return (mention.reportDay ?? Int.min, value)
        }
        guard let latest = given.map(\.day).max() else { return nil }
        return given.filter { $0.day == latest }.map(\.value).min()
    }

    /// Whether a report is a development of the incident: reported on a later day than
    /// the first report, with a higher figure than that day's.
    public static func isDevelopment(_ mention: IncidentMention, of mentions: [IncidentMention]) -> Bool {
        guard let day = mention.reportDay, let first = mentions.compactMap(\.reportDay).min(), day > first else { return false }
        let earlier = mentions.filter { $0.reportDay == first }
        return Figure.Role.allCases.contains { role in
            guard let figure = mention.incident[role], let value = figure.value ?? figure.estimate,
                let before = self.figure(role, earlier)
            else { return false }
            return value > before
        }
    }

    static func rank(_ type: String) -> Int { specificity.firstIndex(of: type) ?? specificity.count }
}
