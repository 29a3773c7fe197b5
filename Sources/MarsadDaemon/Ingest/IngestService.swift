import CLinux
@preconcurrency import Dispatch
import Foundation
import Logging
import MarsadExtract
import MarsadModel
import MarsadProtocol
import NIOPosix
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// Stops the watcher and drains the ingestor when the service group shuts down.
struct IngestService: Service {
    let watcher: Watcher
    let ingestor: Ingestor
    let readStore: ReadStore
    let notifier: ManagerNotifier
    let logger: Logger
    /// What start-up has left to do once the socket serves (recovery, first scan, READY).
    let startUp: @Sendable () async throws -> Void

    func run() async throws {
        // A stop during start-up: recovery abandons a derivation in hand (its file stays
        // claimed for the next start) instead of waiting for it.
        try await withGracefulShutdownHandler {
            try await startUp()
        } onGracefulShutdown: {
            ingestor.beginStopping()
        }
        try? await gracefulShutdown()
        notifier.stop()
        Systemd.notify("STOPPING=1\nSTATUS=stopping: finishing the file in hand")
        logger.info("stopping: finishing the file in hand", metadata: ["MARSAD_EVENT": "stopping"])
        watcher.stop()
        ingestor.shutdown()
        readStore.close()
    }
}
