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

/// Recovery: the claims a previous run left in processing/, finished or redone at start (on `queue`).
extension Ingestor {
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

    /// Finishes one claim folder found in processing/: committed -> complete the move;
    /// not committed -> ingest it again; empty -> remove it.
    func recoverClaim(_ claim: String) {
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

    func filesBelow(_ directory: BytePath, relative: BytePath) throws(SystemError) -> [BytePath] {
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
    func hangOnce(_ name: String) {
        let marker = BytePath(config.dataDir).appending("fault-hung-\(name)")
        guard (try? FS.facts(marker)) ?? nil == nil else { return }
        try? FS.writeAtomically(Array("hung\n".utf8), to: marker)
        logger.warning("test fault: the ingest loop hangs now (MARSAD_FAULT_HANG_ON_FILE)", metadata: ["FILE": "\(name)"])
        while true { sleep(3600) }
    }
}
