import Foundation
import MarsadProtocol

#if canImport(Glibc)
import Glibc
#endif

/// Why a file was not ingested. Written beside it as `NAME.reason.json`.
public struct FailureReason: Codable, Sendable, Equatable {
    /// Stable: empty, no-text, binary, invalid-utf16, undecodable, too-large, not-regular, unreadable.
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

    /// Moves `source` (anywhere on the same filesystem) into the folder with its reason.
    /// The sidecar is written first, so a failed file never lacks its reason; a crash in
    /// between leaves only a sidecar, which `list` ignores and the next failure reuses.
    /// Returns the name under failed/, or nil when `source` vanished meanwhile.
    @discardableResult
    public func add(_ source: BytePath, originalName: BytePath, reason: FailureReason) throws(SystemError) -> BytePath? {
        try FS.makeDirectories(path)
        let name = try FolderNames.free(in: path, for: originalName, reserve: Self.reasonSuffix.utf8.count)
        let sidecar = path.appending(BytePath(name.bytes + Array(Self.reasonSuffix.utf8)))
        let data = (try? WireJSON.encoder().encode(reason)).map(Array.init) ?? Array("{}".utf8)
        try FS.writeAtomically(data + [0x0A], to: sidecar)
        do throws(SystemError) {
            try FS.renameNoReplace(source, path.appending(name))
        } catch {
            try? FS.remove(sidecar)
            if error.errno == ENOENT { return nil }
            throw error
        }
        FS.syncDirectory(path)
        return name
    }

    /// A failed file, not a reason sidecar nor a temporary of ours (dotfile).
    static func isFailedFile(_ name: String) -> Bool {
        !name.hasSuffix(reasonSuffix) && !name.hasPrefix(".")
    }

    /// The failed files with their reasons, oldest first.
    public func list() throws(SystemError) -> [FailedItem] {
        guard try FS.facts(path) != nil else { return [] }
        var items: [FailedItem] = []
        for entry in try FS.list(path) {
            let name = entry.name.description
            guard Self.isFailedFile(name) else { continue }
            let sidecar = path.appending(BytePath(entry.name.bytes + Array(Self.reasonSuffix.utf8)))
            let reason = readReason(sidecar)
            items.append(FailedItem(file: name, code: reason?.code ?? "unknown",
                                    message: reason?.message ?? "no reason was recorded for this file",
                                    failedAt: reason?.failedAt, source: reason?.source))
        }
        return items.sorted { ($0.failedAt ?? "", $0.file) < ($1.failedAt ?? "", $1.file) }
    }

    /// How many failed files there are (sidecars not counted).
    public func count() -> Int {
        guard let entries = try? FS.list(path) else { return 0 }
        return entries.filter { Self.isFailedFile($0.name.description) }.count
    }

    private func readReason(_ sidecar: BytePath) -> FailureReason? {
        // By its bytes: a name that is not UTF-8 has no faithful String path.
        guard let fd = try? FS.openForReading(sidecar) else { return nil }
        defer { close(fd) }
        guard let bytes = try? FS.readAll(fd: fd, limit: 1 << 20) else { return nil }
        return try? WireJSON.decoder().decode(FailureReason.self, from: Data(bytes))
    }

    /// Moves failed files back into the inbox, where the watcher picks them up again.
    /// `names` empty: all of them.
    public func retry(_ names: [String]) throws(SystemError) -> RetryResult {
        let wanted = names.isEmpty ? try list().map(\.file) : names
        var retried: [String] = [], missing: [String] = []
        for name in wanted {
            // A name is one path component: never let a request reach outside failed/.
            guard !name.isEmpty, !name.contains("/"), name != ".", name != "..", !name.hasSuffix(Self.reasonSuffix) else {
                missing.append(name)
                continue
            }
            let file = path.appending(name)
            guard try FS.facts(file) != nil else {
                missing.append(name)
                continue
            }
            let target = try FolderNames.free(in: inbox, for: BytePath(name), reserve: 0)
            do throws(SystemError) {
                try FS.renameNoReplace(file, inbox.appending(target))
            } catch {
                if error.errno == ENOENT {
                    missing.append(name)
                    continue
                }
                throw error
            }
            try FS.remove(path.appending(name + Self.reasonSuffix))
            retried.append(name)
        }
        return RetryResult(retried: retried, missing: missing)
    }
}

/// Picks names that are free in a folder, keeping the original name where possible.
enum FolderNames {
    /// `name` itself when free in `folder`, else "stem-2.ext", "stem-3.ext", ... Names are
    /// shortened so that `reserve` more bytes still fit in NAME_MAX (255). Names in `taken`
    /// count as used (promised to files not moved there yet).
    static func free(in folder: BytePath, for name: BytePath, reserve: Int, taken: Set<BytePath> = []) throws(SystemError) -> BytePath {
        let limit = 255 - reserve
        let bytes = name.bytes
        let dot = bytes.lastIndex(of: 0x2E).flatMap { $0 > 0 && bytes.count - $0 <= 16 ? $0 : nil }
        let stem = Array(dot.map { bytes[..<$0] } ?? bytes[...])
        let ext = Array(dot.map { bytes[$0...] } ?? [])
        for attempt in 1...10_000 {
            let suffix: [UInt8] = attempt == 1 ? [] : Array("-\(attempt)".utf8)
            var room = max(1, limit - ext.count - suffix.count)
            // Cut between characters, never inside a UTF-8 sequence.
            while room > 1, room < stem.count, stem[room] & 0xC0 == 0x80 { room -= 1 }
            let candidate = BytePath(Array(stem.prefix(room)) + suffix + ext)
            let sidecar = BytePath(candidate.bytes + Array(FailedFolder.reasonSuffix.utf8))
            let sidecarTaken = reserve > 0 ? try FS.facts(folder.appending(sidecar)) != nil : false
            if !taken.contains(candidate), try FS.facts(folder.appending(candidate)) == nil, !sidecarTaken {
                return candidate
            }
        }
        throw SystemError("choose a free name in", folder.description, errno: EEXIST)
    }
}
