// Params and results of each method. Property names are camelCase here and snake_case on
// the wire (WireJSON), so `receivedAt` travels as "received_at".

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
    public struct Place: Codable, Sendable, Equatable {
        public var nameAr: String
        public var nameEn: String?
        public var pcode: String?
        public var admin1: String?
        public var country: String?
        public var lat: Double?
        public var lon: Double?
        public var kind: String?
        /// "eastern countryside", "north of"…: how the text placed it relative to the place.
        public var qualifier: String?
        public init(
            nameAr: String, nameEn: String?, pcode: String?, admin1: String?, country: String?, lat: Double?, lon: Double?,
            kind: String? = nil, qualifier: String? = nil
        ) {
            self.nameAr = nameAr
            self.nameEn = nameEn
            self.pcode = pcode
            self.admin1 = admin1
            self.country = country
            self.lat = lat
            self.lon = lon
            self.kind = kind
            self.qualifier = qualifier
        }
    }
    public struct Actor: Codable, Sendable, Equatable {
        public var id: String
        public var nameAr: String
        public init(id: String, nameAr: String) {
            self.id = id
            self.nameAr = nameAr
        }
    }
    public struct Person: Codable, Sendable, Equatable {
        public var nameAr: String
        public var roleAr: String?
        public init(nameAr: String, roleAr: String?) {
            self.nameAr = nameAr
            self.roleAr = roleAr
        }
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(nameAr, forKey: .nameAr)
            try container.encode(roleAr, forKey: .roleAr)
        }
    }
    public struct Quantity: Codable, Sendable, Equatable {
        /// null for a vague count ("العشرات"): no number is invented.
        public var value: Int?
        public var qualifier: String?
        public var text: String
        public init(value: Int?, qualifier: String?, text: String) {
            self.value = value
            self.qualifier = qualifier
            self.text = text
        }
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(value, forKey: .value)
            try container.encode(qualifier, forKey: .qualifier)
            try container.encode(text, forKey: .text)
        }
    }
    public struct Event: Codable, Sendable, Equatable {
        public var type: String
        public var admin1: String?
        public var country: String?
        public var places: [String]
        /// Agents (actor ids).
        public var actors: [String]
        public var target: String?
        public var count: Int?
        public var countQualifier: String?
        public var date: String?
        public var datePrecision: String?
        /// A relative date the text gives when the publication date is unknown ("قبل يومين").
        public var relativeDate: String?
        public var evidence: String
        /// Where the evidence is in `clean_text`, in Unicode scalars.
        public var evidenceStart: Int
        public var evidenceEnd: Int
        public var confidence: Double
        public var lat: Double?
        public var lon: Double?
        public init(
            type: String, admin1: String?, country: String?, places: [String], actors: [String], target: String?, count: Int?,
            countQualifier: String?, date: String?, datePrecision: String?, relativeDate: String?, evidence: String,
            evidenceStart: Int, evidenceEnd: Int, confidence: Double, lat: Double?, lon: Double?
        ) {
            self.type = type
            self.admin1 = admin1
            self.country = country
            self.places = places
            self.actors = actors
            self.target = target
            self.count = count
            self.countQualifier = countQualifier
            self.date = date
            self.datePrecision = datePrecision
            self.relativeDate = relativeDate
            self.evidence = evidence
            self.evidenceStart = evidenceStart
            self.evidenceEnd = evidenceEnd
            self.confidence = confidence
            self.lat = lat
            self.lon = lon
        }
        // Every field named, null when unknown: the contract's shape does not vary.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encode(admin1, forKey: .admin1)
            try container.encode(country, forKey: .country)
            try container.encode(places, forKey: .places)
            try container.encode(actors, forKey: .actors)
            try container.encode(target, forKey: .target)
            try container.encode(count, forKey: .count)
            try container.encode(countQualifier, forKey: .countQualifier)
            try container.encode(date, forKey: .date)
            try container.encode(datePrecision, forKey: .datePrecision)
            try container.encode(relativeDate, forKey: .relativeDate)
            try container.encode(evidence, forKey: .evidence)
            try container.encode(evidenceStart, forKey: .evidenceStart)
            try container.encode(evidenceEnd, forKey: .evidenceEnd)
            try container.encode(confidence, forKey: .confidence)
            try container.encode(lat, forKey: .lat)
            try container.encode(lon, forKey: .lon)
        }
    }

    public var id: Int64
    public var sha256: String
    public var file: String
    public var title: String?
    public var outlet: Outlet?
    public var published: String?
    public var receivedAt: String
    public var places: [Place]
    public var actors: [Actor]
    public var people: [Person]
    public var quantities: [Quantity]
    public var events: [Event]
    /// Media the article cites (Reuters…), apart from actors.
    public var citedMedia: [String] = []
    /// The extractor version that produced places…events; null when not extracted yet.
    public var extractorVersion: Int?
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

    // Optionals are written as null rather than left out: the contract names every field.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(file, forKey: .file)
        try container.encode(title, forKey: .title)
        try container.encode(outlet, forKey: .outlet)
        try container.encode(published, forKey: .published)
        try container.encode(receivedAt, forKey: .receivedAt)
        try container.encode(places, forKey: .places)
        try container.encode(actors, forKey: .actors)
        try container.encode(people, forKey: .people)
        try container.encode(quantities, forKey: .quantities)
        try container.encode(events, forKey: .events)
        try container.encode(citedMedia, forKey: .citedMedia)
        try container.encode(extractorVersion, forKey: .extractorVersion)
        try container.encode(cleanText, forKey: .cleanText)
        try container.encode(removedLines, forKey: .removedLines)
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
