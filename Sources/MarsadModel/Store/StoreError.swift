import Dispatch
import Synchronization

/// An error from the store, with a stable code and a message a user can act on.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// SQLite reported an error (the message carries SQLite's own words).
        case sqlite
        /// The database was written by a newer marsad.
        case schemaTooNew = "schema-too-new"
        /// Another process holds the database's write lock.
        case busy
        /// A request named something the store does not have.
        case notFound = "not-found"
        /// A search query that FTS5 cannot parse, or too costly to run.
        case badQuery = "bad-query"
        /// A read ran out of its budget (time, or its client went away) and was stopped.
        case timedOut = "timed-out"
    }
    public let code: Code
    public let message: String
    /// SQLite's extended result code, when SQLite produced the error.
    public let sqliteCode: Int32?

    public init(_ code: Code, _ message: String, sqliteCode: Int32? = nil) {
        self.code = code
        self.message = message
        self.sqliteCode = sqliteCode
    }
    public var description: String { message }
}

/// How much work one read request may make SQLite do: until a deadline, and not past a
/// cancellation (its client went away, marsadd is stopping). Checked every 1,000 SQLite
/// virtual-machine steps by the progress handler.
public final class QueryBudget: Sendable {
    private let deadline: UInt64
    private let milliseconds: Int
    private let cancelled = Atomic<Bool>(false)

    public init(milliseconds: Int) {
        self.milliseconds = milliseconds
        deadline = DispatchTime.now().uptimeNanoseconds + UInt64(milliseconds) * 1_000_000
    }

    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    public var isSpent: Bool { isCancelled || DispatchTime.now().uptimeNanoseconds > deadline }

    public var message: String {
        isCancelled
            ? "the request was cancelled (its client went away, or marsadd is stopping)"
            : "the request took longer than \(milliseconds) ms (control.query_timeout_ms) and was stopped; narrow it (fewer words, no short prefix, a date range)"
    }
}
