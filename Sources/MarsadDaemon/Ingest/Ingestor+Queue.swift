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

/// Queueing: files reported by the watcher settle, become ready, and are taken in batches (on `queue`).
extension Ingestor {
    func noticed(_ relative: BytePath, _ kind: FileNotice) {
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

    func startSettling(_ relative: BytePath, after milliseconds: Int) {
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

    func scheduleSettleCheck(_ relative: BytePath, generation: Int, after milliseconds: Int) {
        queue.asyncAfter(deadline: .now() + .milliseconds(milliseconds)) {
            self.checkSettled(relative, generation: generation)
        }
    }

    /// A file is settled when its size and mtime did not change over `settle_ms`.
    func checkSettled(_ relative: BytePath, generation: Int) {
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

    func makeReady(_ relative: BytePath) {
        settling.removeValue(forKey: relative)
        guard readySet.insert(relative).inserted else { return }
        ready.append(relative)
        scheduleDrain()
    }

    func scheduleDrain() {
        guard !drainScheduled, !paused, !stopped, stall == nil, readyHead < ready.count else { return }
        drainScheduled = true
        queue.async { self.drainOne() }
    }

    /// Claims and reads up to a batch of ready files and derives them on the other cores
    /// while the previous batch is stored here; then yields the queue so that events and
    /// status stay responsive. An idle daemon's batch is the one file that just arrived,
    /// stored at once; in a burst, storing one batch overlaps deriving the next.
    func drainOne() {
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
            let derivation = startDerivation(plan.inputs(outlets: config.folderOutlets))
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

    func flushPending() {
        guard let prepared = pending else { return }
        pending = nil
        commit(prepared)
    }

    /// A transaction's worth of files: its commit (and fsync) is shared, so a burst costs
    /// one per batch instead of one per file. The bytes bound keeps memory flat whatever the
    /// files' sizes.
    static let batchFiles = 100
    static let batchBytes = 4 << 20
}
