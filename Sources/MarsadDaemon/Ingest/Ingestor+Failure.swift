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

/// Failures and stalls: a file's fault sends it to failed/; a fault that is not the file's holds ingest and retries (on `queue`).
extension Ingestor {
    /// A hard link shares its bytes with a name outside the inbox, perhaps one the dropper
    /// could not read through marsad otherwise (a file of the daemon's own user): it is
    /// moved to failed/ unread.
    func failHardLink(_ relative: BytePath, links: Int, claim: String? = nil) {
        fail(
            relative, code: .hardLink,
            message: "the file has \(links) names (a hard link) and is never read; copy it into the inbox instead", claim: claim)
    }

    /// Moves a file to failed/ with its reason: from its claim in processing/ when it has
    /// one, else from the inbox (through descriptors).
    func fail(_ relative: BytePath, code: FailureCode, message: String, claim: String? = nil) {
        let reason = FailureReason(code: code.rawValue, message: message, failedAt: Timestamps.string(Date()), source: relative.description)
        let origin: FailedFolder.Origin = claim.map { .path(layout.processing.appending($0).appending(relative)) } ?? .inbox(inbox, relative)
        do throws(SystemError) {
            if let name = try failedFolder.add(origin, originalName: relative.lastComponent, reason: reason) {
                logger.warning(
                    "failed: \(message)",
                    metadata: [
                        "FILE": "\(relative)", "MARSAD_EVENT": "failed",
                        "MARSAD_REASON": "\(code.rawValue)", "MARSAD_FAILED_AS": "\(name)",
                    ])
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

    func noteError(_ message: String) {
        counters.lastError = "\(Timestamps.string(Date())) \(message)"
        logger.error("\(message)", metadata: ["MARSAD_EVENT": "error"])
    }

    /// Keeps a claimed file in processing/ after a fault that is not the file's (disk full,
    /// database read-only or locked): ingest stalls, nothing is moved to failed/ for it, and
    /// the held files are retried every `stallRetrySeconds` until the store accepts them; then
    /// ingest resumes by itself.
    func hold(_ claim: String, _ relative: BytePath, because message: String) {
        raiseStall(message)
        if !stuck.contains(where: { $0.claim == claim }) { stuck.append((claim, relative)) }
        scheduleStuckRetry()
    }

    static let stallRetrySeconds = 2

    /// Logs a stall once, not at every retry of a disk that stays full for days.
    func raiseStall(_ message: String) {
        stall = "\(message); ingest is held and retried every \(Self.stallRetrySeconds) s"
        if stallLogged {
            counters.lastError = "\(Timestamps.string(Date())) \(stall!)"
        } else {
            stallLogged = true
            noteError(stall!)
            notify("STATUS=stalled: \(message)")
        }
    }

    /// Something was written again (a commit, a file moved to failed/): a stall is over.
    func writesAccepted() {
        guard stallLogged else { return }
        stallLogged = false
        logger.notice("writes are accepted again; ingest resumes", metadata: ["MARSAD_EVENT": "resumed"])
    }

    /// A file that could not even be claimed (disk full, read-only): it stays in the inbox,
    /// queued again, and ingest stalls until a retry finds the folder writable.
    func stallBeforeClaim(_ relative: BytePath, because message: String) {
        raiseStall(message)
        makeReady(relative)
        scheduleStuckRetry()
    }

    func scheduleStuckRetry() {
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

}
