// What a reader is asked and answers besides articles: incidents, filters, counts, and how
// search text is analyzed.

/// An incident with the article it was read from, as `events` lists them.
public struct StoredIncident: Sendable, Equatable {
    public var id: Int64
    public var articleID: Int64
    public var file: String
    public var published: String?
    public var incident: FindingsRecord.Incident

    public init(id: Int64, articleID: Int64, file: String, published: String? = nil, incident: FindingsRecord.Incident) {
        self.id = id
        self.articleID = articleID
        self.file = file
        self.published = published
        self.incident = incident
    }
}

/// Filters of `events`: each nil is "any".
public struct IncidentFilter: Sendable, Equatable {
    public var type: String?
    /// A Syrian governorate's p-code: incidents in it.
    public var admin1: String?
    /// A place's Arabic name as the gazetteer writes it: incidents there.
    public var placeName: String?
    /// An ISO country code: incidents in that country.
    public var country: String?
    /// An ISO 3166-2 code: incidents in that first-level division ("IQ-NI").
    public var division: String?
    /// An actor id, as agent or target.
    public var actor: String?
    /// Inclusive ISO dates, compared with the incident's date, else its article's publication
    /// date; an incident with neither matches no date range.
    public var since: String?
    public var until: String?
    public var limit: Int

    public init(
        type: String? = nil, admin1: String? = nil, placeName: String? = nil, country: String? = nil, actor: String? = nil,
        since: String? = nil, until: String? = nil, limit: Int = 100
    ) {
        self.type = type
        self.admin1 = admin1
        self.placeName = placeName
        self.country = country
        self.actor = actor
        self.since = since
        self.until = until
        self.limit = limit
    }
}

/// How often something is named: in how many articles, how many times, in how many incidents
/// (`places.list`, `actors.list`).
public struct NamedCount: Sendable, Equatable, Codable {
    /// A p-code, an ISO code, an Arabic place name or an actor id.
    public var key: String
    public var nameAr: String?
    public var nameEn: String?
    public var kind: String?
    public var admin1: String?
    public var country: String?
    public var articles: Int
    public var mentions: Int
    public var incidents: Int

    public init(
        key: String, nameAr: String? = nil, nameEn: String? = nil, kind: String? = nil, admin1: String? = nil, country: String? = nil, articles: Int,
        mentions: Int, incidents: Int
    ) {
        self.key = key
        self.nameAr = nameAr
        self.nameEn = nameEn
        self.kind = kind
        self.admin1 = admin1
        self.country = country
        self.articles = articles
        self.mentions = mentions
        self.incidents = incidents
    }
}

/// How search text is analyzed, supplied by the daemon from MarsadText so that queries and
/// the index meet in one form (the store itself knows no Arabic).
public struct SearchAnalyzer: Sendable {
    /// The search-form words of a word as a user typed it, each with its other forms.
    public var queryWords: @Sendable (String) -> [(word: String, variants: [String])]
    /// Every term a word of an article's text is indexed under (to mark it in snippets).
    public var terms: @Sendable (String) -> Set<String>

    public init(
        queryWords: @escaping @Sendable (String) -> [(word: String, variants: [String])],
        terms: @escaping @Sendable (String) -> Set<String>
    ) {
        self.queryWords = queryWords
        self.terms = terms
    }
}
