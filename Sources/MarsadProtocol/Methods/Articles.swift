// Params and results of each method. Property names are camelCase here and snake_case on
// the wire (WireJSON), so `receivedAt` travels as "received_at".

import MarsadModel

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

/// The store's record, on the wire as it is (MarsadModel/Store/StoreRecords.swift).
public typealias ArticleListItem = ArticleSummary

public struct ListResult: Codable, Sendable, Equatable {
    public var articles: [ArticleListItem]
    public init(articles: [ArticleListItem]) { self.articles = articles }
}

// MARK: articles.get

public struct GetParams: Codable, Sendable, Equatable {
    public var id: Int64
    public init(id: Int64) { self.id = id }
}

public typealias SightingItem = Sighting

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
    public var removedLines: [RemovedLine]
    public var sightings: [SightingItem]
    /// Words the de-obfuscator restored ("د|عـ.ـش" -> "داعش").
    public var edits: [TextEdit]
    public var outlet: ExportRecord.Outlet?
    /// "2025-10-26", "2025-10" or "2025" (see `published_precision`); null when the text does not say.
    public var published: String?
    public var publishedPrecision: String?
    /// Where `published` comes from: "text" or "filename".
    public var publishedBasis: String?
    /// Every absolute date the text mentions.
    public var dates: [String] = []
    public var places: [ExportRecord.Place] = []
    public var actors: [ExportRecord.Actor] = []
    public var people: [ExportRecord.Person] = []
    public var citedMedia: [String] = []
    public var quantities: [ExportRecord.Quantity] = []
    public var events: [ExportRecord.Event] = []
    public var extractorVersion: Int?
    /// The story it tells (the smallest article id of it) and its other articles.
    public var storyId: Int64?
    public var story: [StoryMember] = []

    public init(
        id: Int64, sha256: String, file: String, title: String?, receivedAt: String, size: Int, encoding: String,
        archivePath: String?, cleanText: String, removedLines: [RemovedLine], sightings: [SightingItem],
        edits: [TextEdit] = []
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
