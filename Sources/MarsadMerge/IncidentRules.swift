import MarsadModel

/// When two reports are one incident (issue: "Incidents across articles"), and why.
///
/// Two reports of different articles are the same incident when
/// - their types agree: the same, one's type among the other's "also", or a pair of
///   `Resources/compatible-types.tsv`;
/// - their places agree at the finest level both give: two localities must be the same
///   place; a locality and a division (or two divisions) the same division; two reports
///   that agree only on the country are one incident only within one story;
/// - their days agree: two dates the texts state must be the same day; otherwise the days
///   (a stated date, else the report's day) are at most `windowDays` apart;
/// - their actors do not conflict: two reports that each name who did it name someone in
///   common; two targets named are the same.
/// Reports of one article are never merged: the extractor already told them apart.
public enum IncidentRules {
    public struct Options: Sendable, Equatable {
        public var windowDays: Int
        public init(windowDays: Int = 1) { self.windowDays = windowDays }
    }

    /// What agreed between two reports.
    public struct Agreement: Sendable, Equatable {
        /// "type", "place", "division", "country", "date", "actors", "story": in this order.
        public var fields: [String]
        /// The finest level the places agree at: 1 locality, 3 division, 4 country.
        public var level: Int
    }

    public enum Verdict: Sendable, Equatable {
        case same(Agreement)
        /// Not shown to be the same, with nothing against it (days too far apart, places
        /// too coarse outside one story).
        case unknown
        /// Something says they are two incidents.
        case conflict(String)
    }

    public static func compare(_ a: IncidentMention, _ b: IncidentMention, _ options: Options = Options()) -> Verdict {
        if a.articleID == b.articleID { return .conflict("same article") }
        let x = a.incident
        let y = b.incident
        guard typesAgree(x, y) else { return .conflict("types \(x.type) and \(y.type)") }
        var fields = ["type"]
        let sameStory = a.storyID != nil && a.storyID == b.storyID

        // Places, at the finest level both give.
        if let cx = x.country, let cy = y.country, cx != cy { return .conflict("countries \(cx) and \(cy)") }
        if let dx = x.division, let dy = y.division, dx != dy { return .conflict("divisions \(dx) and \(dy)") }
        if let ax = x.admin1, let ay = y.admin1, ax != ay { return .conflict("governorates \(ax) and \(ay)") }
        let level: Int
        let localX = (x.geoPrecision ?? 4) <= 2 && !x.places.isEmpty
        let localY = (y.geoPrecision ?? 4) <= 2 && !y.places.isEmpty
        if localX && localY {
            guard !Set(x.places).isDisjoint(with: y.places) else {
                return .conflict("places \(x.places.first ?? "") and \(y.places.first ?? "")")
            }
            level = 1
            fields.append("place")
        } else if (x.division ?? x.admin1) != nil && (y.division ?? y.admin1) != nil {
            level = 3
            fields.append("division")
        } else if x.country != nil && y.country != nil {
            level = 4
            fields.append("country")
        } else {
            level = 5
        }
        if level >= 4 && !sameStory { return .unknown }

        // Days.
        switch (a.day, b.day) {
        case (let dx?, let dy?):
            if dx.explicit && dy.explicit && dx.number != dy.number {
                return .conflict("dates \(DayNumber.iso(dx.number)) and \(DayNumber.iso(dy.number))")
            }
            guard abs(dx.number - dy.number) <= options.windowDays else { return .unknown }
            fields.append("date")
        default:
            guard sameStory else { return .unknown }
        }

        // Actors.
        let px = a.participants
        let py = b.participants
        if !px.isEmpty && !py.isEmpty {
            guard !px.isDisjoint(with: py) else {
                return .conflict("actors \(px.sorted().joined(separator: " ")) and \(py.sorted().joined(separator: " "))")
            }
            fields.append("actors")
        }
        if x.type != "clash", y.type != "clash", let tx = x.target, let ty = y.target, tx != ty {
            return .conflict("targets \(tx) and \(ty)")
        }
        if sameStory { fields.append("story") }
        return .same(Agreement(fields: fields, level: level))
    }

    static func typesAgree(_ x: FindingsRecord.Incident, _ y: FindingsRecord.Incident) -> Bool {
        if x.type == y.type || x.also.contains(y.type) || y.also.contains(x.type) { return true }
        return CompatibleTypes.pairs.contains(CompatibleTypes.key(x.type, y.type))
    }
}

/// The pairs of `Resources/compatible-types.tsv`.
enum CompatibleTypes {
    static let pairs: Set<String> = {
        var set: Set<String> = []
        for line in String(decoding: PackageResources.compatible_types_tsv, as: UTF8.self).split(separator: "\n") {
            guard !line.hasPrefix("#") else { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2 else { continue }
            set.insert(key(String(fields[0]), String(fields[1])))
        }
        return set
    }()

    static func key(_ a: String, _ b: String) -> String { a < b ? a + " " + b : b + " " + a }
}
