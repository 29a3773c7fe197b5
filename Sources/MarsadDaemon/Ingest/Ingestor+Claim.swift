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

/// One file taken: checked through the inbox's descriptors, claimed into processing/, then opened and read (on `queue`).
extension Ingestor {
    /// A file claimed into processing/ and read, waiting for its batch's transaction.
    struct Claimed {
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
    func take(_ relative: BytePath) -> Claimed? {
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
                fail(
                    relative, code: .unreadable,
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
                fail(
                    relative, code: .pathTooLong,
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

    enum Lease {
        case free(inode: UInt64)
        case busy
        case gone
        case failed(SystemError)
    }

    /// Whether a writer still has the inbox file open (a read lease is refused then).
    func leaseCheck(_ relative: BytePath) -> Lease {
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
    func read(claim: String, relative: BytePath, expectedInode: UInt64?, limit: Int) -> Claimed? {
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
            fail(
                relative, code: .tooLarge,
                message: "it is over the limit of \(limit) bytes (ingest.max_file_size)", claim: claim)
            return nil
        }
        return Claimed(claim: claim, relative: relative, bytes: bytes, received: Date())
    }
}
