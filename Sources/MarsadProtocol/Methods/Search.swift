// Params and results of each method. Property names are camelCase here and snake_case on
// the wire (WireJSON), so `receivedAt` travels as "received_at".

import MarsadModel

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

/// The store's record, on the wire as it is (MarsadModel/Store/StoreRecords.swift).
public typealias SearchResultItem = SearchHit

public struct SearchResult: Codable, Sendable, Equatable {
    public var results: [SearchResultItem]
    public init(results: [SearchResultItem]) { self.results = results }
}
