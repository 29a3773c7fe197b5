// Params and results of each method. Property names are camelCase here and snake_case on
// the wire (WireJSON), so `receivedAt` travels as "received_at".

import MarsadModel

// MARK: export

public struct ExportParams: Codable, Sendable, Equatable {
    /// Start after this article id (0 or absent: from the first).
    public var afterId: Int64?
    /// At most this many articles in one answer (default 100, at most 1000).
    public var limit: Int?
    public init(afterId: Int64? = nil, limit: Int? = nil) {
        self.afterId = afterId
        self.limit = limit
    }
}

/// One article in the export contract (DESIGN §9). Fields marsad cannot fill yet are empty
/// arrays or null, never invented.
public struct ExportRecord: Codable, Sendable, Equatable {
    public struct Outlet: Codable, Sendable, Equatable {
        public var ar: String?
        public var en: String?
        public init(ar: String?, en: String?) {
            self.ar = ar
            self.en = en
        }
    }
    public struct Actor: Codable, Sendable, Equatable {
        public var id: String
        public var nameAr: String
        /// For a state ("IQ-GOV"): the body the text named ("army", "police",
        /// "intelligence", "interior ministry"…); null when it named none.
        @ExplicitNull public var body: String?
        public init(id: String, nameAr: String, body: String? = nil) {
            self.id = id
            self.nameAr = nameAr
            self.body = body
        }
    }
    /// The model's records, on the wire as they are (MarsadModel/FindingsRecord.swift).
    public typealias Place = FindingsRecord.Place
    public typealias Person = FindingsRecord.Person
    public typealias Quantity = FindingsRecord.Quantity
    public typealias Event = FindingsRecord.Incident

    public var id: Int64
    public var sha256: String
    public var file: String
    @ExplicitNull public var title: String?
    @ExplicitNull public var outlet: Outlet?
    @ExplicitNull public var published: String?
    /// Where `published` comes from: "text" or "filename".
    @ExplicitNull public var publishedBasis: String?
    /// The story the article tells: the smallest article id of the articles that tell it.
    @ExplicitNull public var storyId: Int64?
    public var receivedAt: String
    public var places: [Place]
    public var actors: [Actor]
    public var people: [Person]
    public var quantities: [Quantity]
    public var events: [Event]
    /// Media the article cites (Reuters…), apart from actors.
    public var citedMedia: [String] = []
    /// The extractor version that produced places…events; null when not extracted yet.
    @ExplicitNull public var extractorVersion: Int?
    public var cleanText: String
    public var removedLines: [String]

    public init(
        id: Int64, sha256: String, file: String, title: String?, outlet: Outlet?, published: String?,
        receivedAt: String, places: [Place] = [], actors: [Actor] = [], people: [Person] = [],
        quantities: [Quantity] = [], events: [Event] = [], cleanText: String, removedLines: [String]
    ) {
        self.id = id
        self.sha256 = sha256
        self.file = file
        self.title = title
        self.outlet = outlet
        self.published = published
        self.receivedAt = receivedAt
        self.places = places
        self.actors = actors
        self.people = people
        self.quantities = quantities
        self.events = events
        self.cleanText = cleanText
        self.removedLines = removedLines
    }
}

public struct ExportResult: Codable, Sendable, Equatable {
    public var articles: [ExportRecord]
    /// Pass as `after_id` to get the next batch; null when this batch was the last.
    public var nextAfterId: Int64?
    public init(articles: [ExportRecord], nextAfterId: Int64?) {
        self.articles = articles
        self.nextAfterId = nextAfterId
    }
}
