import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The data folder made ready before anything runs: its folders, proof that files move
/// between them by rename, and the lock that keeps a second marsadd off the store.
extension Daemon {
    /// Creates the folders and proves that files move between them by rename: every move
    /// is one. Comparing st_dev is not enough: under systemd's ProtectSystem= each folder may
    /// be its own bind mount of one filesystem, and rename(2) fails across mounts (EXDEV).
    static func prepareFolders(_ config: DaemonConfig) throws {
        let folders = [
            ("paths.inbox", config.inbox), ("paths.processing", config.processing),
            ("paths.archive", config.archive), ("paths.failed", config.failed),
        ]
        let databaseFolder = (config.database as NSString).deletingLastPathComponent
        for (key, path) in folders + [("paths.data_dir", config.dataDir), ("paths.database", databaseFolder)] {
            do {
                try FS.makeDirectories(BytePath(path))
            } catch {
                throw StartupError("\(key): cannot create \(path): \(error)", errno: error.errno)
            }
        }
        let probeName = ".marsad-rename-probe-\(getpid())"
        var current = BytePath(config.processing).appending(probeName)
        do {
            try FS.writeAtomically([], to: current)
        } catch {
            throw StartupError("paths.processing: cannot write in \(config.processing): \(error)", errno: error.errno)
        }
        defer { try? FS.remove(current) }
        for (key, path) in [folders[0], folders[2], folders[3], folders[1]] {
            let next = BytePath(path).appending(probeName)
            do {
                try FS.renameNoReplace(current, next)
                current = next
            } catch {
                if error.errno == EXDEV {
                    throw StartupError(
                        "\(key) (\(path)) is on another filesystem or mount than paths.processing (\(config.processing)); marsad moves files by rename, so inbox, processing, archive and failed must share one",
                        errno: EXDEV)
                }
                throw StartupError("\(key): cannot move a file into \(path): \(error)", errno: error.errno)
            }
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
