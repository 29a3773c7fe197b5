@preconcurrency import Dispatch
import Foundation
import Logging
import MarsadExtract
import MarsadModel
import MarsadProtocol
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Read access to the store for the control server, off the event loop. WAL readers see
/// the latest commit without blocking the writer. Requests run on lanes, each a read-only
/// connection owned by a serial queue: `status` and `version` have a lane of their own, so
/// they never wait behind a query; queries take the least busy of the others, each under a
/// budget (`control.query_timeout_ms`), cancelled when its task is (its client went away,
/// marsadd is stopping).
public final class ReadStore: @unchecked Sendable {
    /// Which lane a request runs on.
    public enum Lane: Sendable {
        /// Small fixed reads (counts, schema version): never behind a query.
        case quick
        /// Everything else.
        case query
    }

    private final class Reader: @unchecked Sendable {
        let queue: DispatchQueue
        var reader: (any ArticleStoreReader)?
        let load = Atomic<Int>(0)
        init(_ label: String) { queue = DispatchQueue(label: label) }
    }

    /// Opens a reader of the store (SQLite's `StoreReader`, chosen where the daemon is composed).
    private let makeReader: @Sendable () throws -> any ArticleStoreReader
    private let budgetMilliseconds: @Sendable () -> Int
    private let quick = Reader("marsad.read.quick")
    private let queries = (1...ReadStore.queryLanes).map { Reader("marsad.read.\($0)") }
    private let running = Mutex<[ObjectIdentifier: QueryBudget]>([:])
    static let queryLanes = 3

    public init(
        budgetMilliseconds: @escaping @Sendable () -> Int = { 5_000 }, makeReader: @escaping @Sendable () throws -> any ArticleStoreReader
    ) {
        self.makeReader = makeReader
        self.budgetMilliseconds = budgetMilliseconds
    }

    public func read<T: Sendable>(_ lane: Lane = .query, _ body: @escaping @Sendable (any ArticleStoreReader) throws -> T) async throws -> T {
        let target = lane == .quick ? quick : queries.min { $0.load.load(ordering: .relaxed) < $1.load.load(ordering: .relaxed) }!
        let budget = QueryBudget(milliseconds: budgetMilliseconds())
        let key = ObjectIdentifier(budget)
        running.withLock { $0[key] = budget }
        target.load.add(1, ordering: .relaxed)
        defer {
            target.load.subtract(1, ordering: .relaxed)
            running.withLock { _ = $0.removeValue(forKey: key) }
        }
        let result: Result<T, any Error> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                target.queue.async {
                    do {
                        guard !budget.isSpent else { throw StoreError(.timedOut, "the request was cancelled before it ran") }
                        if target.reader == nil { target.reader = try self.makeReader() }
                        let reader = target.reader!
                        reader.setBudget(budget)
                        defer { reader.setBudget(nil) }
                        continuation.resume(returning: .success(try body(reader)))
                    } catch {
                        continuation.resume(returning: .failure(error))
                    }
                }
            }
        } onCancel: {
            budget.cancel()
        }
        return try result.get()
    }

    /// Stops the requests in hand and drops the connections (at shutdown).
    public func close() {
        running.withLock { running in for budget in running.values { budget.cancel() } }
        for lane in [quick] + queries { lane.queue.sync { lane.reader = nil } }
    }
}
