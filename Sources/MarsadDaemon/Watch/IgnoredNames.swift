@preconcurrency import Dispatch
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Names in the inbox that are never ingested: hidden files, partial downloads, editor
/// swap files and the litter of file managers (DESIGN §3.3).
public enum IgnoredNames {
    static let exact: Set<String> = [".DS_Store", "Thumbs.db", "@eaDir", "__MACOSX", "desktop.ini"]
    static let suffixes: [String] = [".part", ".tmp", "~", ".crdownload", ".swp", ".swx", ".partial", ".download"]

    public static func isIgnored(_ name: BytePath) -> Bool {
        guard let first = name.bytes.first else { return true }
        if first == 0x2E { return true }  // dotfiles, including ".name.tmp" being written
        let text = name.description
        if exact.contains(text) { return true }
        return suffixes.contains { text.hasSuffix($0) }
    }
}

/// Why the watcher reports a path.
public enum FileNotice: Sendable, Equatable {
    /// Renamed into the inbox: complete, take it at once.
    case movedIn
    /// A writer closed it: take it once it has settled.
    case closedWrite
    /// Created as something that no writer will close: a symbolic link, FIFO, socket,
    /// device node or a hard link to an existing file.
    case created
    /// Found by a scan of the inbox: take it once it has settled.
    case scanned
}
