@preconcurrency import Dispatch
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Watches the inbox and its subfolders with one inotify descriptor read through a
/// Dispatch read source (Linux has no `makeFileSystemObjectSource`). Events are hints: the
/// start-up scan, periodic rescans and a rescan after a queue overflow are the truth.
///
/// All state is confined to `queue`; `start`, `stop` and `scan` may be called from anywhere.
public final class Watcher: @unchecked Sendable {
    public typealias Handler = @Sendable (_ relativePath: BytePath, _ notice: FileNotice) -> Void

    private let root: BytePath
    private let queue: DispatchQueue
    private let logger: Logger
    private let onFile: Handler
    private let onProgress: @Sendable (Int) -> Void
    private let onInboxState: @Sendable (String?) -> Void
    /// Polls for the inbox folder while it is missing.
    private var reattachTimer: DispatchSourceTimer?
    private var scannedInThisWalk = 0
    private var fd: Int32 = -1
    private var source: DispatchSourceRead?
    private var timer: DispatchSourceTimer?
    /// Watch descriptor -> path relative to the root ("" for the root itself).
    private var watches: [Int32: BytePath] = [:]
    /// The inbox, reached only through descriptors: a folder swapped for a link is never
    /// followed out of it.
    private let inbox: Beneath
    /// Folders that could not be watched (watch limit reached, descriptors exhausted),
    /// with why: reported in `status.problems` and scanned every `pollSeconds` instead.
    private var unwatched: [BytePath: String] = [:]
    private var pollTimer: DispatchSourceTimer?
    private let onUnwatched: @Sendable (String?) -> Void
    /// Test-only (MARSAD_FAULT_MAX_WATCHES=N): inotify_add_watch fails with ENOSPC past N
    /// watches, as when fs.inotify.max_user_watches is reached.
    private let maxWatches = ProcessInfo.processInfo.environment["MARSAD_FAULT_MAX_WATCHES"].flatMap(Int.init)
    static let pollSeconds = 5
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    private static let mask: UInt32 =
        UInt32(
            IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MOVED_FROM
                | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR) | UInt32(IN_EXCL_UNLINK)

    /// `onProgress` is called every 1,000 files of a scan (the daemon asks systemd for more
    /// start-up time with it); `onInboxState` with a message when the inbox folder goes
    /// missing, and with nil when it is back and watched again.
    public init(
        root: BytePath, queue: DispatchQueue, logger: Logger,
        onProgress: @escaping @Sendable (Int) -> Void = { _ in },
        onInboxState: @escaping @Sendable (String?) -> Void = { _ in },
        onUnwatched: @escaping @Sendable (String?) -> Void = { _ in }, onFile: @escaping Handler
    ) {
        self.root = root
        self.inbox = Beneath(root: root)
        self.onUnwatched = onUnwatched
        self.queue = queue
        self.logger = logger
        self.onProgress = onProgress
        self.onInboxState = onInboxState
        self.onFile = onFile
    }

    /// Opens the inotify descriptor, watches the tree and scans it once. Every file already
    /// in the inbox is reported as `.scanned`. `rescanInterval` 0 means no periodic rescan.
    public func start(rescanInterval: Int) throws(SystemError) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw SystemError("inotify_init1", root.description) }
        fd = descriptor
        let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
        source.setEventHandler { [weak self] in self?.drain() }
        source.setCancelHandler { close(descriptor) }
        // Resumed at once: a source released while suspended traps, and events that come
        // during the walk below wait for it on `queue` anyway.
        source.resume()
        self.source = source
        var failure: SystemError?
        queue.sync {
            do throws(SystemError) {
                self.scannedInThisWalk = 0
                try self.watchTree(BytePath([UInt8]()))
            } catch {
                failure = error
            }
        }
        if let failure {
            stop()
            throw failure
        }
        queue.sync { scheduleRescans(every: rescanInterval) }
    }

    deinit {
        timer?.cancel()
        pollTimer?.cancel()
        reattachTimer?.cancel()
        source?.cancel()
    }

    /// Changes the periodic rescan interval (a reload); 0 stops periodic rescans.
    public func setRescanInterval(_ seconds: Int) {
        queue.async { self.scheduleRescans(every: seconds) }
    }

    private func scheduleRescans(every seconds: Int) {
        timer?.cancel()
        timer = nil
        guard seconds > 0, source != nil else { return }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + .seconds(seconds), repeating: .seconds(seconds), leeway: .seconds(1))
        timer.setEventHandler { [weak self] in self?.rescanOnQueue(reason: "periodic") }
        timer.resume()
        self.timer = timer
    }

    public func stop() {
        queue.sync {
            timer?.cancel()
            timer = nil
            reattachTimer?.cancel()
            reattachTimer = nil
            pollTimer?.cancel()
            pollTimer = nil
            source?.cancel()
            source = nil
            watches.removeAll()
        }
    }

    /// Walks the whole tree again: re-adds watches and reports every file as `.scanned`.
    /// Returns the number of files reported.
    @discardableResult
    public func rescan(reason: String) -> Int {
        queue.sync { rescanOnQueue(reason: reason) }
    }

    @discardableResult
    private func rescanOnQueue(reason: String) -> Int {
        guard reattachTimer == nil else { return 0 }  // the inbox is missing; re-attaching scans
        do throws(SystemError) {
            scannedInThisWalk = 0
            let count = try watchTree(BytePath([UInt8]()))
            logger.debug("rescanned the inbox", metadata: ["reason": "\(reason)", "files": "\(count)"])
            return count
        } catch {
            logger.error("cannot rescan the inbox: \(error)", metadata: ["MARSAD_EVENT": "rescan-failed"])
            return 0
        }
    }

    /// Adds a watch on the folder at `relative` and each folder below, and reports the files
    /// found. A watch is added before its folder is listed, so a file arriving in between is
    /// seen by one or the other (perhaps both: the ingestor deduplicates).
    ///
    /// Folders are opened from their parent's descriptor, never through a path: a folder
    /// swapped for a symbolic link is not entered, and a tree of any depth is walked with
    /// an explicit stack, not recursion. A folder that cannot be watched or opened is
    /// remembered in `unwatched` and the walk goes on; only the root's failure throws.
    @discardableResult
    private func watchTree(_ relative: BytePath) throws(SystemError) -> Int {
        if relative.bytes.isEmpty { unwatched.removeAll() }
        let first: Descriptor
        do throws(SystemError) {
            first = Descriptor(try inbox.open(relative, flags: O_RDONLY | O_DIRECTORY))
        } catch {
            if relative.bytes.isEmpty { throw error }
            if ![ENOENT, ENOTDIR, ELOOP, EXDEV].contains(error.errno) { unwatched[relative] = "\(error)" }
            reportUnwatched()
            return 0
        }
        var found = 0
        var pending: [(parent: Descriptor?, name: BytePath, relative: BytePath)] = [(nil, BytePath([UInt8]()), relative)]
        while let next = pending.popLast() {
            let folder: Descriptor
            if let parent = next.parent {
                do throws(SystemError) {
                    folder = Descriptor(
                        try Beneath.open(
                            next.name, in: parent.fd, flags: O_RDONLY | O_DIRECTORY,
                            display: root.appending(next.relative)))
                } catch {
                    // Gone, or no longer a folder (swapped for a link: reported as a file by
                    // its own event). Anything else: polled.
                    if ![ENOENT, ENOTDIR, ELOOP, EXDEV].contains(error.errno) { unwatched[next.relative] = "\(error)" }
                    continue
                }
            } else {
                folder = first
            }
            guard addWatch(folder, next.relative) else { continue }
            let entries: [(name: BytePath, isDirectory: Bool?)]
            do throws(SystemError) {
                entries = try Beneath.list(directory: folder.fd, display: root.appending(next.relative))
            } catch {
                if next.relative.bytes.isEmpty { throw error }
                unwatched[next.relative] = "\(error)"
                continue
            }
            var folders: [(parent: Descriptor?, name: BytePath, relative: BytePath)] = []
            for entry in entries.sorted(by: { $0.name < $1.name }) where !IgnoredNames.isIgnored(entry.name) {
                let child = next.relative.appending(entry.name)
                let isDirectory = entry.isDirectory ?? (Beneath.facts(of: entry.name, in: folder.fd)?.kind == .directory)
                if isDirectory {
                    folders.append((folder, entry.name, child))
                } else {
                    onFile(child, .scanned)
                    found += 1
                    scannedInThisWalk += 1
                    if scannedInThisWalk % 1000 == 0 { onProgress(scannedInThisWalk) }
                }
            }
            pending.append(contentsOf: folders.reversed())  // depth first, in name order
        }
        reportUnwatched()
        return found
    }

    /// Watches the open folder `folder` (at `relative`) through /proc/self/fd, which names
    /// exactly the folder opened, whatever its path now leads to. false when the folder is
    /// not to be listed: the same folder is already watched under another path that still
    /// leads to it (a bind mount: walking it again would never end).
    private func addWatch(_ folder: Descriptor, _ relative: BytePath) -> Bool {
        if let maxWatches, watches.count >= maxWatches, !watches.values.contains(relative) {
            unwatched[relative] = SystemError("inotify_add_watch", root.appending(relative).description, errno: ENOSPC).description
            return true  // listed, not watched: polled
        }
        var wd = "/proc/self/fd/\(folder.fd)".withCString { inotify_add_watch(fd, $0, Self.mask) }
        if wd < 0 && errno == ENOENT {
            // No /proc: the path, not followed in its last component.
            wd = root.appending(relative).withCString { inotify_add_watch(fd, $0, Self.mask | UInt32(IN_DONT_FOLLOW)) }
        }
        guard wd >= 0 else {
            var message = SystemError("inotify_add_watch", root.appending(relative).description).description
            if errno == ENOSPC { message += " (the inotify watch limit, fs.inotify.max_user_watches, is reached)" }
            unwatched[relative] = message
            return true
        }
        unwatched.removeValue(forKey: relative)
        if let known = watches[wd], known != relative {
            if let inode = try? FS.facts(fd: folder.fd).inode, (try? inbox.facts(known))??.inode == inode {
                return false
            }
        }
        watches[wd] = relative
        return true
    }

    /// Tells the ingestor which folders are not watched, and polls them while any is not.
    private func reportUnwatched() {
        if unwatched.isEmpty {
            pollTimer?.cancel()
            pollTimer = nil
            onUnwatched(nil)
            return
        }
        let first = unwatched.keys.sorted().first!
        let names = first.bytes.isEmpty ? "the inbox" : "\(first)"
        let more = unwatched.count > 1 ? " and \(unwatched.count - 1) more" : ""
        onUnwatched(
            "\(unwatched.count) folder(s) under the inbox cannot be watched (\(names)\(more): \(unwatched[first]!)); they are scanned every \(Self.pollSeconds) s instead"
        )
        guard pollTimer == nil, source != nil else { return }
        logger.warning(
            "cannot watch \(unwatched.count) folder(s) under the inbox; scanning them every \(Self.pollSeconds) s",
            metadata: ["MARSAD_EVENT": "unwatched", "FILE": "\(first)", "reason": "\(unwatched[first]!)"])
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + .seconds(Self.pollSeconds), repeating: .seconds(Self.pollSeconds), leeway: .milliseconds(500))
        timer.setEventHandler { [weak self] in self?.rescanOnQueue(reason: "poll") }
        timer.resume()
        pollTimer = timer
    }

    /// Reads events until the descriptor is empty.
    private func drain() {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno != EAGAIN {
                    logger.error("reading inotify events failed: \(String(cString: strerror(errno)))")
                }
                return
            }
            if count == 0 { return }
            parse(count: count)
        }
    }

    private func parse(count: Int) {
        let headerSize = MemoryLayout<inotify_event>.size
        var offset = 0
        var events: [(wd: Int32, mask: UInt32, name: BytePath)] = []
        buffer.withUnsafeBytes { raw in
            while offset + headerSize <= count {
                let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameStart = offset + headerSize
                let nameBytes = raw[nameStart..<min(nameStart + length, count)].prefix(while: { $0 != 0 })
                events.append((wd, mask, BytePath(Array(nameBytes))))
                offset = nameStart + length
            }
        }
        for event in events { handle(wd: event.wd, mask: event.mask, name: event.name) }
    }

    private func handle(wd: Int32, mask: UInt32, name: BytePath) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            logger.warning("inotify queue overflowed; rescanning the inbox", metadata: ["MARSAD_EVENT": "overflow"])
            rescanOnQueue(reason: "overflow")
            return
        }
        if mask & UInt32(IN_IGNORED) != 0 {
            watches.removeValue(forKey: wd)
            return
        }
        guard let folder = watches[wd] else { return }
        if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
            if folder.bytes.isEmpty { inboxLost(moved: mask & UInt32(IN_MOVE_SELF) != 0) }
            return
        }
        guard !IgnoredNames.isIgnored(name) else { return }
        let relative = folder.appending(name)
        let isDirectory = mask & UInt32(IN_ISDIR) != 0
        if isDirectory {
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                do throws(SystemError) {
                    try watchTree(relative)
                } catch {
                    logger.error("cannot watch new folder: \(error)")
                }
            } else if mask & UInt32(IN_MOVED_FROM) != 0 {
                forgetTree(relative)
            }
            return
        }
        if mask & UInt32(IN_MOVED_TO) != 0 {
            onFile(relative, .movedIn)
        } else if mask & UInt32(IN_CLOSE_WRITE) != 0 {
            onFile(relative, .closedWrite)
        } else if mask & UInt32(IN_CREATE) != 0 {
            // A regular file being written will be reported at IN_CLOSE_WRITE. What no
            // writer will ever close must be reported now.
            guard let facts = try? inbox.facts(relative) else { return }
            if facts.kind != .regular || facts.linkCount > 1 {
                onFile(relative, .created)
            }
        }
    }

    /// The inbox folder was deleted or moved away: drop every watch (a moved folder would
    /// still report, under the wrong path) and look for the folder every second; when it is
    /// there again, watch and scan it. Files in hand are unaffected.
    private func inboxLost(moved: Bool) {
        guard reattachTimer == nil else { return }
        for wd in watches.keys { inotify_rm_watch(fd, wd) }
        watches.removeAll()
        let message = "the inbox \(root) was \(moved ? "moved away" : "deleted"); waiting for a folder there again (checked every second)"
        logger.error("\(message)", metadata: ["MARSAD_EVENT": "inbox-lost"])
        onInboxState(message)
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + .seconds(1), repeating: .seconds(1), leeway: .milliseconds(100))
        timer.setEventHandler { [weak self] in self?.tryReattach() }
        timer.resume()
        reattachTimer = timer
    }

    private func tryReattach() {
        guard (try? FS.facts(root))??.kind == .directory else { return }
        reattachTimer?.cancel()
        reattachTimer = nil
        do throws(SystemError) {
            scannedInThisWalk = 0
            let count = try watchTree(BytePath([UInt8]()))
            logger.notice("the inbox \(root) is back; watching it again (\(count) files found)", metadata: ["MARSAD_EVENT": "inbox-back"])
            onInboxState(nil)
        } catch {
            logger.error("cannot watch the inbox again: \(error); retrying", metadata: ["MARSAD_EVENT": "inbox-lost"])
            inboxLost(moved: false)  // drops the watches made so far and polls again
        }
    }

    /// Drops the watches of a folder that left the inbox.
    private func forgetTree(_ relative: BytePath) {
        let prefix = relative.bytes + [0x2F]
        for (wd, path) in watches where path == relative || path.bytes.starts(with: prefix) {
            inotify_rm_watch(fd, wd)
            watches.removeValue(forKey: wd)
        }
    }
}
