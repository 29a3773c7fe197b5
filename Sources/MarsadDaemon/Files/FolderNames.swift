import Foundation
import MarsadProtocol
import MarsadText

#if canImport(Glibc)
    import Glibc
#endif

/// Picks names that are free in a folder, keeping the original name where possible.
enum FolderNames {
    /// Numbered copies tried before a random suffix: a name seen 10,000 times must cost
    /// no more than a name seen twice.
    static let numberedTries = 8

    /// `name` itself when free in `folder`, else "stem-2.ext" ... "stem-9.ext", else
    /// "stem-<8 random hex digits>.ext" (a collision there is a 1-in-4-billion event,
    /// retried). Names are shortened so that `reserve` more bytes still fit in NAME_MAX
    /// (255). Names in `taken` count as used (promised to files not moved there yet).
    static func free(in folder: BytePath, for name: BytePath, reserve: Int, taken: Set<BytePath> = []) throws(SystemError) -> BytePath {
        let limit = 255 - reserve
        let bytes = name.bytes
        let dot = bytes.lastIndex(of: 0x2E).flatMap { $0 > 0 && bytes.count - $0 <= 16 ? $0 : nil }
        let stem = Array(dot.map { bytes[..<$0] } ?? bytes[...])
        let ext = Array(dot.map { bytes[$0...] } ?? [])
        for attempt in 1...(1 + numberedTries + 64) {
            let suffix: [UInt8]
            switch attempt {
            case 1: suffix = []
            case 2...(1 + numberedTries): suffix = Array("-\(attempt)".utf8)
            default: suffix = Array(String(format: "-%08x", UInt32.random(in: 0...UInt32.max)).utf8)
            }
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
