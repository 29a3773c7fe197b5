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
