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

/// Storing a prepared batch in one transaction, then moving its files out of processing/ (on `queue`).
extension Ingestor {
    /// Stores a prepared batch (articles, or sightings of known bytes) in one transaction,
    /// and only then moves its files out of processing/.
    func commit(_ prepared: Prepared) {
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
                    let drop = Drop(
                        file: item.relative.description, fileRaw: item.relative.bytes, receivedAt: Timestamps.string(item.received),
                        archivePath: archivePaths[index]?.description, claim: item.claim)
                    if let existing = known[index] ?? sameAs[index].flatMap({ known[$0] ?? ids[$0] }) {
                        _ = try store.insert(NewSighting(articleID: existing, drop: drop))
                        ids[index] = existing
                    } else if case .success(let first) = derived[index] {
                        let record = try learningBoilerplate(first, of: item, store: store)
                        derived[index] = .success(record)
                        let id = try store.insert(NewArticle(sha256: digests[index], raw: item.bytes, drop: drop, record: record))
                        try store.link(articleID: id, options: config.merge)
                        ids[index] = id
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

    func committed() {
        commits += 1
        writesAccepted()
        if let n = faults.killAfterCommit, commits >= n { kill(getpid(), SIGKILL) }
    }

    /// Where a file goes after its commit: a free name in archive/YYYY/MM/, or nil when
    /// files are deleted after ingest.
    func destination(for relative: BytePath, received: Date, reserved: [BytePath: Set<BytePath>] = [:]) throws(SystemError) -> BytePath? {
        guard config.afterIngest == .archive else { return nil }
        let folder = layout.archive.appending(Timestamps.yearMonth(received))
        if folder != madeArchiveFolder {
            try FS.makeDirectories(folder)
            madeArchiveFolder = folder
        }
        return folder.appending(
            try FolderNames.free(
                in: folder, for: relative.lastComponent, reserve: 0,
                taken: reserved[folder] ?? []))
    }

    /// Moves a committed claim's file to its archive path (or deletes it) and removes the
    /// claim folder. Idempotent: recovery calls it again after a crash.
    func complete(claim: String, relative: BytePath, archivePath: BytePath?) {
        let claimDirectory = layout.processing.appending(claim)
        let claimed = claimDirectory.appending(relative)
        do throws(SystemError) {
            if let archivePath {
                if try FS.facts(claimed) != nil {
                    if archivePath.parent != madeArchiveFolder { try FS.makeDirectories(archivePath.parent) }
                    do throws(SystemError) {
                        try FS.renameNoReplace(claimed, archivePath)
                    } catch  where error.errno == ENOENT {
                        // The archive folder was removed meanwhile: make it again.
                        madeArchiveFolder = nil
                        try FS.makeDirectories(archivePath.parent)
                        try FS.renameNoReplace(claimed, archivePath)
                    } catch  where error.errno == EEXIST {
                        // Taken meanwhile (by hand?): keep both, under another free name.
                        let other = archivePath.parent.appending(
                            try FolderNames.free(in: archivePath.parent, for: archivePath.lastComponent, reserve: 0))
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

    /// Why the database file is no longer the one marsadd opened (deleted or replaced
    /// under it: commits would go to a file no one will ever open again), or nil.
    func databaseFileProblem() -> String? {
        guard let opened = databaseIdentity else { return nil }
        let now = try? FS.facts(BytePath(config.database), followingLinks: true)
        if let now, now.device == opened.device, now.inode == opened.inode { return nil }
        return "the database file \(config.database) was \(now == nil ? "deleted" : "replaced") while marsadd had it open; "
            + "nothing more is written to it: restore it, or restart marsadd to start a new one"
    }
}
