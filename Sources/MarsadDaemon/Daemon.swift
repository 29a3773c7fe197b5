@preconcurrency import Dispatch
import Foundation
import Logging
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

/// Stops the watcher and drains the ingestor when the service group shuts down.
struct IngestService: Service {
    let watcher: Watcher
    let ingestor: Ingestor
    let readStore: ReadStore
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        Systemd.notify("STOPPING=1\nSTATUS=stopping: finishing the file in hand")
        logger.info("stopping: finishing the file in hand", metadata: ["MARSAD_EVENT": "stopping"])
        watcher.stop()
        ingestor.shutdown()
        readStore.close()
    }
}

/// Composes the daemon's parts (DESIGN §2) and runs them until SIGTERM or SIGINT.
public enum Daemon {
    /// Starts everything, reports READY=1, serves until a stop signal, then shuts down
    /// gracefully. Throws `StartupError` when it cannot start.
    public static func run(config: DaemonConfig, logger: Logger) async throws {
        let startedAt = Date()
        try prepareFolders(config)
        let lock = try lockDatabase(config)
        defer { close(lock) }

        let store: StoreWriter
        do {
            store = try StoreWriter(path: config.database, durability: config.durability)
        } catch {
            throw StartupError("cannot open the store: \(error.message)", errno: EIO)
        }
        let ingestor = Ingestor(config: config, store: store, logger: logger)
        do {
            try ingestor.recover()
        } catch {
            throw StartupError("cannot recover processing/: \(error)", errno: error.errno)
        }
        let watcher = Watcher(root: BytePath(config.inbox), queue: DispatchQueue(label: "marsad.watch"), logger: logger) { relative, notice in
            ingestor.notice(relative, notice)
        }
        let readStore = ReadStore(path: config.database)
        let failed = FailedFolder(path: BytePath(config.failed), inbox: BytePath(config.inbox))
        let handler = ControlHandler(
            context: ControlContext(config: config, store: readStore, ingestor: ingestor, watcher: watcher, failed: failed,
                                    startedAt: startedAt, version: marsadVersion),
            logger: logger)
        let server: ControlServer
        do {
            server = try await ControlServer.bind(config: config, handler: handler, group: MultiThreadedEventLoopGroup.singleton, logger: logger)
        } catch {
            throw StartupError("cannot listen on \(config.socket): \(error)", errno: EADDRINUSE)
        }
        do {
            try watcher.start(rescanInterval: config.rescanIntervalS)
        } catch {
            throw StartupError("cannot watch the inbox: \(error)", errno: error.errno)
        }

        let snapshot = ingestor.snapshot
        logger.info("marsadd \(marsadVersion) ready", metadata: [
            "MARSAD_EVENT": "ready", "inbox": "\(config.inbox)", "database": "\(config.database)",
            "socket": "\(config.socket)", "queued": "\(snapshot.queue)", "paused": "\(snapshot.paused)",
        ])
        Systemd.notify("READY=1\nSTATUS=running: watching \(config.inbox)")

        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: IngestService(watcher: watcher, ingestor: ingestor, readStore: readStore, logger: logger)),
                .init(service: server),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
        logger.info("marsadd stopped", metadata: ["MARSAD_EVENT": "stopped"])
    }

    /// Creates the folders and checks they share one filesystem, since every move is a rename.
    static func prepareFolders(_ config: DaemonConfig) throws {
        let folders = [("paths.inbox", config.inbox), ("paths.processing", config.processing),
                       ("paths.archive", config.archive), ("paths.failed", config.failed)]
        var devices: [(String, String, UInt64)] = []
        for (key, path) in folders + [("paths.data_dir", config.dataDir), ("paths.database", (config.database as NSString).deletingLastPathComponent)] {
            do {
                try FS.makeDirectories(BytePath(path))
                if let facts = try FS.facts(BytePath(path), followingLinks: true) { devices.append((key, path, facts.device)) }
            } catch {
                throw StartupError("\(key): cannot create \(path): \(error)", errno: error.errno)
            }
        }
        let inboxDevice = devices[0].2
        for (key, path, device) in devices.prefix(folders.count) where device != inboxDevice {
            throw StartupError("\(key) (\(path)) is on another filesystem than paths.inbox (\(config.inbox)); marsad moves files by rename, so they must share one", errno: EXDEV)
        }
    }

    /// Takes an exclusive lock beside the database so that two daemons never share a store.
    static func lockDatabase(_ config: DaemonConfig) throws -> Int32 {
        let path = config.database + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw StartupError("cannot open \(path): \(String(cString: strerror(errno)))", errno: errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            close(fd)
            throw StartupError("another marsadd (pid \(holder)) is using \(config.database); stop it first", errno: EBUSY)
        }
        ftruncate(fd, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return fd
    }
}
