// Params and results of each method. Property names are camelCase here and snake_case on
// the wire (WireJSON), so `receivedAt` travels as "received_at".

// MARK: status

public struct StatusResult: Codable, Sendable, Equatable {
    /// "running", "paused" (by a user) or "stalled" (held back by a fault such as a full
    /// disk or a read-only database; retried until it clears, then "running" again).
    public var state: String
    public var articles: Int
    /// Files seen and waiting (settling or queued), plus the one in hand.
    public var queue: Int
    /// Files in failed/ (not retried automatically).
    public var failed: Int
    /// Drops of files already stored.
    public var duplicates: Int
    public var uptimeS: Double
    public var inbox: String
    public var database: String
    public var version: String
    public var pid: Int32
    public var startedAt: String
    public var lastIngestAt: String?
    /// The most recent error the daemon hit while ingesting (it kept running), if any.
    public var lastError: String?
    /// The configuration file in force (null: flags only).
    public var configFile: String?
    /// When the configuration was last reloaded successfully.
    public var lastReloadAt: String?
    /// Why the last reload was refused (the previous configuration stayed); null once a
    /// reload succeeds.
    public var reloadError: String?
    /// What is wrong right now (ingest stalled and why, the inbox missing); empty when all
    /// is well. Unlike `last_error`, each entry goes away when its cause does.
    public var problems: [String]

    public init(
        state: String, articles: Int, queue: Int, failed: Int, duplicates: Int, uptimeS: Double,
        inbox: String, database: String, version: String, pid: Int32, startedAt: String,
        lastIngestAt: String?, lastError: String?, configFile: String? = nil,
        lastReloadAt: String? = nil, reloadError: String? = nil, problems: [String] = []
    ) {
        self.problems = problems
        self.configFile = configFile
        self.lastReloadAt = lastReloadAt
        self.reloadError = reloadError
        self.state = state
        self.articles = articles
        self.queue = queue
        self.failed = failed
        self.duplicates = duplicates
        self.uptimeS = uptimeS
        self.inbox = inbox
        self.database = database
        self.version = version
        self.pid = pid
        self.startedAt = startedAt
        self.lastIngestAt = lastIngestAt
        self.lastError = lastError
    }
}

// MARK: articles.list

public struct ListParams: Codable, Sendable, Equatable {
    /// At most this many articles (default 50, at most 1000).
    public var limit: Int?
    /// Only articles with a smaller id: pass the last id of one page to get the next.
    public var beforeId: Int64?

    public init(limit: Int? = nil, beforeId: Int64? = nil) {
        self.limit = limit
        self.beforeId = beforeId
    }
}

public struct ArticleListItem: Codable, Sendable, Equatable {
    public var id: Int64
    /// The path the file had under the inbox when dropped.
    public var file: String
    public var title: String?
    public var receivedAt: String
    public var size: Int
    /// When there is no title: how the text opens (to stand in for it, marked as such).
    public var lead: String?

    public init(id: Int64, file: String, title: String?, receivedAt: String, size: Int, lead: String? = nil) {
        self.lead = lead
        self.id = id
        self.file = file
        self.title = title
        self.receivedAt = receivedAt
        self.size = size
    }

    // "title" is always present, null when the article has no headline.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(file, forKey: .file)
        try container.encode(title, forKey: .title)
        try container.encode(receivedAt, forKey: .receivedAt)
        try container.encode(size, forKey: .size)
        try container.encodeIfPresent(lead, forKey: .lead)
    }
}

public struct ListResult: Codable, Sendable, Equatable {
    public var articles: [ArticleListItem]
    public init(articles: [ArticleListItem]) { self.articles = articles }
}

// MARK: articles.get

public struct GetParams: Codable, Sendable, Equatable {
    public var id: Int64
    public init(id: Int64) { self.id = id }
}

public struct RemovedLineItem: Codable, Sendable, Equatable {
    public var line: String
    public var rule: String
    public init(line: String, rule: String) {
        self.line = line
        self.rule = rule
    }
}

public struct EditItem: Codable, Sendable, Equatable {
    /// Where the word was, in Unicode scalars of the cleaned text's source.
    public var offset: Int
    public var before: String
    public var after: String
    public init(offset: Int, before: String, after: String) {
        self.offset = offset
        self.before = before
        self.after = after
    }
}

public struct SightingItem: Codable, Sendable, Equatable {
    public var file: String
    public var receivedAt: String
    public var archivePath: String?
    public init(file: String, receivedAt: String, archivePath: String?) {
        self.file = file
        self.receivedAt = receivedAt
        self.archivePath = archivePath
    }
}

public struct ArticleView: Codable, Sendable, Equatable {
    public var id: Int64
    public var sha256: String
    public var file: String
    public var title: String?
    public var receivedAt: String
    public var size: Int
    public var encoding: String
    public var archivePath: String?
    public var cleanText: String
    public var removedLines: [RemovedLineItem]
    public var sightings: [SightingItem]
    /// Words the de-obfuscator restored ("د|عـ.ـش" -> "داعش").
    public var edits: [EditItem]
    public var outlet: ExportRecord.Outlet?
    /// "2025-10-26", "2025-10" or "2025" (see `published_precision`); null when the text does not say.
    public var published: String?
    public var publishedPrecision: String?
    /// Every absolute date the text mentions.
    public var dates: [String] = []
    public var places: [ExportRecord.Place] = []
    public var actors: [ExportRecord.Actor] = []
    public var people: [ExportRecord.Person] = []
    public var citedMedia: [String] = []
    public var quantities: [ExportRecord.Quantity] = []
    public var events: [ExportRecord.Event] = []
    public var extractorVersion: Int?

    public init(
        id: Int64, sha256: String, file: String, title: String?, receivedAt: String, size: Int, encoding: String,
        archivePath: String?, cleanText: String, removedLines: [RemovedLineItem], sightings: [SightingItem],
        edits: [EditItem] = []
    ) {
        self.edits = edits
        self.id = id
        self.sha256 = sha256
        self.file = file
        self.title = title
        self.receivedAt = receivedAt
        self.size = size
        self.encoding = encoding
        self.archivePath = archivePath
        self.cleanText = cleanText
        self.removedLines = removedLines
        self.sightings = sightings
    }
}

public struct GetResult: Codable, Sendable, Equatable {
    public var article: ArticleView
    public init(article: ArticleView) { self.article = article }
}

// MARK: search

public struct SearchParams: Codable, Sendable, Equatable {
    public var query: String
    /// At most this many results (default 20, at most 1000).
    public var limit: Int?
    public init(query: String, limit: Int? = nil) {
        self.query = query
        self.limit = limit
    }
}

public struct SearchResultItem: Codable, Sendable, Equatable {
    public var id: Int64
    public var file: String
    public var title: String?
    /// Matched words are between [ and ].
    public var snippet: String
    /// Lower is a better match (FTS5 bm25).
    public var rank: Double
    /// When there is no title: how the text opens (to stand in for it, marked as such).
    public var lead: String?
    public init(id: Int64, file: String, title: String?, snippet: String, rank: Double, lead: String? = nil) {
        self.id = id
        self.file = file
        self.title = title
        self.snippet = snippet
        self.rank = rank
        self.lead = lead
    }

    // "title" is always present, null when the article has no headline.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(file, forKey: .file)
        try container.encode(title, forKey: .title)
        try container.encode(snippet, forKey: .snippet)
        try container.encode(rank, forKey: .rank)
        try container.encodeIfPresent(lead, forKey: .lead)
    }
}

public struct SearchResult: Codable, Sendable, Equatable {
    public var results: [SearchResultItem]
    public init(results: [SearchResultItem]) { self.results = results }
}

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

// MARK: failed.list, failed.retry

public struct FailedItem: Codable, Sendable, Equatable {
    /// The name under failed/.
    public var file: String
    /// A stable code: empty, binary, too-large, not-regular, unreadable, undecodable, ...
    public var code: String
    public var message: String
    public var failedAt: String?
    /// The path the file had under the inbox when dropped.
    public var source: String?

    public init(file: String, code: String, message: String, failedAt: String?, source: String?) {
        self.file = file
        self.code = code
        self.message = message
        self.failedAt = failedAt
        self.source = source
    }
}

public struct FailedListResult: Codable, Sendable, Equatable {
    public var failed: [FailedItem]
    public init(failed: [FailedItem]) { self.failed = failed }
}

public struct RetryParams: Codable, Sendable, Equatable {
    /// Names under failed/ to retry; absent or empty: all of them.
    public var files: [String]?
    public init(files: [String]? = nil) { self.files = files }
}

public struct RetryResult: Codable, Sendable, Equatable {
    /// Files moved back into the inbox, to be ingested again.
    public var retried: [String]
    /// Names asked for that are not in failed/.
    public var missing: [String]
    public init(retried: [String], missing: [String]) {
        self.retried = retried
        self.missing = missing
    }
}

// MARK: ingest.pause, ingest.resume, ingest.rescan

public struct IngestStateResult: Codable, Sendable, Equatable {
    /// "running" or "paused", after the call.
    public var state: String
    public init(state: String) { self.state = state }
}

public struct RescanResult: Codable, Sendable, Equatable {
    /// Files found in the inbox and queued (files already queued are not counted twice).
    public var queued: Int
    public init(queued: Int) { self.queued = queued }
}

// MARK: reload

public struct ReloadResult: Codable, Sendable, Equatable {
    /// Keys whose new values are now in force.
    public var applied: [String]
    /// Keys that changed in the file but take effect only at the next restart.
    public var restartNeeded: [String]
    public init(applied: [String], restartNeeded: [String]) {
        self.applied = applied
        self.restartNeeded = restartNeeded
    }
}

// MARK: reprocess

public struct ReprocessParams: Codable, Sendable, Equatable {
    /// The articles to re-derive; absent or empty with `all` true: every article.
    public var ids: [Int64]?
    public var all: Bool?
    public init(ids: [Int64]? = nil, all: Bool? = nil) {
        self.ids = ids
        self.all = all
    }
}

public struct ReprocessResult: Codable, Sendable, Equatable {
    /// Articles whose derived fields were computed again from their raw bytes.
    public var reprocessed: Int
    /// Of those, the ones where something changed.
    public var changed: Int
    /// Ids asked for that are not in the store.
    public var missing: [Int64]
    public init(reprocessed: Int, changed: Int, missing: [Int64]) {
        self.reprocessed = reprocessed
        self.changed = changed
        self.missing = missing
    }
}

// MARK: version

public struct VersionResult: Codable, Sendable, Equatable {
    public var version: String
    public var `protocol`: Int
    public var schema: Int
    public init(version: String, protocol: Int, schema: Int) {
        self.version = version
        self.protocol = `protocol`
        self.schema = schema
    }
}

// MARK: events.list, places.list, actors.list, timeline

/// Filters shared by `events.list` and `timeline`; each absent is "any".
public struct EventFilterParams: Codable, Sendable, Equatable {
    /// An incident type: arrest, airstrike, raid, attack, explosion, assassination, clash, abduction, execution, foiled-plot, seizure.
    public var type: String?
    /// A place: any Arabic spelling, its English name, or a p-code (SY09); a country's name or ISO code.
    public var place: String?
    /// An actor id (ISIS, SDF, SY-GOV…) or a name the news uses (قسد).
    public var actor: String?
    /// Inclusive ISO dates (2025-10-01).
    public var since: String?
    public var until: String?
    public var limit: Int?
    /// timeline only: "day" (default) or "week".
    public var by: String?
    public init(
        type: String? = nil, place: String? = nil, actor: String? = nil, since: String? = nil, until: String? = nil,
        limit: Int? = nil, by: String? = nil
    ) {
        self.type = type
        self.place = place
        self.actor = actor
        self.since = since
        self.until = until
        self.limit = limit
        self.by = by
    }
}

public struct EventItem: Codable, Sendable, Equatable {
    public var id: Int64
    public var articleId: Int64
    public var file: String
    public var event: ExportRecord.Event
    public init(id: Int64, articleId: Int64, file: String, event: ExportRecord.Event) {
        self.id = id
        self.articleId = articleId
        self.file = file
        self.event = event
    }
}

public struct EventsResult: Codable, Sendable, Equatable {
    public var events: [EventItem]
    public init(events: [EventItem]) { self.events = events }
}

/// How often a place or an actor is named.
public struct CountItem: Codable, Sendable, Equatable {
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
        key: String, nameAr: String?, nameEn: String?, kind: String?, admin1: String?, country: String?, articles: Int,
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

public struct PlacesResult: Codable, Sendable, Equatable {
    public var governorates: [CountItem]
    public var countries: [CountItem]
    public var localities: [CountItem]
    public init(governorates: [CountItem], countries: [CountItem], localities: [CountItem]) {
        self.governorates = governorates
        self.countries = countries
        self.localities = localities
    }
}

public struct ActorsResult: Codable, Sendable, Equatable {
    public var actors: [CountItem]
    public init(actors: [CountItem]) { self.actors = actors }
}

public struct TimelineBucket: Codable, Sendable, Equatable {
    /// The day, or the Monday that starts the week.
    public var start: String
    public var count: Int
    public init(start: String, count: Int) {
        self.start = start
        self.count = count
    }
}

public struct TimelineResult: Codable, Sendable, Equatable {
    public var by: String
    public var buckets: [TimelineBucket]
    /// Matching incidents with no date (neither written nor an article's publication date).
    public var undated: Int?
    /// Matching incidents older than the first bucket: a timeline holds at most 3,660
    /// buckets, the newest.
    public var earlier: Int?
    public init(by: String, buckets: [TimelineBucket], undated: Int? = nil, earlier: Int? = nil) {
        self.by = by
        self.buckets = buckets
        self.undated = undated
        self.earlier = earlier
    }
}
