import CLinux

#if canImport(Glibc)
    import Glibc
#endif

/// A folder whose contents anyone in the drop group may change at any instant (the inbox).
/// Everything below it is reached through descriptors, never through a path the kernel
/// resolves afresh: no symbolic link, "..", or folder swapped for a link between two calls
/// can lead a call outside it (`marsad_open_beneath`: openat2 with RESOLVE_BENEATH and
/// RESOLVE_NO_SYMLINKS, or one openat with O_NOFOLLOW per component). The root itself is
/// configuration, trusted, and may be a link.
public struct Beneath: Sendable {
    public let root: BytePath

    public init(root: BytePath) { self.root = root }

    /// O_PATH: a descriptor for lookups, which needs no read permission and opens nothing.
    static let pathOnly = marsad_o_path()

    /// The root folder, opened for lookups only.
    public func openRoot() throws(SystemError) -> Int32 {
        let fd = root.withCString { Glibc.open($0, Self.pathOnly | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { throw SystemError("open", root.description) }
        return fd
    }

    /// Opens `relative` below `directory` (a descriptor of a folder inside the root) with
    /// `flags`; the last component is never followed either.
    static func open(_ relative: BytePath, in directory: Int32, flags: Int32, display: BytePath) throws(SystemError) -> Int32 {
        guard !relative.bytes.isEmpty, !relative.bytes.contains(0) else { throw SystemError("open", display.description, errno: EINVAL) }
        let fd = relative.withCString { marsad_open_beneath(directory, $0, flags, 0) }
        guard fd >= 0 else { throw SystemError("open", display.description) }
        return fd
    }

    /// Opens `relative` (the root itself when empty) with `flags`.
    public func open(_ relative: BytePath, flags: Int32) throws(SystemError) -> Int32 {
        let rootFD = try openRoot()
        defer { close(rootFD) }
        if relative.bytes.isEmpty {
            let fd = Glibc.openat(rootFD, ".", flags | O_CLOEXEC)
            guard fd >= 0 else { throw SystemError("open", root.description) }
            return fd
        }
        return try Self.open(relative, in: rootFD, flags: flags, display: root.appending(relative))
    }

    /// Runs `body` with a descriptor of the folder that holds `relative`'s last component,
    /// and that component.
    func withParent<T>(of relative: BytePath, _ body: (Int32, BytePath) throws(SystemError) -> T) throws(SystemError) -> T {
        let parent = try open(relative.parent, flags: Self.pathOnly | O_DIRECTORY)
        defer { close(parent) }
        return try body(parent, relative.lastComponent)
    }

    /// What `lstat` says of `relative`; nil when it is not there, or not reachable without
    /// passing a link (a folder on its way was swapped for one: for the inbox, it is gone).
    public func facts(_ relative: BytePath) throws(SystemError) -> FileFacts? {
        do throws(SystemError) {
            return try withParent(of: relative) { parent, name throws(SystemError) in
                var info = stat()
                let rc = name.withCString { fstatat(parent, $0, &info, AT_SYMLINK_NOFOLLOW) }
                if rc != 0 {
                    if errno == ENOENT || errno == ENOTDIR { return nil }
                    throw SystemError("lstat", root.appending(relative).description)
                }
                return FileFacts(info)
            }
        } catch  where [ENOENT, ENOTDIR, ELOOP, EXDEV].contains(error.errno) {
            return nil
        }
    }

    /// Opens a file for reading: never a link, never blocking on a FIFO.
    public func openForReading(_ relative: BytePath) throws(SystemError) -> Int32 {
        try open(relative, flags: O_RDONLY | O_NONBLOCK | O_NOCTTY)
    }

    /// Moves `relative` to `target` (a path outside, in a folder of the daemon's own),
    /// never replacing anything there.
    public func move(_ relative: BytePath, to target: BytePath) throws(SystemError) {
        try withParent(of: relative) { parent, name throws(SystemError) in
            let rc = name.withCString { from in target.withCString { marsad_renameat_noreplace(parent, from, AT_FDCWD, $0) } }
            guard rc == 0 else { throw SystemError("rename", "\(root.appending(relative)) -> \(target)") }
        }
    }

    /// Moves `source` (a path in a folder of the daemon's own) to `relative`, never
    /// replacing anything there.
    public func move(from source: BytePath, to relative: BytePath) throws(SystemError) {
        try withParent(of: relative) { parent, name throws(SystemError) in
            let rc = source.withCString { from in name.withCString { marsad_renameat_noreplace(AT_FDCWD, from, parent, $0) } }
            guard rc == 0 else { throw SystemError("rename", "\(source) -> \(root.appending(relative))") }
        }
    }

    /// The names in the folder `directory` (a descriptor opened with O_RDONLY|O_DIRECTORY;
    /// left open), not "." or "..", with their d_type.
    static func list(directory: Int32, display: BytePath) throws(SystemError) -> [(name: BytePath, isDirectory: Bool?)] {
        let copy = dup(directory)
        guard copy >= 0 else { throw SystemError("dup", display.description) }
        guard let dir = fdopendir(copy) else {
            let error = SystemError("fdopendir", display.description)
            close(copy)
            throw error
        }
        defer { closedir(dir) }
        rewinddir(dir)
        return FS.entries(of: dir)
    }

    /// What `lstat` says of `name` in the folder `directory`.
    static func facts(of name: BytePath, in directory: Int32) -> FileFacts? {
        var info = stat()
        guard name.withCString({ fstatat(directory, $0, &info, AT_SYMLINK_NOFOLLOW) }) == 0 else { return nil }
        return FileFacts(info)
    }
}
