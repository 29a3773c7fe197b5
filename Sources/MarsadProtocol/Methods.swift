// Params and results of each method. Property names are camelCase here and snake_case on
// the wire (WireJSON), so `receivedAt` travels as "received_at".

// MARK: status

public struct StatusResult: Codable, Sendable, Equatable {
    /// "running" or "paused".
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

    public init(state: String, articles: Int, queue: Int, failed: Int, duplicates: Int, uptimeS: Double,
                inbox: String, database: String, version: String, pid: Int32, startedAt: String,
                lastIngestAt: String?, lastError: String?, configFile: String? = nil,
                lastReloadAt: String? = nil, reloadError: String? = nil) {
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

    public init(id: Int64, sha256: String, file: String, title: String?, receivedAt: String, size: Int, encoding: String,
                archivePath: String?, cleanText: String, removedLines: [RemovedLineItem], sightings: [SightingItem],
                edits: [EditItem] = []) {
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
    }
    public struct Actor: Codable, Sendable, Equatable {
        public var id: String
        public var nameAr: String
    }
    public struct Person: Codable, Sendable, Equatable {
        public var nameAr: String
        public var roleAr: String?
    }
    public struct Quantity: Codable, Sendable, Equatable {
        public var value: Double?
        public var qualifier: String?
        public var text: String
    }
    public struct Event: Codable, Sendable, Equatable {
        public var type: String
        public var admin1: String?
        public var country: String?
        public var places: [String]
        public var actors: [String]
        public var target: String?
        public var count: Int?
        public var date: String?
        public var evidence: String
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
    public var cleanText: String
    public var removedLines: [String]

    public init(id: Int64, sha256: String, file: String, title: String?, outlet: Outlet?, published: String?,
                receivedAt: String, places: [Place] = [], actors: [Actor] = [], people: [Person] = [],
                quantities: [Quantity] = [], events: [Event] = [], cleanText: String, removedLines: [String]) {
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
