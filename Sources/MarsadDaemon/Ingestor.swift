import CLinux
import Crypto
@preconcurrency import Dispatch
import Foundation
import Logging
import MarsadExtract
import MarsadStore
import MarsadText
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The folders a file passes through. All on one filesystem, so every move is a rename.
public struct DataLayout: Sendable {
    public var inbox: BytePath
    public var processing: BytePath
    public var archive: BytePath
    public var failed: BytePath

    public init(config: DaemonConfig) {
        inbox = BytePath(config.inbox)
        processing = BytePath(config.processing)
        archive = BytePath(config.archive)
        failed = BytePath(config.failed)
    }
}

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
}

/// Test-only fault points, read from the environment at start. They let the crash tests
/// stop the daemon at exact instants; nothing sets them in production.
struct FaultPoints: Sendable {
    /// MARSAD_FAULT_KILL_AFTER_CLAIM=N: SIGKILL itself right after the Nth claim.
    var killAfterClaim: Int?
    /// MARSAD_FAULT_KILL_AFTER_COMMIT=N: SIGKILL itself right after the Nth commit, before the move.
    var killAfterCommit: Int?
    /// MARSAD_FAULT_KILL_IN_TRANSACTION=N: SIGKILL itself inside the Nth article's
    /// transaction, after its rows are written and before COMMIT.
    var killInTransaction: Int?
    /// MARSAD_FAULT_INGEST_DELAY_MS=N: sleep N ms in each ingest, to widen crash windows.
    var ingestDelayMs: Int?
    /// MARSAD_FAULT_HANG_ON_FILE=NAME: the ingest loop hangs for good when it takes a file
    /// of that name, once per data folder (a marker file remembers it), so that the
    /// watchdog test sees a stuck pipeline killed and the restarted daemon carry on.
    var hangOnFile: String?
    /// MARSAD_FAULT_SLOW_DERIVE=NAME: deriving a file of that name runs for an hour, as a
    /// parser gone quadratic would: the derivation budget must fail it.
    var slowDeriveFile: String?

    static func fromEnvironment() -> FaultPoints {
        let environment = ProcessInfo.processInfo.environment
        return FaultPoints(killAfterClaim: environment["MARSAD_FAULT_KILL_AFTER_CLAIM"].flatMap(Int.init),
                           killAfterCommit: environment["MARSAD_FAULT_KILL_AFTER_COMMIT"].flatMap(Int.init),
                           killInTransaction: environment["MARSAD_FAULT_KILL_IN_TRANSACTION"].flatMap(Int.init),
                           ingestDelayMs: environment["MARSAD_FAULT_INGEST_DELAY_MS"].flatMap(Int.init),
                           hangOnFile: environment["MARSAD_FAULT_HANG_ON_FILE"],
                           slowDeriveFile: environment["MARSAD_FAULT_SLOW_DERIVE"])
    }
}

/// Takes files out of the inbox and into the store, each exactly once (DESIGN §3):
/// settle, claim by rename into processing/, hash, decode, commit, then archive. On start,
/// claims left in processing/ by a crash are finished or redone.
///
/// All mutable state is confined to `queue`; public methods may be called from anywhere.
public final class Ingestor: @unchecked Sendable {
    public let queue = DispatchQueue(label: "marsad.ingest")
    private let layout: DataLayout
    private let live: LiveConfig
    /// The configuration in force; a reload changes it between two files.
    private var config: DaemonConfig { live.current }
    private let logger: Logger
    private var store: StoreWriter?
    private let failedFolder: FailedFolder
    /// The inbox, reached only through descriptors.
    private let inbox: Beneath
    private let faults = FaultPoints.fromEnvironment()

    private struct Settling {
        var facts: FileFacts
        var generation: Int
    }
    private var settling: [BytePath: Settling] = [:]
    private var ready: [BytePath] = []
    private var readyHead = 0
    private var readySet: Set<BytePath> = []
    private var drainScheduled = false
    private var paused: Bool
    private var stopped = false
    private var generation = 0
    private var stuck: [(claim: String, relative: BytePath)] = []
    private var retryScheduled = false
    /// Why ingest is held back; see `IngestSnapshot.stalled`.
    private var stall: String?
    /// The current stall was logged; cleared by the first write that succeeds after it.
    private var stallLogged = false
    private var claims = 0  // this run's claims: numbers the claim names, counts for fault points
    private var commits = 0
    private let claimPrefix: String
    private let claimFolders: ClaimFolders
    private var filesSinceTrim = 0
    /// The archive folder made last: a burst does not look for it again for every file.
    private var madeArchiveFolder: BytePath?

    private let published = Mutex(IngestSnapshot())
    /// The database file as opened (device, inode): see `databaseFileProblem`.
    private let databaseIdentity: FileFacts?
    /// Set by `shutdown` before it waits for the queue: a derivation in progress is then
    /// abandoned instead of waited for.
    private let stopping = Atomic<Bool>(false)
    private var counters = IngestSnapshot()

    public init(config live: LiveConfig, store: StoreWriter, logger: Logger) throws(StoreError) {
        let config = live.current
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

    /// Why the database file is no longer the one marsadd opened (deleted or replaced
    /// under it: commits would go to a file no one will ever open again), or nil.
    private func databaseFileProblem() -> String? {
        guard let opened = databaseIdentity else { return nil }
        let now = try? FS.facts(BytePath(config.database), followingLinks: true)
        if let now, now.device == opened.device, now.inode == opened.inode { return nil }
        return "the database file \(config.database) was \(now == nil ? "deleted" : "replaced") while marsadd had it open; "
            + "nothing more is written to it: restore it, or restart marsadd to start a new one"
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
        queue.async { Systemd.notify("WATCHDOG=1") }
    }

    /// The latest published state; never waits for the file in hand.
    public var snapshot: IngestSnapshot { published.withLock { $0 } }

    // MARK: control

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

    /// Builds the text rules' and the extractor's tables by deriving a small article.
    static func warmUp() {
        let sample = "عنوان\nقالت وزارة الداخلية السورية، السبت، إنها ألقت القبض على 3 عناصر من تنظيم داعش في ريف دمشق.\n"
        _ = try? derive(from: Array(sample.utf8), fileName: "warm-up.txt")
    }

    /// Lower-case hex of a digest (String(format:) per byte cost 3% of a burst).
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Everything marsad derives from a file's bytes: one function for ingest and reprocess.
    static func derive(from bytes: [UInt8], fileName: String) throws(DecodeError) -> StoreWriter.Derived {
        let decoded = try TextDecoding.decode(bytes)
        let article = ArticleExtraction.extract(from: try ArticleInput.parse(decoded, fileName: fileName))
        return StoreWriter.Derived(
            encoding: decoded.encoding.rawValue, title: article.title, cleanText: article.cleanText,
            removedLines: article.removedLines.map { RemovedLine(line: $0.line, rule: $0.rule) },
            index: TextAnalysis.indexForms(title: article.title, text: article.searchText),
            edits: article.edits.map { TextEditRecord(offset: $0.offset, before: $0.before, after: $0.after) },
            metadata: ArticleMetadata(outletAr: article.outlet?.ar, outletEn: article.outlet?.en,
                                      published: article.published?.value, publishedPrecision: article.published?.precision.rawValue,
                                      dates: article.dates.map(\.value)),
            findings: TextAnalysis.findings(cleanText: article.cleanText, title: article.title, published: article.published))
    }

    /// Derives every derived field again from the stored raw bytes (after an upgrade of the
    /// rules), for the articles in `ids`, or all of them when nil. Ids stay. Runs on the
    /// ingest queue, between files, in transactions of 200.
    public func reprocess(ids: [Int64]?) throws(StoreError) -> ReprocessOutcome {
        var outcome = ReprocessOutcome()
        var failure: StoreError?
        queue.sync {
            do throws(StoreError) {
                guard let store else { throw StoreError(.busy, "marsadd is stopping") }
                var after: Int64 = 0
                var remaining = ids.map { Array(Set($0)).sorted() }
                while true {
                    let batch: [StoreWriter.StoredSource]
                    if let pending = remaining {
                        let chunk = Array(pending.prefix(200))
                        remaining = Array(pending.dropFirst(200))
                        if chunk.isEmpty { break }
                        batch = try store.sources(ids: chunk)
                        let found = Set(batch.map(\.id))
                        outcome.missing += chunk.filter { !found.contains($0) }
                    } else {
                        batch = try store.sources(ids: nil, afterID: after, limit: 200)
                        guard let last = batch.last else { break }
                        after = last.id
                    }
                    var updates: [(id: Int64, derived: StoreWriter.Derived)] = []
                    for source in batch {
                        outcome.reprocessed += 1
                        // Bytes that decoded once decode again; if rules ever refuse them, the
                        // article keeps what it had rather than being lost.
                        guard let derived = try? Self.derive(from: source.raw, fileName: source.file) else { continue }
                        if derived != source.derived {
                            outcome.changed += 1
                            updates.append((source.id, derived))
                        }
                    }
                    try store.update(updates)
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        logger.info("reprocessed \(outcome.reprocessed) articles, \(outcome.changed) changed", metadata: ["MARSAD_EVENT": "reprocessed"])
        return outcome
    }

    /// Puts the articles stored before the current full-text index into it (after an
    /// upgrade), in batches. Returns how many. Call once at start, before the watcher.
    public func indexMissing(onBatch: (Int) -> Void = { _ in }) throws(StoreError) -> Int {
        try backfill(onBatch: onBatch) { store throws(StoreError) in
            let rows = try store.articlesWithoutIndex(limit: 500)
            if !rows.isEmpty { try store.setIndex(rows.map { ($0.id, TextAnalysis.indexForms(title: $0.title, text: $0.cleanText)) }) }
            return rows.count
        }
    }

    /// Extracts findings for stored articles that have none, or older ones than this
    /// extractor makes (after an upgrade), in batches of 200. Returns how many.
    public func extractMissing(onBatch: (Int) -> Void = { _ in }) throws(StoreError) -> Int {
        try backfill(onBatch: onBatch) { store throws(StoreError) in
            let rows = try store.articlesNeedingFindings(version: FindingsReader.version, limit: 200)
            if !rows.isEmpty {
                try store.setFindings(rows.map { row in
                    let published = row.published.map { FoundDate(value: $0, precision: FoundDate.Precision(rawValue: row.publishedPrecision ?? "") ?? .day) }
                    return (row.id, TextAnalysis.findings(cleanText: row.cleanText, title: row.title, published: published))
                })
            }
            return rows.count
        }
    }

    /// Runs `batch` on the ingest queue until it handles no more rows; returns how many it
    /// handled, telling `onBatch` the running total after each batch.
    private func backfill(onBatch: (Int) -> Void, _ batch: (StoreWriter) throws(StoreError) -> Int) throws(StoreError) -> Int {
        var total = 0
        var failure: StoreError?
        queue.sync {
            do throws(StoreError) {
                guard let store else { return }
                while true {
                    let count = try batch(store)
                    if count == 0 { break }
                    total += count
                    onBatch(total)
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return total
    }

    /// Finishes or redoes the claims a previous run left in processing/. Call once, before
    /// the watcher starts.
    public func recover() throws(SystemError) {
        var failure: SystemError?
        queue.sync {
            do throws(SystemError) {
                try FS.makeDirectories(layout.processing)
                for entry in try FS.list(layout.processing).sorted(by: { $0.name < $1.name }) {
                    recoverClaim(entry.name.description)
                }
            } catch {
                failure = error
            }
            publish()
        }
        if let failure { throw failure }
    }

    // MARK: queueing (on `queue`)

    private func noticed(_ relative: BytePath, _ kind: FileNotice) {
        guard !stopped, !readySet.contains(relative) else { return }
        switch kind {
        case .movedIn:
            makeReady(relative)
        case .created, .closedWrite, .scanned:
            // `.created` settles too: a hard link may be the middle of a link-then-unlink save.
            startSettling(relative, after: config.settleMs)
        }
        publish()
    }

    private func startSettling(_ relative: BytePath, after milliseconds: Int) {
        guard let facts = try? inbox.facts(relative) else {
            settling.removeValue(forKey: relative)
            return
        }
        if milliseconds == 0 && facts.kind == .regular {
            makeReady(relative)
            return
        }
        generation += 1
        settling[relative] = Settling(facts: facts, generation: generation)
        scheduleSettleCheck(relative, generation: generation, after: max(milliseconds, 1))
    }

    private func scheduleSettleCheck(_ relative: BytePath, generation: Int, after milliseconds: Int) {
        queue.asyncAfter(deadline: .now() + .milliseconds(milliseconds)) {
            self.checkSettled(relative, generation: generation)
        }
    }

    /// A file is settled when its size and mtime did not change over `settle_ms`.
    private func checkSettled(_ relative: BytePath, generation: Int) {
        guard !stopped, let entry = settling[relative], entry.generation == generation else { return }
        guard let facts = try? inbox.facts(relative) else {
            settling.removeValue(forKey: relative)
            publish()
            return
        }
        if facts.size == entry.facts.size && facts.mtimeNanoseconds == entry.facts.mtimeNanoseconds {
            makeReady(relative)
        } else {
            settling[relative]?.facts = facts
            scheduleSettleCheck(relative, generation: generation, after: max(config.settleMs, 1))
        }
        publish()
    }

    private func makeReady(_ relative: BytePath) {
        settling.removeValue(forKey: relative)
        guard readySet.insert(relative).inserted else { return }
        ready.append(relative)
        scheduleDrain()
    }

    private func scheduleDrain() {
        guard !drainScheduled, !paused, !stopped, stall == nil, readyHead < ready.count else { return }
        drainScheduled = true
        queue.async { self.drainOne() }
    }

    /// Claims and reads up to a batch of ready files and derives them on the other cores
    /// while the previous batch is stored here; then yields the queue so that events and
    /// status stay responsive. An idle daemon's batch is the one file that just arrived,
    /// stored at once; in a burst, storing one batch overlaps deriving the next.
    private func drainOne() {
        drainScheduled = false
        var batch: [Claimed] = []
        var bytes = 0
        while batch.count < Self.batchFiles, bytes < Self.batchBytes, !paused, !stopped, stall == nil, readyHead < ready.count {
            let relative = ready[readyHead]
            readyHead += 1
            readySet.remove(relative)
            if let claimed = take(relative) {
                batch.append(claimed)
                bytes += claimed.bytes.count
            }
        }
        if readyHead > 1024 && readyHead * 2 > ready.count {
            ready.removeFirst(readyHead)
            readyHead = 0
        }
        if batch.isEmpty {
            flushPending()
        } else {
            let plan = Plan(batch)
            let derivation = startDerivation(plan.inputs)
            flushPending()
            // nil: marsadd is stopping; the batch stays claimed in processing/, and the
            // next start derives it again.
            if let results = awaitDerivation(derivation) {
                pending = plan.prepared(results)
                if paused || stopped || stall != nil || readyHead == ready.count { flushPending() }
            }
        }
        filesSinceTrim += batch.count
        if readyHead == ready.count, pending == nil, filesSinceTrim >= Self.batchFiles {
            // A burst is over: give back what its batches freed. glibc keeps freed memory in
            // its arenas otherwise, and RSS stays at the burst's peak for good.
            filesSinceTrim = 0
            marsad_malloc_trim()
        }
        publish()
        scheduleDrain()
    }

    /// What deriving a batch takes: each file's SHA-256, which files repeat the bytes of
    /// an earlier one in the batch, and the bytes and names of the others.
    private struct Plan {
        var batch: [Claimed]
        var digests: [String]
        /// For each file, the first file of the batch with the same bytes (nil for a first).
        var sameAs: [Int?]
        var firsts: [Int]

        init(_ batch: [Claimed]) {
            self.batch = batch
            digests = batch.map { Ingestor.hex(SHA256.hash(data: $0.bytes)) }
            var first: [String: Int] = [:]
            sameAs = digests.enumerated().map { index, digest -> Int? in
                if let earlier = first[digest] { return earlier }
                first[digest] = index
                return nil
            }
            firsts = batch.indices.filter { [sameAs] in sameAs[$0] == nil }
        }

        var inputs: [([UInt8], String)] { firsts.map { (batch[$0].bytes, batch[$0].relative.lastComponent.description) } }

        /// The batch with what `inputs` derived to, in the same order.
        func prepared(_ results: [Result<StoreWriter.Derived, DeriveFailure>]) -> Prepared {
            var derived = [Result<StoreWriter.Derived, DeriveFailure>?](repeating: nil, count: batch.count)
            for (n, index) in firsts.enumerated() { derived[index] = results[n] }
            return Prepared(plan: self, derived: derived)
        }
    }

    /// A batch claimed, hashed and derived, waiting for its transaction.
    private struct Prepared {
        var plan: Plan
        /// What each first file derives to (nil for a copy).
        var derived: [Result<StoreWriter.Derived, DeriveFailure>?]
    }
    private var pending: Prepared?

    private func flushPending() {
        guard let prepared = pending else { return }
        pending = nil
        store(prepared)
    }

    /// A transaction's worth of files: its commit (and fsync) is shared, so a burst costs
    /// one per batch instead of one per file. The bytes bound keeps memory flat whatever the
    /// files' sizes.
    static let batchFiles = 100
    static let batchBytes = 4 << 20

    private func publish() {
        counters.paused = paused
        counters.queue = settling.count + (ready.count - readyHead) + (pending?.plan.batch.count ?? 0)
        counters.stuck = stuck.count
        counters.stalled = stall
        let snapshot = counters
        published.withLock { $0 = snapshot }
    }

    // MARK: one file (on `queue`)

    /// A file claimed into processing/ and read, waiting for its batch's transaction.
    private struct Claimed {
        var claim: String
        var relative: BytePath
        var bytes: [UInt8]
        var received: Date
    }

    /// Checks the file, claims it into processing/ and reads it; nil when it is not to be
    /// ingested now (gone, failed, still being written, or ingest stalled).
    ///
    /// The inbox is reached only through descriptors (`Beneath`), and the file is opened
    /// only once it is claimed: what is read is what was moved, whatever anyone swaps into
    /// the inbox meanwhile (a hard link to a file outside, a folder turned into a link).
    private func take(_ relative: BytePath) -> Claimed? {
        let limit = config.maxFileBytes  // one value for the whole file, whatever a reload does
        let facts: FileFacts
        do throws(SystemError) {
            guard let found = try inbox.facts(relative) else { return nil }  // gone: someone took it back
            facts = found
        } catch {
            if error.errno == EMFILE || error.errno == ENFILE {
                stallBeforeClaim(relative, because: "cannot inspect \(relative): \(error)")
                return nil
            }
            fail(relative, code: .unreadable, message: "cannot inspect the file: \(error)")
            return nil
        }
        switch facts.kind {
        case .directory:
            return nil
        case .regular:
            break
        default:
            fail(relative, code: .notRegular, message: "a \(facts.kind.rawValue) is never followed or read; drop regular files only")
            return nil
        }
        guard facts.size <= limit else {
            fail(relative, code: .tooLarge, message: "\(facts.size) bytes is over the limit of \(limit) bytes (ingest.max_file_size)")
            return nil
        }
        guard facts.linkCount == 1 else {
            failHardLink(relative, links: facts.linkCount)
            return nil
        }

        // A read lease is refused while anyone has the file open for writing: then the
        // writer is not done, whatever the size says. (Refused with EACCES when we neither
        // own the file nor have CAP_LEASE; then settling alone has to do.)
        switch leaseCheck(relative) {
        case .busy:
            logger.debug("still open for writing; waiting", metadata: ["FILE": "\(relative)"])
            startSettling(relative, after: max(config.settleMs, 500))
            return nil
        case .gone:
            return nil
        case .failed(let error):
            switch error.errno {
            case EMFILE, ENFILE:
                stallBeforeClaim(relative, because: "cannot open \(relative): \(error)")
            case ELOOP, EXDEV: fail(relative, code: .notRegular, message: "it became a symbolic link, which is never followed")
            case EACCES, EPERM:
                fail(relative, code: .unreadable,
                     message: "permission denied: marsadd (uid \(geteuid())) cannot read it; make it readable by the marsad group and retry")
            default: fail(relative, code: .unreadable, message: "\(error)")
            }
            return nil
        case .free(let inode):
            guard inode == facts.inode else {
                startSettling(relative, after: config.settleMs)  // replaced meanwhile: look again
                return nil
            }
        }

        // Claim: from here on the file is ours, and a crash leaves it in processing/.
        claims += 1
        let claim = "\(claimPrefix)-\(claims)"
        let claimDirectory = layout.processing.appending(claim)
        let claimed = claimDirectory.appending(relative)
        do throws(SystemError) {
            try claimFolders.make(claimDirectory)
            if claimed.parent != claimDirectory { try FS.makeDirectories(claimed.parent) }
            try inbox.move(relative, to: claimed)
        } catch {
            try? FS.removeEmptyTree(claimDirectory)
            if [ENOENT, ELOOP, EXDEV].contains(error.errno) { return nil }  // gone, or a folder on its way became a link
            if [ENOSPC, EDQUOT, EROFS, EIO].contains(error.errno) {
                // The data folder cannot take writes: not this file's fault, nor any other's.
                stallBeforeClaim(relative, because: "cannot claim \(relative): \(error)")
                return nil
            }
            if error.errno == ENAMETOOLONG {
                fail(relative, code: .pathTooLong,
                     message: "its path under the inbox is too long to be claimed (\(relative.bytes.count) bytes); drop it higher up")
                return nil
            }
            noteError("cannot claim \(relative): \(error)")
            startSettling(relative, after: 5_000)
            return nil
        }
        if let n = faults.killAfterClaim, claims >= n { kill(getpid(), SIGKILL) }
        if let name = faults.hangOnFile, relative.lastComponent.description == name { hangOnce(name) }
        return read(claim: claim, relative: relative, expectedInode: facts.inode, limit: limit)
    }

    private enum Lease {
        case free(inode: UInt64)
        case busy
        case gone
        case failed(SystemError)
    }

    /// Whether a writer still has the inbox file open (a read lease is refused then).
    private func leaseCheck(_ relative: BytePath) -> Lease {
        let fd: Int32
        do throws(SystemError) {
            fd = try inbox.openForReading(relative)
        } catch {
            return error.errno == ENOENT ? .gone : .failed(error)
        }
        defer { close(fd) }
        guard let opened = try? FS.facts(fd: fd), opened.kind == .regular else { return .gone }
        if marsad_try_read_lease(fd) == 0 {
            marsad_release_lease(fd)
        } else if errno == EAGAIN {
            return .busy
        }
        return .free(inode: opened.inode)
    }

    /// Opens and reads a claimed file, checking on its descriptor that it is one regular
    /// file with one name: a hard link swapped in between the check and the claim is
    /// failed unread, and a file replaced meanwhile by another still being written goes
    /// back to the inbox.
    private func read(claim: String, relative: BytePath, expectedInode: UInt64?, limit: Int) -> Claimed? {
        let claimed = layout.processing.appending(claim).appending(relative)
        let fd: Int32
        do throws(SystemError) {
            fd = try FS.openForReading(claimed)
        } catch {
            if error.errno == ELOOP {
                fail(relative, code: .notRegular, message: "a symbolic link is never followed or read; drop regular files only", claim: claim)
            } else {
                fail(relative, code: .unreadable, message: "\(error)", claim: claim)
            }
            return nil
        }
        defer { close(fd) }
        guard let opened = try? FS.facts(fd: fd), opened.kind == .regular else {
            fail(relative, code: .notRegular, message: "not a regular file; drop regular files only", claim: claim)
            return nil
        }
        guard opened.linkCount == 1 else {
            failHardLink(relative, links: opened.linkCount, claim: claim)
            return nil
        }
        if let expectedInode, opened.inode != expectedInode, marsad_try_read_lease(fd) != 0, errno == EAGAIN {
            // Another file took the name between the check and the claim, and its writer
            // is not done: give it back.
            if (try? inbox.move(from: claimed, to: relative)) != nil {
                try? FS.removeEmptyTree(layout.processing.appending(claim))
                startSettling(relative, after: max(config.settleMs, 500))
                return nil
            }
        }
        let bytes: [UInt8]
        do throws(SystemError) {
            bytes = try FS.readAll(fd: fd, limit: limit)
        } catch {
            fail(relative, code: .unreadable, message: "\(error)", claim: claim)
            return nil
        }
        guard bytes.count <= limit else {
            fail(relative, code: .tooLarge,
                 message: "it is over the limit of \(limit) bytes (ingest.max_file_size)", claim: claim)
            return nil
        }
        return Claimed(claim: claim, relative: relative, bytes: bytes, received: Date())
    }

    /// Stores claimed files at once, derived here (recovery's one file at a time).
    private func ingest(_ batch: [Claimed]) {
        let plan = Plan(batch)
        guard let results = awaitDerivation(startDerivation(plan.inputs)) else { return }
        store(plan.prepared(results))
    }

    /// Why a file's derivation gave no article.
    struct DeriveFailure: Error {
        var code: FailureCode
        var message: String
    }

    /// A batch being derived on every core, off the ingest queue: pure work on bytes.
    private struct Derivation {
        let group: DispatchGroup
        let results: PartialResults<Result<StoreWriter.Derived, DeriveFailure>>
        let started: DispatchTime
    }

    private func startDerivation(_ inputs: [([UInt8], String)]) -> Derivation {
        let results = PartialResults<Result<StoreWriter.Derived, DeriveFailure>>(count: inputs.count)
        let group = DispatchGroup()
        let slow = faults.slowDeriveFile
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
                let (bytes, name) = inputs[index]
                if let slow, name == slow { sleep(3600) }  // test fault: a runaway derivation
                results.set(index, Result { () throws(DeriveFailure) in
                    do throws(DecodeError) {
                        return try Self.derive(from: bytes, fileName: name)
                    } catch {
                        throw DeriveFailure(code: FailureCode(error.code), message: error.message)
                    }
                })
            }
        }
        return Derivation(group: group, results: results, started: .now())
    }

    /// Waits for a derivation, `ingest.max_derive_ms` at most: a file not derived by then
    /// fails as too-slow, and its work is abandoned (it runs on, unseen, until it ends).
    /// nil when marsadd began to stop meanwhile.
    private func awaitDerivation(_ derivation: Derivation) -> [Result<StoreWriter.Derived, DeriveFailure>]? {
        let budget = config.maxDeriveMs
        let deadline = derivation.started + .milliseconds(budget)
        while derivation.group.wait(timeout: min(deadline, .now() + .milliseconds(100))) == .timedOut {
            if stopping.load(ordering: .relaxed) { return nil }
            if DispatchTime.now() >= deadline { break }
        }
        return derivation.results.values().map {
            $0 ?? .failure(DeriveFailure(code: .tooSlow, message: "deriving it took longer than \(budget) ms (ingest.max_derive_ms); it was abandoned"))
        }
    }

    /// Stores a prepared batch (articles, or sightings of known bytes) in one transaction,
    /// and only then moves its files out of processing/.
    private func store(_ prepared: Prepared) {
        let batch = prepared.plan.batch
        let digests = prepared.plan.digests
        let sameAs = prepared.plan.sameAs
        var derived = prepared.derived
        if let delay = faults.ingestDelayMs { usleep(UInt32(delay * 1000 * batch.count)) }
        guard let store else { return }
        if let problem = databaseFileProblem() {
            for item in batch { hold(item.claim, item.relative, because: problem) }
            return
        }

        // Bytes stored before: a sighting, whatever deriving them says now.
        var known: [Int64?] = []
        do throws(StoreError) {
            for (index, digest) in digests.enumerated() {
                known.append(sameAs[index] == nil ? try store.articleID(sha256: digest) : nil)
            }
        } catch {
            for item in batch { hold(item.claim, item.relative, because: "cannot store \(item.relative): \(error)") }
            return
        }
        for index in batch.indices where known[index] != nil { derived[index] = nil }

        // Archive names, reserved across the batch: none of its files is moved yet.
        var archivePaths: [BytePath?] = []
        var reserved: [BytePath: Set<BytePath>] = [:]  // folder -> names promised in it
        var isKept = [Bool](repeating: false, count: batch.count)
        for index in batch.indices {
            let item = batch[index]
            // The same bytes as a file before it in the batch: it shares that file's fate.
            if let first = sameAs[index], known[first] == nil, !isKept[first] {
                if case .failure = derived[first] {
                    derived[index] = derived[first]
                } else {
                    archivePaths.append(nil)
                    hold(item.claim, item.relative, because: "cannot store \(item.relative): the same bytes earlier in its batch were held")
                    continue
                }
            }
            if case .failure(let error) = derived[index] {
                fail(item.relative, code: error.code, message: error.message, claim: item.claim)
                archivePaths.append(nil)
                continue
            }
            do throws(SystemError) {
                let path = try destination(for: item.relative, received: item.received, reserved: reserved)
                if let path { reserved[path.parent, default: []].insert(path.lastComponent) }
                archivePaths.append(path)
                isKept[index] = true
            } catch {
                archivePaths.append(nil)
                hold(item.claim, item.relative, because: "cannot store \(item.relative): \(error)")
            }
        }
        let kept = batch.indices.filter { isKept[$0] }
        guard !kept.isEmpty else { return }

        var ids = [Int64?](repeating: nil, count: batch.count)
        do throws(StoreError) {
            try store.batch { () throws(StoreError) in
                for index in kept {
                    let item = batch[index]
                    let receivedAt = Timestamps.string(item.received)
                    if let existing = known[index] ?? sameAs[index].flatMap({ known[$0] ?? ids[$0] }) {
                        _ = try store.insert(NewSighting(articleID: existing, file: item.relative.description, fileRaw: item.relative.bytes,
                                                         receivedAt: receivedAt, archivePath: archivePaths[index]?.description, claim: item.claim))
                        ids[index] = existing
                    } else if case .success(let derived) = derived[index] {
                        ids[index] = try store.insert(NewArticle(
                            sha256: digests[index], file: item.relative.description, fileRaw: item.relative.bytes, receivedAt: receivedAt,
                            size: item.bytes.count, encoding: derived.encoding, raw: item.bytes, title: derived.title,
                            cleanText: derived.cleanText, removedLines: derived.removedLines,
                            archivePath: archivePaths[index]?.description, claim: item.claim, index: derived.index, edits: derived.edits,
                            metadata: derived.metadata, findings: derived.findings))
                    }
                }
            }
        } catch {
            // Not the files' fault (disk full, database locked...): keep the claims, take no
            // other file, and retry until the store accepts them again.
            for index in kept { hold(batch[index].claim, batch[index].relative, because: "cannot store \(batch[index].relative): \(error)") }
            return
        }
        committed()
        for index in kept {
            let item = batch[index]
            guard let id = ids[index] else { continue }
            var metadata: Logger.Metadata = ["FILE": "\(item.relative)", "SHA256": "\(digests[index])", "ARTICLE_ID": "\(id)"]
            if case .success(let derived) = derived[index] {
                counters.articles += 1
                counters.lastIngestAt = Timestamps.string(item.received)
                metadata["MARSAD_EVENT"] = "ingested"
                logger.info("ingested as article \(id) (\(derived.encoding), \(item.bytes.count) bytes)", metadata: metadata)
            } else {
                metadata["MARSAD_EVENT"] = "duplicate"
                logger.info("already stored: recorded a sighting of article \(id)", metadata: metadata)
            }
            complete(claim: item.claim, relative: item.relative, archivePath: archivePaths[index])
        }
    }

    private func hangOnce(_ name: String) {
        let marker = BytePath(config.dataDir).appending("fault-hung-\(name)")
        guard (try? FS.facts(marker)) ?? nil == nil else { return }
        try? FS.writeAtomically(Array("hung\n".utf8), to: marker)
        logger.warning("test fault: the ingest loop hangs now (MARSAD_FAULT_HANG_ON_FILE)", metadata: ["FILE": "\(name)"])
        while true { sleep(3600) }
    }

    private func committed() {
        commits += 1
        writesAccepted()
        if let n = faults.killAfterCommit, commits >= n { kill(getpid(), SIGKILL) }
    }

    /// Where a file goes after its commit: a free name in archive/YYYY/MM/, or nil when
    /// files are deleted after ingest.
    private func destination(for relative: BytePath, received: Date, reserved: [BytePath: Set<BytePath>] = [:]) throws(SystemError) -> BytePath? {
        guard config.afterIngest == .archive else { return nil }
        let folder = layout.archive.appending(Timestamps.yearMonth(received))
        if folder != madeArchiveFolder {
            try FS.makeDirectories(folder)
            madeArchiveFolder = folder
        }
        return folder.appending(try FolderNames.free(in: folder, for: relative.lastComponent, reserve: 0,
                                                     taken: reserved[folder] ?? []))
    }

    /// Moves a committed claim's file to its archive path (or deletes it) and removes the
    /// claim folder. Idempotent: recovery calls it again after a crash.
    private func complete(claim: String, relative: BytePath, archivePath: BytePath?) {
        let claimDirectory = layout.processing.appending(claim)
        let claimed = claimDirectory.appending(relative)
        do throws(SystemError) {
            if let archivePath {
                if try FS.facts(claimed) != nil {
                    if archivePath.parent != madeArchiveFolder { try FS.makeDirectories(archivePath.parent) }
                    do throws(SystemError) {
                        try FS.renameNoReplace(claimed, archivePath)
                    } catch where error.errno == ENOENT {
                        // The archive folder was removed meanwhile: make it again.
                        madeArchiveFolder = nil
                        try FS.makeDirectories(archivePath.parent)
                        try FS.renameNoReplace(claimed, archivePath)
                    } catch where error.errno == EEXIST {
                        // Taken meanwhile (by hand?): keep both, under another free name.
                        let other = archivePath.parent.appending(try FolderNames.free(in: archivePath.parent, for: archivePath.lastComponent, reserve: 0))
                        try FS.renameNoReplace(claimed, other)
                        try? store?.updateArchivePath(claim: claim, path: other.description)
                    }
                }
            } else {
                try FS.remove(claimed)
            }
            if claimed.parent == claimDirectory {
                claimFolders.retire(claimDirectory)
            } else {
                try FS.removeEmptyTree(claimDirectory)
            }
        } catch {
            noteError("committed, but cannot move \(relative) out of processing/: \(error); it is finished at the next start")
        }
    }

    /// A hard link shares its bytes with a name outside the inbox, perhaps one the dropper
    /// could not read through marsad otherwise (a file of the daemon's own user): it is
    /// moved to failed/ unread.
    private func failHardLink(_ relative: BytePath, links: Int, claim: String? = nil) {
        fail(relative, code: .hardLink,
             message: "the file has \(links) names (a hard link) and is never read; copy it into the inbox instead", claim: claim)
    }

    /// Moves a file to failed/ with its reason: from its claim in processing/ when it has
    /// one, else from the inbox (through descriptors).
    private func fail(_ relative: BytePath, code: FailureCode, message: String, claim: String? = nil) {
        let reason = FailureReason(code: code.rawValue, message: message, failedAt: Timestamps.string(Date()), source: relative.description)
        let origin: FailedFolder.Origin = claim.map { .path(layout.processing.appending($0).appending(relative)) } ?? .inbox(inbox, relative)
        do throws(SystemError) {
            if let name = try failedFolder.add(origin, originalName: relative.lastComponent, reason: reason) {
                logger.warning("failed: \(message)", metadata: ["FILE": "\(relative)", "MARSAD_EVENT": "failed",
                                                                  "MARSAD_REASON": "\(code.rawValue)", "MARSAD_FAILED_AS": "\(name)"])
            }
        } catch {
            // The file stays where it is: in processing/ it is retried with the other stuck
            // claims; in the inbox the next rescan finds it.
            if let claim {
                hold(claim, relative, because: "cannot move \(relative) to failed/: \(error)")
            } else {
                noteError("cannot move \(relative) to failed/: \(error); the next rescan finds it again")
            }
            return
        }
        writesAccepted()
        if let claim { try? FS.removeEmptyTree(layout.processing.appending(claim)) }
    }

    private func noteError(_ message: String) {
        counters.lastError = "\(Timestamps.string(Date())) \(message)"
        logger.error("\(message)", metadata: ["MARSAD_EVENT": "error"])
    }

    /// Keeps a claimed file in processing/ after a fault that is not the file's (disk full,
    /// database read-only or locked): ingest stalls, nothing is moved to failed/ for it, and
    /// the held files are retried every `stallRetrySeconds` until the store accepts them; then
    /// ingest resumes by itself.
    private func hold(_ claim: String, _ relative: BytePath, because message: String) {
        raiseStall(message)
        if !stuck.contains(where: { $0.claim == claim }) { stuck.append((claim, relative)) }
        scheduleStuckRetry()
    }

    static let stallRetrySeconds = 2

    /// Logs a stall once, not at every retry of a disk that stays full for days.
    private func raiseStall(_ message: String) {
        stall = "\(message); ingest is held and retried every \(Self.stallRetrySeconds) s"
        if stallLogged {
            counters.lastError = "\(Timestamps.string(Date())) \(stall!)"
        } else {
            stallLogged = true
            noteError(stall!)
            Systemd.notify("STATUS=stalled: \(message)")
        }
    }

    /// Something was written again (a commit, a file moved to failed/): a stall is over.
    private func writesAccepted() {
        guard stallLogged else { return }
        stallLogged = false
        logger.notice("writes are accepted again; ingest resumes", metadata: ["MARSAD_EVENT": "resumed"])
    }

    /// A file that could not even be claimed (disk full, read-only): it stays in the inbox,
    /// queued again, and ingest stalls until a retry finds the folder writable.
    private func stallBeforeClaim(_ relative: BytePath, because message: String) {
        raiseStall(message)
        makeReady(relative)
        scheduleStuckRetry()
    }

    private func scheduleStuckRetry() {
        guard !retryScheduled else { return }
        retryScheduled = true
        queue.asyncAfter(deadline: .now() + .seconds(Self.stallRetrySeconds)) {
            self.retryScheduled = false
            let pending = self.stuck
            self.stuck.removeAll()
            // Cleared here, raised again by the next file if the fault is still there.
            self.stall = nil
            for entry in pending where !self.stopped { self.recoverClaim(entry.claim) }
            self.publish()
            self.scheduleDrain()
        }
    }

    // MARK: recovery (on `queue`)

    /// Finishes one claim folder found in processing/: committed -> complete the move;
    /// not committed -> ingest it again; empty -> remove it.
    private func recoverClaim(_ claim: String) {
        guard let store else { return }
        let claimDirectory = layout.processing.appending(claim)
        let files = (try? filesBelow(claimDirectory, relative: BytePath([UInt8]()))) ?? []
        guard let relative = files.first else {
            try? FS.removeEmptyTree(claimDirectory)
            return
        }
        do throws(StoreError) {
            if let record = try store.record(forClaim: claim) {
                logger.info("finishing a claim committed before a restart", metadata: ["FILE": "\(relative)", "MARSAD_EVENT": "recovered"])
                complete(claim: claim, relative: relative, archivePath: record.archivePath.map(BytePath.init))
                return
            }
        } catch {
            hold(claim, relative, because: "cannot look up claim \(claim): \(error.message)")
            return
        }
        logger.info("ingesting a file claimed before a restart", metadata: ["FILE": "\(relative)", "MARSAD_EVENT": "recovered"])
        guard let claimed = read(claim: claim, relative: relative, expectedInode: nil, limit: config.maxFileBytes) else { return }
        ingest([claimed])
    }

    private func filesBelow(_ directory: BytePath, relative: BytePath) throws(SystemError) -> [BytePath] {
        var files: [BytePath] = []
        for entry in try FS.list(directory.appending(relative)) {
            let child = relative.appending(entry.name)
            if try FS.facts(directory.appending(child))?.kind == .directory {
                files += try filesBelow(directory, relative: child)
            } else {
                files.append(child)
            }
        }
        return files
    }
}

/// Claim folders (processing/<claim>/), reused: an emptied one is renamed aside and renamed
/// to the next claim's name, instead of a rmdir and a mkdir per file (ext4 looks for a free
/// inode that was not freed recently at each mkdir: a quarter of a millisecond in a burst,
/// measured with perf). A spare holds nothing, and recovery removes the empty folders it
/// finds, spares included.
final class ClaimFolders {
    private let processing: BytePath
    private var spares: [BytePath] = []
    private var made = 0
    static let maxSpares = Ingestor.batchFiles

    init(processing: BytePath) { self.processing = processing }

    /// Makes the folder `path`: a spare renamed, else a new one.
    func make(_ path: BytePath) throws(SystemError) {
        while let spare = spares.popLast() {
            do throws(SystemError) {
                try FS.renameNoReplace(spare, path)
                return
            } catch {
                try? FS.removeEmptyTree(spare)  // gone or not empty: forget it, take the next
            }
        }
        try FS.makeDirectories(path)
    }

    /// Takes back a claim folder that is empty now; removed instead when enough are spare.
    func retire(_ path: BytePath) {
        if spares.count < Self.maxSpares {
            made += 1
            let spare = processing.appending(".spare-\(getpid())-\(made)")
            if (try? FS.renameNoReplace(path, spare)) != nil {
                spares.append(spare)
                return
            }
        }
        try? FS.removeEmptyTree(path)
    }
}

/// Results written by concurrent iterations and read by a waiter that may stop waiting
/// before all are in: a slot not yet written reads as nil.
final class PartialResults<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>
    init(count: Int) { slots = Mutex([Value?](repeating: nil, count: count)) }
    func set(_ index: Int, _ value: Value) { slots.withLock { $0[index] = value } }
    func values() -> [Value?] { slots.withLock { $0 } }
}
