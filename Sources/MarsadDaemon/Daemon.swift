import CLinux
@preconcurrency import Dispatch
import Foundation
import Logging
import MarsadExtract
import MarsadModel
import MarsadProtocol
import MarsadStore
import NIOPosix
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// Why the daemon could not start. The message names what to fix.
public struct StartupError: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// The errno to report to systemd (ERRNO=), when one applies.
    public let errno: Int32?

    public init(_ message: String, errno: Int32? = nil) {
        self.message = message
        self.errno = errno
    }
    public var description: String { message }
}

/// Composes the daemon's parts (DESIGN §2) and runs them until SIGTERM or SIGINT.
public enum Daemon {
    /// Raises the soft limit on open descriptors to the hard one (at most 65,536), as
    /// systemd advises for programs that never use select(): systemd's default soft limit
    /// of 1,024 would refuse clients long before `control.max_connections` does.
    static func raiseDescriptorLimit(logger: Logger) {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0 else { return }
        let wanted = min(limit.rlim_max, 65_536)
        guard limit.rlim_cur < wanted else { return }
        limit.rlim_cur = wanted
        if setrlimit(resource, &limit) != 0 {
            logger.warning("cannot raise the open-file limit to \(wanted): \(String(cString: strerror(errno)))")
        }
    }

    /// Starts everything, reports READY=1, serves until a stop signal, then shuts down
    /// gracefully. Throws `StartupError` when it cannot start.
    public static func run(
        config initial: DaemonConfig, configPath: String?, overrides: ConfigOverrides,
        logLevel: LogLevelSetting, logger: Logger
    ) async throws {
        let startedAt = Date()
        let live = LiveConfig(initial)
        raiseDescriptorLimit(logger: logger)
        // Two malloc arenas, not glibc's eight a core: the threads that derive articles in
        // parallel would each keep an arena of freed memory, which a long-running daemon
        // pays for in RSS.
        marsad_limit_malloc_arenas(2)
        Systemd.notify("STATUS=starting: opening the store")
        try prepareFolders(initial)
        let lock = try lockDatabase(initial)
        defer { close(lock) }

        let store: any ArticleStoreWriter
        let ingestor: Ingestor
        do {
            // Migrations of a large store may take a while: ask for the time first.
            Systemd.extendTimeout(seconds: 120)
            store = try StoreWriter(path: initial.database, durability: initial.durability)
            ingestor = try Ingestor(config: live, store: store, logger: logger, notify: { _ = Systemd.notify($0) })
        } catch {
            throw StartupError("cannot open the store: \(error.message)", errno: error.code == .busy ? EBUSY : EIO)
        }
        let watcher = Watcher(
            root: BytePath(initial.inbox), queue: DispatchQueue(label: "marsad.watch"), logger: logger,
            onProgress: { _ in Systemd.extendTimeout(seconds: 30) },
            onInboxState: { ingestor.setInboxMissing($0) },
            onUnwatched: { ingestor.setUnwatched($0) },
            onFile: { relative, notice in ingestor.notice(relative, notice) })
        let readStore = ReadStore(budgetMilliseconds: { live.current.queryTimeoutMs }, makeReader: { try StoreReader(path: initial.database) })
        let failed = FailedFolder(path: BytePath(initial.failed), inbox: BytePath(initial.inbox))
        let reloader = Reloader(configPath: configPath, overrides: overrides, live: live, logLevel: logLevel, logger: logger) { applied in
            watcher.setRescanInterval(applied.rescanIntervalS)
        }
        let handler = ControlHandler(
            context: ControlContext(
                live: live, reloader: reloader, store: readStore, ingestor: ingestor, watcher: watcher,
                failed: failed, startedAt: startedAt, version: marsadVersion),
            logger: logger)
        let inherited = Systemd.listenedDescriptors()["control"]
        let server: ControlServer
        do {
            server = try await ControlServer.start(
                live: live, inheritedDescriptor: inherited, handler: handler,
                group: MultiThreadedEventLoopGroup.singleton, logger: logger)
        } catch {
            throw StartupError("cannot listen on \(initial.socket): \(error)", errno: EADDRINUSE)
        }
        // The socket answers from here on: start-up's backfills and recovery (which may take
        // long, or meet a file that takes its whole time budget) run inside the service
        // group, beside the server, and `status` says "starting" meanwhile.
        ingestor.setStarting("finishing what the last run left (indexing, recovery)")
        let notifier = ManagerNotifier()
        let startUp: @Sendable () async throws -> Void = {
            try await Self.finishStartUp(
                initial: initial, inherited: inherited, ingestor: ingestor, watcher: watcher, notifier: notifier,
                logger: logger)
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(
                        service: IngestService(
                            watcher: watcher, ingestor: ingestor, readStore: readStore, notifier: notifier, logger: logger,
                            startUp: startUp)),
                    .init(service: server),
                    .init(service: ReloadOnHangupService(reloader: reloader)),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
        logger.info("marsadd stopped", metadata: ["MARSAD_EVENT": "stopped"])
    }

    /// Index and findings backfills, recovery of processing/, the inbox's first scan, then
    /// READY=1: what stands between a bound socket and a running daemon.
    static func finishStartUp(
        initial: DaemonConfig, inherited: Int32?, ingestor: Ingestor, watcher: Watcher,
        notifier: ManagerNotifier, logger: Logger
    ) async throws {
        try await ControlHandler.offload { () throws in
            do throws(StoreError) {
                let indexed = try ingestor.indexMissing { done in
                    Systemd.notify("EXTEND_TIMEOUT_USEC=30000000\nSTATUS=starting: indexed \(done) stored articles for search")
                }
                if indexed > 0 {
                    logger.notice("indexed \(indexed) stored articles for Arabic-aware search", metadata: ["MARSAD_EVENT": "reindexed"])
                }
                let extracted = try ingestor.extractMissing { done in
                    Systemd.notify("EXTEND_TIMEOUT_USEC=30000000\nSTATUS=starting: read places, actors and incidents of \(done) stored articles")
                }
                if extracted > 0 {
                    logger.notice(
                        "read places, actors and incidents of \(extracted) stored articles (extractor version \(FindingsReader.version))",
                        metadata: ["MARSAD_EVENT": "extracted"])
                }
                let linked = try ingestor.relinkIfNeeded(force: extracted > 0) { done in
                    Systemd.notify("EXTEND_TIMEOUT_USEC=30000000\nSTATUS=starting: linked \(done) stored articles to their stories and incidents")
                }
                if linked > 0 {
                    logger.notice("linked \(linked) stored articles to their stories and incidents", metadata: ["MARSAD_EVENT": "relinked"])
                }
            } catch {
                throw StartupError("cannot index the stored articles: \(error.message)", errno: EIO)
            }
            do throws(SystemError) {
                Systemd.notify("STATUS=starting: finishing files claimed before the last stop")
                try ingestor.recover()
            } catch {
                throw StartupError("cannot recover processing/: \(error)", errno: error.errno)
            }
            // "running" only once the inbox is watched: a file dropped after `status` says so
            // has its event (before, the first scan finds it).
            ingestor.setStarting("scanning the inbox")
            do throws(SystemError) {
                Systemd.notify("STATUS=starting: scanning the inbox")
                try watcher.start(rescanInterval: initial.rescanIntervalS)
            } catch {
                throw StartupError("cannot watch the inbox: \(error)", errno: error.errno)
            }
            ingestor.setStarting(nil)
        }

        let snapshot = ingestor.snapshot
        logger.info(
            "marsadd \(marsadVersion) ready",
            metadata: [
                "MARSAD_EVENT": "ready", "inbox": "\(initial.inbox)", "database": "\(initial.database)",
                "socket": "\(initial.socket)\(inherited != nil ? " (from systemd)" : "")",
                "queued": "\(snapshot.queue)", "paused": "\(snapshot.paused)",
            ])
        if let delay = ProcessInfo.processInfo.environment["MARSAD_FAULT_READY_DELAY_MS"].flatMap(Int.init) {
            // Test-only: lets a test see the unit `activating` before READY=1.
            try await Task.sleep(for: .milliseconds(delay))
        }
        Systemd.notify("READY=1\nSTATUS=\(ManagerNotifier.statusLine(ingestor.snapshot))")
        notifier.start(ingestor: ingestor, inbox: initial.inbox)
        // The rules' tables are built on first use (a tenth of a second): after READY, not
        // before it, and not in the first dropped article's time either.
        DispatchQueue.global(qos: .utility).async { Ingestor.warmUp() }
    }
}
