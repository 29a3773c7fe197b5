// What the store takes and gives: the records of its protocols (StoreProtocols.swift).
// The ones a reader gives travel on the wire as they are (MarsadProtocol names them), their
// `Codable` form being the protocol's: camelCase here, snake_case on the wire.

/// How hard SQLite works to make each commit durable (`PRAGMA synchronous`).
public enum Durability: String, Sendable, CaseIterable {
    /// fsync at every commit: a power loss loses no committed article. The default.
    case full
    /// fsync only at checkpoints: faster; a power loss may roll back the last commits
    /// (a process crash still loses nothing).
    case normal
}

/// One drop of a file into the inbox: the path it had under the inbox (as text and as the
/// bytes the file system gave), when it was received, where its bytes were archived, and the
/// claim that took it (the key that finds the drop again after a crash).
public struct Drop: Sendable {
    public var file: String
    public var fileRaw: [UInt8]
    public var receivedAt: String
    public var archivePath: String?
    public var claim: String

    public init(file: String, fileRaw: [UInt8], receivedAt: String, archivePath: String?, claim: String) {
        self.file = file
        self.fileRaw = fileRaw
        self.receivedAt = receivedAt
        self.archivePath = archivePath
        self.claim = claim
    }
}

/// An article to insert: its first drop, its bytes, and what the pipeline derived from them.
public struct NewArticle: Sendable {
    public var sha256: String
    public var raw: [UInt8]
    public var drop: Drop
    public var record: ArticleRecord
    public var size: Int { raw.count }

    public init(sha256: String, raw: [UInt8], drop: Drop, record: ArticleRecord) {
        self.sha256 = sha256
        self.raw = raw
        self.drop = drop
        self.record = record
    }
}

/// A drop of a file whose bytes are already stored.
public struct NewSighting: Sendable {
    public var articleID: Int64
    public var drop: Drop

    public init(articleID: Int64, drop: Drop) {
        self.articleID = articleID
        self.drop = drop
    }
}

/// What a committed claim produced, found again after a restart.
public enum ClaimRecord: Sendable, Equatable {
    case article(id: Int64, archivePath: String?)
    case sighting(id: Int64, articleID: Int64, archivePath: String?)

    public var archivePath: String? {
        switch self {
        case .article(_, let path), .sighting(_, _, let path): return path
        }
    }
}

/// An article in a list (`articles.list`).
public struct ArticleSummary: Sendable, Equatable, Codable {
    public var id: Int64
    /// The path the file had under the inbox when dropped.
    public var file: String
    /// null when the article has no headline.
    @ExplicitNull public var title: String?
    public var receivedAt: String
    public var size: Int
    /// The opening of the text (its first 300 characters) when there is no title, to stand
    /// in for it, marked as such.
    public var lead: String? = nil

    public init(id: Int64, file: String, title: String? = nil, receivedAt: String, size: Int, lead: String? = nil) {
        self.id = id
        self.file = file
        self.title = title
        self.receivedAt = receivedAt
        self.size = size
        self.lead = lead
    }
}

/// A drop of an article's bytes (the first one included).
public struct Sighting: Sendable, Equatable, Codable {
    public var file: String
    public var receivedAt: String
    public var archivePath: String?

    public init(file: String, receivedAt: String, archivePath: String? = nil) {
        self.file = file
        self.receivedAt = receivedAt
        self.archivePath = archivePath
    }
}

public struct ArticleDetail: Sendable, Equatable {
    public var summary: ArticleSummary
    public var sha256: String
    public var archivePath: String?
    public var sightings: [Sighting]
    /// The story it tells: the smallest article id of its story (`marsadctl stories`).
    public var storyID: Int64?
    /// What the pipeline derived from the bytes, as stored (the search index's forms are
    /// not read back: `index` is nil).
    public var record: ArticleRecord

    public init(summary: ArticleSummary, sha256: String, archivePath: String? = nil, sightings: [Sighting] = [], record: ArticleRecord) {
        self.summary = summary
        self.sha256 = sha256
        self.archivePath = archivePath
        self.sightings = sightings
        self.record = record
    }
}

/// An article that matches a search.
public struct SearchHit: Sendable, Equatable, Codable {
    public var id: Int64
    public var file: String
    /// null when the article has no headline.
    @ExplicitNull public var title: String?
    /// Matched words are between [ and ].
    public var snippet: String
    /// FTS5's bm25 rank: lower is a better match.
    public var rank: Double
    /// When there is no title: how the text opens (as in `ArticleSummary.lead`).
    public var lead: String? = nil

    public init(id: Int64, file: String, title: String? = nil, snippet: String, rank: Double, lead: String? = nil) {
        self.id = id
        self.file = file
        self.title = title
        self.snippet = snippet
        self.rank = rank
        self.lead = lead
    }
}

public struct StoreCounts: Sendable, Equatable {
    public var articles: Int
    /// Drops of files already stored (sightings).
    public var duplicates: Int
    public var lastReceivedAt: String?

    public init(articles: Int, duplicates: Int, lastReceivedAt: String? = nil) {
        self.articles = articles
        self.duplicates = duplicates
        self.lastReceivedAt = lastReceivedAt
    }
}

/// What an article was derived from, for reprocessing: its raw bytes and derived fields.
public struct StoredSource: Sendable {
    public var id: Int64
    /// The name the file had when dropped (its format, and its date, may depend on it).
    public var file: String
    /// When it was first received (the last resort of its incidents' dates).
    public var receivedAt: String?
    public var raw: [UInt8]
    public var derived: ArticleRecord

    public init(id: Int64, file: String, receivedAt: String? = nil, raw: [UInt8], derived: ArticleRecord) {
        self.id = id
        self.file = file
        self.receivedAt = receivedAt
        self.raw = raw
        self.derived = derived
    }
}

/// An article whose findings are to be read (again): its text and what dates it.
public struct ArticleToExtract: Sendable {
    public var id: Int64
    public var title: String?
    public var cleanText: String
    public var file: String
    public var receivedAt: String?
    public var metadata: ArticleMetadata

    public init(id: Int64, title: String?, cleanText: String, file: String, receivedAt: String?, metadata: ArticleMetadata) {
        self.id = id
        self.title = title
        self.cleanText = cleanText
        self.file = file
        self.receivedAt = receivedAt
        self.metadata = metadata
    }
}
