import CLinux
import Crypto
@preconcurrency import Dispatch
import Foundation
import Logging
import MarsadExtract
import MarsadModel
import MarsadText
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Takes files out of the inbox and into the store, each exactly once (DESIGN §3):
/// settle, claim by rename into processing/, hash, decode, commit, then archive. On start,
/// claims left in processing/ by a crash are finished or redone.
///
/// All mutable state is confined to `queue`; public methods may be called from anywhere.
public final class Ingestor: @unchecked Sendable {
    public let queue = DispatchQueue(label: "marsad.ingest")
    let layout: DataLayout
    let live: LiveConfig
    /// The configuration in force; a reload changes it between two files.
    var config: DaemonConfig { live.current }
    let logger: Logger
    /// Lines for the service manager (WATCHDOG=1, STATUS=...).
    let notify: @Sendable (String) -> Void
    var store: (any ArticleStoreWriter)?
    let failedFolder: FailedFolder
    /// The inbox, reached only through descriptors.
    let inbox: Beneath
    let faults = FaultPoints.fromEnvironment()

    struct Settling {
        var facts: FileFacts
        var generation: Int
    }
    var settling: [BytePath: Settling] = [:]
    var ready: [BytePath] = []
    var readyHead = 0
    var readySet: Set<BytePath> = []
    var drainScheduled = false
    var paused: Bool
    var stopped = false
    var generation = 0
    var stuck: [(claim: String, relative: BytePath)] = []
    var retryScheduled = false
    /// Why ingest is held back; see `IngestSnapshot.stalled`.
    var stall: String?
    /// The current stall was logged; cleared by the first write that succeeds after it.
    var stallLogged = false
    var claims = 0  // this run's claims: numbers the claim names, counts for fault points
    var commits = 0
    let claimPrefix: String
    let claimFolders: ClaimFolders
    var filesSinceTrim = 0
    /// The archive folder made last: a burst does not look for it again for every file.
    var madeArchiveFolder: BytePath?

    let published = Mutex(IngestSnapshot())
    /// The database file as opened (device, inode): see `databaseFileProblem`.
    let databaseIdentity: FileFacts?
    /// Set by `shutdown` before it waits for the queue: a derivation in progress is then
    /// abandoned instead of waited for.
    let stopping = Atomic<Bool>(false)
    var counters = IngestSnapshot()

    /// `notify` sends a line to the service manager (systemd: `Systemd.notify`): the
    /// watchdog's ping and the stall's status go through it.
    public init(
        config live: LiveConfig, store: any ArticleStoreWriter, logger: Logger,
        notify: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(StoreError) {
        let config = live.current
        self.notify = notify
        self.live = live
        self.layout = DataLayout(config: config)
        self.store = store
        self.logger = logger
        self.paused = config.startPaused
        self.failedFolder = FailedFolder(path: layout.failed, inbox: layout.inbox)
        self.inbox = Beneath(root: layout.inbox)
        self.databaseIdentity = try? FS.facts(BytePath(config.database), followingLinks: true) ?? nil
        self.claimPrefix = "c\(Int(Date().timeIntervalSince1970 * 1000))-\(getpid())"
        self.claimFolders = ClaimFolders(processing: layout.processing)
        counters.paused = paused
        counters.articles = try store.articleCount()
        if let n = faults.killInTransaction {
            var count = 0
            store.beforeCommit = {
                count += 1
                if count >= n { kill(getpid(), SIGKILL) }
            }
        }
        publish()
    }

    /// Tells `status` whether the inbox folder is there (the watcher calls it).
    public func setInboxMissing(_ message: String?) {
        queue.async {
            self.counters.inboxMissing = message
            if let message { self.counters.lastError = "\(Timestamps.string(Date())) \(message)" }
            self.publish()
        }
    }

    /// Tells `status` which folders under the inbox are polled, not watched (the watcher
    /// calls it).
    public func setUnwatched(_ message: String?) {
        published.withLock { $0.unwatched = message }
        queue.async {
            self.counters.unwatched = message
            self.publish()
        }
    }

    /// Tells `status` what start-up is doing, nil once it is done. Published at once, not
    /// behind the ingest queue (which recovery keeps busy).
    public func setStarting(_ message: String?) {
        published.withLock { $0.starting = message }
        queue.async {
            self.counters.starting = message
            self.publish()
        }
    }

    /// Sends WATCHDOG=1 from the ingest queue itself: when the pipeline is stuck in a file,
    /// the ping waits behind it, is never sent, and systemd restarts the service.
    public func pingWatchdog() {
        queue.async { self.notify("WATCHDOG=1") }
    }

    /// The latest published state; never waits for the file in hand.
    public var snapshot: IngestSnapshot { published.withLock { $0 } }

    /// Reports a path under the inbox. Safe from any thread.
    public func notice(_ relative: BytePath, _ kind: FileNotice) {
        queue.async { self.noticed(relative, kind) }
    }

    public func pause() {
        queue.sync {
            paused = true
            flushPending()
            publish()
        }
    }

    public func resume() {
        queue.sync {
            paused = false
            scheduleDrain()
            publish()
        }
    }

    /// Finishes the file in hand, then stops taking files and closes the store.
    /// Marks the start of a stop, from any thread and without waiting: a derivation in
    /// progress is abandoned (its files stay claimed; the next start derives them again).
    public func beginStopping() {
        stopping.store(true, ordering: .relaxed)
    }

    public func shutdown() {
        beginStopping()
        queue.sync {
            stopped = true
            paused = true
            flushPending()
            store = nil
            publish()
        }
    }

    var pending: Prepared?

    func publish() {
        counters.paused = paused
        counters.queue = settling.count + (ready.count - readyHead) + (pending?.plan.batch.count ?? 0)
        counters.stuck = stuck.count
        counters.stalled = stall
        let snapshot = counters
        published.withLock { $0 = snapshot }
    }

}
