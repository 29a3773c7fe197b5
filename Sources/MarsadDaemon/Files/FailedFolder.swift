import Foundation
import MarsadProtocol
import MarsadText

#if canImport(Glibc)
    import Glibc
#endif

/// Why a file was not ingested. Written beside it as `NAME.reason.json`.
public struct FailureReason: Codable, Sendable, Equatable {
    /// A `FailureCode`'s raw value.
    public var code: String
    public var message: String
    public var failedAt: String
    /// The path the file had under the inbox when dropped.
    public var source: String

    public init(code: String, message: String, failedAt: String, source: String) {
        self.code = code
        self.message = message
        self.failedAt = failedAt
        self.source = source
    }
}

/// The `failed/` folder: files marsad did not ingest, each with a reason sidecar. The folder
/// is the truth (a user may delete or fix files there); nothing is retried automatically.
public struct FailedFolder: Sendable {
    public static let reasonSuffix = ".reason.json"
    public let path: BytePath
    public let inbox: BytePath

    public init(path: BytePath, inbox: BytePath) {
        self.path = path
        self.inbox = inbox
    }

    /// Where a failed file is: a path in a folder of the daemon's own (processing/), or a
    /// name under the inbox, reached only through descriptors (`Beneath`).
    public enum Origin: Sendable {
        case path(BytePath)
        case inbox(Beneath, BytePath)
    }

    /// Moves the file at `origin` into the folder with its reason. The sidecar is written
    /// first, so a failed file never lacks its reason; a crash in between leaves only a
    /// sidecar, which `list` ignores and the next failure reuses. Returns the name under
    /// failed/, or nil when the file vanished meanwhile.
    @discardableResult
    public func add(_ origin: Origin, originalName: BytePath, reason: FailureReason) throws(SystemError) -> BytePath? {
        try FS.makeDirectories(path)
        let name = try FolderNames.free(in: path, for: Self.storedName(originalName), reserve: Self.reasonSuffix.utf8.count)
        let sidecar = path.appending(BytePath(name.bytes + Array(Self.reasonSuffix.utf8)))
        let data = (try? WireJSON.encoder().encode(reason)).map(Array.init) ?? Array("{}".utf8)
        try FS.writeAtomically(data + [0x0A], to: sidecar)
        do throws(SystemError) {
            switch origin {
            case .path(let source): try FS.renameNoReplace(source, path.appending(name))
            case .inbox(let inbox, let relative): try inbox.move(relative, to: path.appending(name))
            }
        } catch {
            try? FS.remove(sidecar)
            if error.errno == ENOENT { return nil }
            throw error
        }
        FS.syncDirectory(path)
        return name
    }

    /// The name a failed file gets: its own, unless that would read as a sidecar or a
    /// temporary of ours (`x.reason.json` becomes `x.reason.json.file`, `.x` becomes `_.x`).
    static func storedName(_ name: BytePath) -> BytePath {
        var bytes = name.bytes
        if bytes.first == 0x2E { bytes.insert(0x5F, at: 0) }
        if bytes.count >= reasonSuffix.utf8.count, bytes.suffix(reasonSuffix.utf8.count).elementsEqual(reasonSuffix.utf8) {
            bytes += Array(".file".utf8)
        }
        return BytePath(bytes)
    }

    /// A failed file, not a reason sidecar nor a temporary of ours (dotfile). `storedName`
    /// keeps failed files from ever looking like either.
    static func isFailedFile(_ name: BytePath) -> Bool {
        name.bytes.first != 0x2E && !name.bytes.suffix(reasonSuffix.utf8.count).elementsEqual(reasonSuffix.utf8)
    }

    /// The failed files with their reasons, oldest first.
    public func list() throws(SystemError) -> [FailedItem] {
        guard try FS.facts(path) != nil else { return [] }
        var items: [FailedItem] = []
        for entry in try FS.list(path) {
            guard Self.isFailedFile(entry.name) else { continue }
            let name = entry.name.description
            let sidecar = path.appending(BytePath(entry.name.bytes + Array(Self.reasonSuffix.utf8)))
            let reason = readReason(sidecar)
            items.append(
                FailedItem(
                    file: name, code: reason?.code ?? "unknown",
                    message: reason?.message ?? "no reason was recorded for this file",
                    failedAt: reason?.failedAt, source: reason?.source))
        }
        return items.sorted { ($0.failedAt ?? "", $0.file) < ($1.failedAt ?? "", $1.file) }
    }

    /// How many failed files there are (sidecars not counted).
    public func count() -> Int {
        guard let entries = try? FS.list(path) else { return 0 }
        return entries.filter { Self.isFailedFile($0.name) }.count
    }

    private func readReason(_ sidecar: BytePath) -> FailureReason? {
        // By its bytes: a name that is not UTF-8 has no faithful String path.
        guard let fd = try? FS.openForReading(sidecar) else { return nil }
        defer { close(fd) }
        guard let bytes = try? FS.readAll(fd: fd, limit: 1 << 20) else { return nil }
        return try? WireJSON.decoder().decode(FailureReason.self, from: Data(bytes))
    }

    /// Moves failed files back into the inbox, where the watcher picks them up again.
    /// `names` empty: all of them. A name is matched as `list` shows it (a name that is
    /// not UTF-8 shows its odd bytes as \xNN), and the file is moved by its raw name.
    public func retry(_ names: [String]) throws(SystemError) -> RetryResult {
        var byDisplay: [String: BytePath] = [:]
        if try FS.facts(path) != nil {
            for entry in try FS.list(path) where Self.isFailedFile(entry.name) {
                let shown = entry.name.description
                // A name that really is UTF-8 wins over another's escaped form.
                if byDisplay[shown] == nil || String(validating: entry.name.bytes, as: UTF8.self) != nil { byDisplay[shown] = entry.name }
            }
        }
        let wanted = names.isEmpty ? try list().map(\.file) : names
        var retried: [String] = []
        var missing: [String] = []
        for name in wanted {
            // A name is one path component of failed/: never let a request reach outside it.
            guard let raw = byDisplay[name], !name.contains("\u{0}") else {
                missing.append(name)
                continue
            }
            let file = path.appending(raw)
            let target = try FolderNames.free(in: inbox, for: raw, reserve: 0)
            do throws(SystemError) {
                try FS.renameNoReplace(file, inbox.appending(target))
            } catch {
                if error.errno == ENOENT {
                    missing.append(name)
                    continue
                }
                throw error
            }
            try FS.remove(path.appending(BytePath(raw.bytes + Array(Self.reasonSuffix.utf8))))
            retried.append(name)
        }
        return RetryResult(retried: retried, missing: missing)
    }
}
