/// A story: the articles that tell one piece of news (issue 17), as `stories` lists it.
public struct StorySummary: Sendable, Equatable, Codable {
    /// The smallest article id of the story.
    public var id: Int64
    public var size: Int
    public var outlets: [String]
    /// The first and last day an article of it was published (else received).
    public var firstSeen: String?
    public var lastSeen: String?
    /// The headline of its first article.
    @ExplicitNull public var title: String?

    public init(id: Int64, size: Int, outlets: [String], firstSeen: String?, lastSeen: String?, title: String?) {
        self.id = id
        self.size = size
        self.outlets = outlets
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.title = title
    }
}

/// Another article of an article's story, and why it is one (the link the rules found, if
/// these two were compared directly).
public struct StoryMember: Sendable, Equatable, Codable {
    public var id: Int64
    @ExplicitNull public var title: String?
    @ExplicitNull public var outlet: String?
    @ExplicitNull public var published: String?
    /// "near-duplicate" or "rewrite"; null when the two are one story through others.
    @ExplicitNull public var reason: String?
    @ExplicitNull public var shingles: Double?
    @ExplicitNull public var lead: Double?

    public init(
        id: Int64, title: String?, outlet: String?, published: String?, reason: String? = nil, shingles: Double? = nil, lead: Double? = nil
    ) {
        self.id = id
        self.title = title
        self.outlet = outlet
        self.published = published
        self.reason = reason
        self.shingles = shingles
        self.lead = lead
    }
}

/// One report of a merged incident: the article's own incident with its figures, and why
/// it was merged.
public struct IncidentReport: Sendable, Equatable, Codable {
    public var articleId: Int64
    public var position: Int
    public var file: String
    @ExplicitNull public var outlet: String?
    @ExplicitNull public var published: String?
    public var event: FindingsRecord.Incident
    /// The report it was found the same as, and the fields that agreed ("type place date");
    /// null for the incident's first report.
    @ExplicitNull public var matchedArticle: Int64?
    @ExplicitNull public var matchedPosition: Int?
    public var agreed: [String]
    /// A later report with a higher figure: the toll rose.
    public var development: Bool

    public init(
        articleId: Int64, position: Int, file: String, outlet: String?, published: String?, event: FindingsRecord.Incident,
        matchedArticle: Int64? = nil, matchedPosition: Int? = nil, agreed: [String] = [], development: Bool = false
    ) {
        self.articleId = articleId
        self.position = position
        self.file = file
        self.outlet = outlet
        self.published = published
        self.event = event
        self.matchedArticle = matchedArticle
        self.matchedPosition = matchedPosition
        self.agreed = agreed
        self.development = development
    }
}
