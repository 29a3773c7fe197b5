/// One incident as several reports tell it (issue 17): what the merged reports agree on,
/// the figures ACLED would keep, and how many articles and outlets reported it. Each
/// report keeps its own figures in its article's incident; this record is derived from
/// them (`MarsadMerge.Consolidation`) and can be made again at any time.
public struct MergedIncident: Sendable, Equatable, Codable {
    /// Stable across reprocessing while the merge does not change: the id the incident got
    /// when its first report (its anchor) was stored.
    public var id: Int64
    public var type: String
    /// The places of the report that locates it best, most specific first.
    public var places: [String]
    @ExplicitNull public var admin1: String?
    @ExplicitNull public var country: String?
    @ExplicitNull public var division: String?
    @ExplicitNull public var lat: Double?
    @ExplicitNull public var lon: Double?
    @ExplicitNull public var geoPrecision: Int?
    /// The day it happened: the earliest a report states, else the earliest report's day.
    @ExplicitNull public var date: String?
    /// Who did it: every report's agents, the most named first.
    public var agents: [String]
    @ExplicitNull public var target: String?
    /// Per role, ACLED's conservative figure: the lowest of the latest day's reports that
    /// give one (a toll that rose the next day supersedes the first).
    @ExplicitNull public var killed: Int?
    @ExplicitNull public var injured: Int?
    @ExplicitNull public var captured: Int?
    @ExplicitNull public var kidnapped: Int?
    /// How many reports, articles and outlets.
    public var mentions: Int
    public var articles: Int
    public var outlets: [String]
    /// The first and the last day it was reported.
    @ExplicitNull public var firstReported: String?
    @ExplicitNull public var lastReported: String?

    public init(
        id: Int64, type: String, places: [String], admin1: String? = nil, country: String? = nil, division: String? = nil,
        lat: Double? = nil, lon: Double? = nil, geoPrecision: Int? = nil, date: String? = nil, agents: [String] = [],
        target: String? = nil, killed: Int? = nil, injured: Int? = nil, captured: Int? = nil, kidnapped: Int? = nil,
        mentions: Int = 1, articles: Int = 1, outlets: [String] = [], firstReported: String? = nil, lastReported: String? = nil
    ) {
        self.id = id
        self.type = type
        self.places = places
        self.admin1 = admin1
        self.country = country
        self.division = division
        self.lat = lat
        self.lon = lon
        self.geoPrecision = geoPrecision
        self.date = date
        self.agents = agents
        self.target = target
        self.killed = killed
        self.injured = injured
        self.captured = captured
        self.kidnapped = kidnapped
        self.mentions = mentions
        self.articles = articles
        self.outlets = outlets
        self.firstReported = firstReported
        self.lastReported = lastReported
    }

    /// The figure of a role.
    public subscript(role: Figure.Role) -> Int? {
        get {
            switch role {
            case .killed: killed
            case .injured: injured
            case .captured: captured
            case .kidnapped: kidnapped
            }
        }
        set {
            switch role {
            case .killed: killed = newValue
            case .injured: injured = newValue
            case .captured: captured = newValue
            case .kidnapped: kidnapped = newValue
            }
        }
    }
}
