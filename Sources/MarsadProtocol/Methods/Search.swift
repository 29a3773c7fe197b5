// Params and results of each method. Property names are camelCase here and snake_case on
// the wire (WireJSON), so `receivedAt` travels as "received_at".

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
