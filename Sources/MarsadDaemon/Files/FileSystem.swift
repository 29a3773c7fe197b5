import CLinux
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What `lstat` says of a path, reduced to what the ingestor decides on.
public struct FileFacts: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case regular, directory
        case symlink = "symbolic link"
        case fifo = "FIFO"
        case socket
        case device = "device node"
        case other = "special file"
    }
    public var kind: Kind
    public var size: Int
    public var mtimeNanoseconds: Int64
    public var device: UInt64
    public var inode: UInt64
    public var linkCount: Int

    init(_ info: stat) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        case S_IFIFO: kind = .fifo
        case S_IFSOCK: kind = .socket
        case S_IFCHR, S_IFBLK: kind = .device
        default: kind = .other
        }
        size = Int(info.st_size)
        mtimeNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        linkCount = Int(info.st_nlink)
    }
}

/// Thin, throwing wrappers over the POSIX calls the daemon needs, on byte paths.
public enum FS {
    /// `lstat`, which never follows a symbolic link (what the inbox's entries need), or with
    /// `followingLinks` `stat` (for configured folders, which may be links). nil when the
    /// path does not exist.
    public static func facts(_ path: BytePath, followingLinks: Bool = false) throws(SystemError) -> FileFacts? {
        var info = stat()
        let rc = path.withCString { followingLinks ? stat($0, &info) : lstat($0, &info) }
        if rc != 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw SystemError(followingLinks ? "stat" : "lstat", path.description)
        }
        return FileFacts(info)
    }

    public static func facts(fd: Int32) throws(SystemError) -> FileFacts {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SystemError("fstat", "fd \(fd)") }
        return FileFacts(info)
    }

    /// Opens a file for reading without following a symbolic link and without blocking on
    /// a FIFO.
    public static func openForReading(_ path: BytePath) throws(SystemError) -> Int32 {
        let fd = path.withCString { open($0, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY) }
        guard fd >= 0 else { throw SystemError("open", path.description) }
        return fd
    }

    /// Reads at most `limit` bytes from `fd`; the count tells whether there was more.
    public static func readAll(fd: Int32, limit: Int) throws(SystemError) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while result.count <= limit {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SystemError("read", "fd \(fd)")
            }
            if count == 0 { break }
            result.append(contentsOf: chunk[..<count])
        }
        return result
    }

    /// Renames without ever replacing: throws EEXIST when `to` exists.
    public static func renameNoReplace(_ from: BytePath, _ to: BytePath) throws(SystemError) {
        let rc = from.withCString { source in to.withCString { marsad_rename_noreplace(source, $0) } }
        guard rc == 0 else { throw SystemError("rename", "\(from) -> \(to)") }
    }

    /// Creates `path` and its missing parents (mode 0750 unless told). An existing path
    /// may be a symbolic link to a folder (a configured inbox often is).
    public static func makeDirectories(_ path: BytePath, mode: mode_t = 0o750) throws(SystemError) {
        if let existing = try facts(path, followingLinks: true) {
            guard existing.kind == .directory else { throw SystemError("mkdir", path.description, errno: ENOTDIR) }
            return
        }
        let parent = path.parent
        if !parent.bytes.isEmpty { try makeDirectories(parent, mode: mode) }
        let rc = path.withCString { mkdir($0, mode) }
        if rc != 0 && errno != EEXIST { throw SystemError("mkdir", path.description) }
    }

    /// The names in a directory (not "." or ".."), as bytes, with their d_type.
    public static func list(_ path: BytePath) throws(SystemError) -> [(name: BytePath, isDirectory: Bool?)] {
        guard let dir = path.withCString({ opendir($0) }) else { throw SystemError("opendir", path.description) }
        defer { closedir(dir) }
        return entries(of: dir)
    }

    /// The names an open directory stream holds (not "." or ".."), with their d_type
    /// (nil when the file system does not say).
    static func entries(of dir: OpaquePointer) -> [(name: BytePath, isDirectory: Bool?)] {
        var entries: [(BytePath, Bool?)] = []
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            let type = entry.pointee.d_type
            entries.append((BytePath(name), type == UInt8(DT_UNKNOWN) ? nil : type == UInt8(DT_DIR)))
        }
        return entries
    }

    /// Removes a file or an empty directory; a missing path is not an error.
    public static func remove(_ path: BytePath) throws(SystemError) {
        let rc = path.withCString { Glibc.remove($0) }
        if rc != 0 && errno != ENOENT { throw SystemError("remove", path.description) }
    }

    /// Removes a directory tree that holds only directories (the husk of a claim).
    public static func removeEmptyTree(_ path: BytePath) throws(SystemError) {
        for entry in try list(path) where entry.isDirectory != false {
            let child = path.appending(entry.name)
            if try facts(child)?.kind == .directory { try removeEmptyTree(child) }
        }
        let rc = path.withCString { rmdir($0) }
        if rc != 0 && errno != ENOENT { throw SystemError("rmdir", path.description) }
    }

    /// Writes `data` to `path` atomically: a temporary file, fsync, rename.
    public static func writeAtomically(_ data: [UInt8], to path: BytePath, mode: mode_t = 0o640) throws(SystemError) {
        // Short, whatever the name: "." + a 255-byte name would not fit in NAME_MAX.
        let temporary = path.parent.appending(".marsad-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = temporary.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode) }
        guard fd >= 0 else { throw SystemError("open", temporary.description) }
        var written = 0
        while written < data.count {
            let count = data[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let error = SystemError("write", temporary.description)
                close(fd)
                try? remove(temporary)
                throw error
            }
            written += count
        }
        fsync(fd)
        close(fd)
        let rc = temporary.withCString { source in path.withCString { rename(source, $0) } }
        guard rc == 0 else {
            let error = SystemError("rename", "\(temporary) -> \(path)")
            try? remove(temporary)
            throw error
        }
    }

    /// fsyncs a directory so that renames into it survive a power loss.
    public static func syncDirectory(_ path: BytePath) {
        let fd = path.withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
