// Params and results of each method. Property names are camelCase here and snake_case on
// the wire (WireJSON), so `receivedAt` travels as "received_at".

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
