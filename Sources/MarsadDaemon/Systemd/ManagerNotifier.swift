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

/// Keeps systemd informed while running: STATUS= when it changes (at most every 2 s), and
/// WATCHDOG=1 at half the watchdog interval, sent from the ingest queue so that a stuck
/// pipeline stops the pings.
final class ManagerNotifier: @unchecked Sendable {
    private let queue = DispatchQueue(label: "marsad.notify")
    private var timers: [DispatchSourceTimer] = []
    private var lastStatus = ""

    func start(ingestor: Ingestor, inbox: String) {
        guard ProcessInfo.processInfo.environment["NOTIFY_SOCKET"] != nil else { return }
        queue.sync {
            let status = DispatchSource.makeTimerSource(queue: queue)
            status.schedule(deadline: .now() + .seconds(2), repeating: .seconds(2), leeway: .milliseconds(200))
            status.setEventHandler { [weak self] in self?.sendStatus(ingestor.snapshot, inbox: inbox) }
            status.resume()
            timers.append(status)
            if let interval = Systemd.watchdogInterval() {
                let half = max(interval / 2, .milliseconds(50))
                let nanoseconds = Int(half.components.seconds) * 1_000_000_000 + Int(half.components.attoseconds / 1_000_000_000)
                let watchdog = DispatchSource.makeTimerSource(queue: queue)
                watchdog.schedule(deadline: .now(), repeating: .nanoseconds(nanoseconds), leeway: .milliseconds(10))
                watchdog.setEventHandler { ingestor.pingWatchdog() }
                watchdog.resume()
                timers.append(watchdog)
            }
        }
    }

    func stop() {
        queue.sync {
            for timer in timers { timer.cancel() }
            timers.removeAll()
        }
    }

    private func sendStatus(_ snapshot: IngestSnapshot, inbox: String) {
        let line = Self.statusLine(snapshot)
        guard line != lastStatus else { return }
        lastStatus = line
        Systemd.notify("STATUS=\(line)")
    }

    /// "running: 5 articles, queue 0, failed 0, last ingest 2026-11-23T10:00:00.000Z"
    static func statusLine(_ snapshot: IngestSnapshot) -> String {
        var line = "\(snapshot.state): \(snapshot.articles) articles, queue \(snapshot.queue)"
        if let last = snapshot.lastIngestAt { line += ", last ingest \(last)" }
        if snapshot.stuck > 0 { line += ", \(snapshot.stuck) waiting for the store" }
        for problem in snapshot.problems { line += "; \(problem)" }
        return line
    }
}
