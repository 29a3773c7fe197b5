import CSystemd
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// The service manager's side of the daemon (DESIGN §8), through libsystemd. Every call is
/// a harmless no-op when marsadd does not run under systemd.
public enum Systemd {
    /// Sends one notification datagram, such as "READY=1\nSTATUS=...". Several assignments
    /// in one string arrive together. Returns sd_notify's answer: 0 when not under systemd,
    /// 1 when sent, a negative errno on failure.
    @discardableResult
    public static func notify(_ state: String) -> Int32 {
        sd_notify(0, state)
    }

    /// CLOCK_MONOTONIC in microseconds, as RELOADING=1 wants it in MONOTONIC_USEC.
    public static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }

    /// Tells the manager that a reload starts (RELOADING=1 and MONOTONIC_USEC in one datagram).
    public static func notifyReloading() {
        notify("RELOADING=1\nMONOTONIC_USEC=\(monotonicMicroseconds())\nSTATUS=reloading the configuration")
    }

    /// Asks for more time to start or stop (a long migration, a large backlog scan).
    public static func extendTimeout(seconds: Int) {
        notify("EXTEND_TIMEOUT_USEC=\(UInt64(seconds) * 1_000_000)")
    }

    /// The watchdog interval the manager expects pings within, when WatchdogSec= is set.
    public static func watchdogInterval() -> Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(microseconds))
    }

    /// File descriptors passed by socket activation, by their FileDescriptorName=.
    public static func listenedDescriptors() -> [String: Int32] {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = sd_listen_fds_with_names(0, &names)
        guard count > 0 else { return [:] }
        defer {
            if let names {
                for index in 0..<Int(count) { free(names[index]) }
                free(names)
            }
        }
        var result: [String: Int32] = [:]
        for index in 0..<Int(count) {
            let name = names?[index].map { String(cString: $0) } ?? "unknown"
            result[name] = SD_LISTEN_FDS_START + Int32(index)
        }
        return result
    }

    /// True when standard error is connected to the journal (JOURNAL_STREAM names the
    /// device and inode of the stream systemd gave us, and fd 2 is still that stream).
    public static var stderrIsJournal: Bool {
        guard let value = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(2, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }

    /// Writes one structured entry to the journal. Field names must be [A-Z0-9_].
    @discardableResult
    public static func journalSend(_ fields: [(String, String)]) -> Int32 {
        // One buffer per "KEY=value" (values may hold newlines: sendv takes lengths, not C strings).
        let entries = fields.map { Array("\($0.0)=\($0.1)".utf8) }
        let buffers = entries.map { bytes -> UnsafeMutableRawBufferPointer in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
            buffer.copyBytes(from: bytes)
            return buffer
        }
        defer { for buffer in buffers { buffer.deallocate() } }
        var vectors = zip(buffers, entries).map { iovec(iov_base: $0.0.baseAddress, iov_len: $0.1.count) }
        return vectors.withUnsafeMutableBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
    }
}
