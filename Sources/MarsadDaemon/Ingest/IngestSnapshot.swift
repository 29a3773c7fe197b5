/// What the ingestor is doing, for `status`. Published after every step.
public struct IngestSnapshot: Sendable, Equatable {
    public var paused = false
    /// Articles in the store.
    public var articles = 0
    /// Files settling, queued, or in hand.
    public var queue = 0
    public var lastIngestAt: String?
    public var lastError: String?
    /// Files claimed whose commit hit a store error; retried until the store accepts them.
    public var stuck = 0
    /// Why ingest is held back (disk full, database read-only or locked): no new file is
    /// taken until a retry of the held ones succeeds. nil when ingest flows.
    public var stalled: String?
    /// Set while the inbox folder is missing (deleted or moved away); the watcher waits
    /// for it to come back.
    public var inboxMissing: String?
    /// Set while folders under the inbox cannot be watched (and are polled instead).
    public var unwatched: String?
    /// Set while the daemon finishes what a previous run left (start-up, before READY).
    public var starting: String?

    /// "starting", "paused" (by a user), "stalled" (held back by a fault, retrying) or "running".
    public var state: String { starting != nil ? "starting" : paused ? "paused" : stalled != nil ? "stalled" : "running" }
    /// What is wrong right now, in words a user can act on; empty when all is well.
    public var problems: [String] { [stalled, inboxMissing, unwatched].compactMap { $0 } }
}

/// What a reprocess did.
public struct ReprocessOutcome: Sendable, Equatable {
    public var reprocessed = 0
    public var changed = 0
    public var missing: [Int64] = []
    /// Whether stories and merged incidents had to be made again, and over how many articles.
    public var linkNeeded = false
    public var linked = 0
}
