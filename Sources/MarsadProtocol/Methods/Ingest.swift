// Params and results of each method. Property names are camelCase here and snake_case on
// the wire (WireJSON), so `receivedAt` travels as "received_at".

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
