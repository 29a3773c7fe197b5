import MarsadModel

/// What a merged incident's reports add up to, kept as they come: each report is added
/// once (`add`), two incidents found to be one are combined (`combine`), and the merged
/// record is read off (`merged`) without reading the reports again. So merging a report
/// costs the same whether its incident has two reports or ten thousand.
public struct IncidentTally: Sendable, Equatable, Codable {
    public var types: [String: Int] = [:]
    public var agents: [String: Int] = [:]
    public var targets: [String: Int] = [:]
    /// The report that locates it best: lowest geo-precision, then most places, then first.
    public var located: Location?
    /// The earliest day a report states, and the earliest report's day.
    public var statedDay: Int?
    public var earliestDay: Int?
    public var firstReported: Int?
    public var lastReported: Int?
    /// Per role, the latest report day that gives a figure and the lowest figure of that day.
    public var figures: [String: DayFigure] = [:]
    public var outlets: Set<String> = []
    public var mentions = 0
    /// How many articles (reports come in article order: a report of another article than
    /// the last one added is a new article).
    public var articles = 0
    public var lastArticle: Int64?

    public struct Location: Sendable, Equatable, Codable {
        public var precision: Int
        public var places: [String]
        public var admin1: String?
        public var country: String?
        public var division: String?
        public var lat: Double?
        public var lon: Double?
    }

    public struct DayFigure: Sendable, Equatable, Codable {
        public var day: Int
        public var value: Int
    }

    public init() {}

    public mutating func add(_ mention: IncidentMention) {
        let incident = mention.incident
        mentions += 1
        if mention.articleID != lastArticle { articles += 1 }
        lastArticle = max(lastArticle ?? mention.articleID, mention.articleID)
        types[incident.type, default: 0] += 1
        for agent in incident.agents { agents[agent, default: 0] += 1 }
        if let target = incident.target { targets[target, default: 0] += 1 }
        let location = Location(
            precision: incident.geoPrecision ?? 5, places: incident.places, admin1: incident.admin1, country: incident.country,
            division: incident.division, lat: incident.lat, lon: incident.lon)
        if located == nil || Self.better(location, than: located!) { located = location }
        if let day = mention.day {
            if day.explicit { statedDay = Self.least(statedDay, day.number) }
            earliestDay = Self.least(earliestDay, day.number)
        }
        if let day = mention.reportDay {
            firstReported = Self.least(firstReported, day)
            lastReported = max(lastReported ?? day, day)
        }
        for role in Figure.Role.allCases {
            guard let figure = incident[role], let value = figure.value ?? figure.estimate else { continue }
            Self.record(DayFigure(day: mention.reportDay ?? Int.min, value: value), in: &figures[role.rawValue])
        }
        if let outlet = mention.outlet { outlets.insert(outlet) }
    }

    /// Two incidents found to be one.
    public mutating func combine(_ other: IncidentTally) {
        mentions += other.mentions
        articles += other.articles - (other.lastArticle == lastArticle ? 1 : 0)
        lastArticle = [lastArticle, other.lastArticle].compactMap { $0 }.max()
        types.merge(other.types, uniquingKeysWith: +)
        agents.merge(other.agents, uniquingKeysWith: +)
        targets.merge(other.targets, uniquingKeysWith: +)
        if let location = other.located, located == nil || Self.better(location, than: located!) { located = location }
        statedDay = [statedDay, other.statedDay].compactMap { $0 }.min()
        earliestDay = [earliestDay, other.earliestDay].compactMap { $0 }.min()
        firstReported = [firstReported, other.firstReported].compactMap { $0 }.min()
        lastReported = [lastReported, other.lastReported].compactMap { $0 }.max()
        for (role, figure) in other.figures { Self.record(figure, in: &figures[role]) }
        outlets.formUnion(other.outlets)
    }

    /// The merged incident these reports make.
    public func merged(id: Int64) -> MergedIncident {
        let type =
            types.max { a, b in
                a.value != b.value ? a.value < b.value : Consolidation.rank(a.key) > Consolidation.rank(b.key)
            }?.key ?? "attack"
        func ranked(_ votes: [String: Int]) -> [String] {
            votes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        }
        var merged = MergedIncident(
            id: id, type: type, places: located?.places ?? [], admin1: located?.admin1, country: located?.country,
            division: located?.division, lat: located?.lat, lon: located?.lon, geoPrecision: located.map { min($0.precision, 4) },
            date: (statedDay ?? earliestDay).map(DayNumber.iso), agents: ranked(agents), target: ranked(targets).first,
            mentions: mentions, articles: articles, outlets: outlets.sorted(), firstReported: firstReported.map(DayNumber.iso),
            lastReported: lastReported.map(DayNumber.iso))
        for role in Figure.Role.allCases { merged[role] = figures[role.rawValue]?.value }
        return merged
    }

    /// ACLED's rule for conflicting reports, the most conservative credible figure: the
    /// lowest of the reports that give one on the latest day any does (a toll that rose the
    /// next day supersedes the first; a vague number counts at its estimate).
    static func record(_ figure: DayFigure, in slot: inout DayFigure?) {
        guard let current = slot else {
            slot = figure
            return
        }
        if figure.day > current.day || (figure.day == current.day && figure.value < current.value) { slot = figure }
    }

    static func better(_ a: Location, than b: Location) -> Bool {
        a.precision != b.precision ? a.precision < b.precision : a.places.count > b.places.count
    }

    static func least(_ a: Int?, _ b: Int) -> Int { min(a ?? b, b) }
}
