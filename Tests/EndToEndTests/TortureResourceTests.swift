import Foundation
import MarsadProtocol
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A small tmpfs mounted for one test (root only), unmounted at the end.
final class SmallFilesystem {
    let mountPoint: URL

    init(megabytes: Int) throws {
        var template = Array("/tmp/marsad-fs-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        mountPoint = URL(fileURLWithPath: String(cString: made))
        try #require(
            try run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", mountPoint.path]).0 == 0,
            "cannot mount a tmpfs at \(mountPoint.path)")
    }

    deinit {
        _ = try? run("/usr/bin/umount", ["-l", mountPoint.path])
        rmdir(mountPoint.path)
    }

    /// Writes zeros into `name` until the filesystem is full; returns the file.
    func fill(_ name: String) -> URL {
        let filler = mountPoint.appendingPathComponent(name)
        let fd = open(filler.path, O_WRONLY | O_CREAT, 0o644)
        let block = [UInt8](repeating: 0, count: 64 * 1024)
        while block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        var byte: UInt8 = 0
        while write(fd, &byte, 1) > 0 {}
        close(fd)
        return filler
    }
}

@Suite("Torture: resource faults and bursts", .serialized)
struct TortureResourceTests {
    /// Files staged on the same filesystem, renamed into the inbox.
    func stage(_ daemon: RunningDaemon, count: Int, prefix: String) throws -> [URL] {
        let staging = daemon.dataDir.appendingPathComponent("staging-\(prefix)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let base = String(decoding: try Seeds.all()[3].data, as: UTF8.self).prefix(600)
        return try (0..<count).map { number in
            let file = staging.appendingPathComponent(String(format: "\(prefix)-%05d.txt", number))
            try Data("خبر \(prefix) رقم \(number)\n\n\(base)".utf8).write(to: file)
            return file
        }
    }

    func renameIn(_ daemon: RunningDaemon, _ files: [URL]) {
        for file in files { rename(file.path, daemon.inbox.appendingPathComponent(file.lastPathComponent).path) }
    }

    @Test(.enabled(if: geteuid() == 0, "mounting a small tmpfs needs root"))
    func aFullDiskStallsIngestWhichResumesByItselfWhenSpaceReturns() throws {
        let filesystem = try SmallFilesystem(megabytes: 8)
        let daemon = try RunningDaemon(dataDir: filesystem.mountPoint.appendingPathComponent("data"))
        try daemon.start()
        try daemon.drop("before.txt", try Seeds.all()[0].data)
        try daemon.waitForStatus("the first article") { $0.articles == 1 }
        let files = try stage(daemon, count: 30, prefix: "full")
        let filler = filesystem.fill("filler")
        renameIn(daemon, files)
        try waitUntil("a stalled status") { try daemon.status().state == "stalled" }
        let stalled = try daemon.status()
        #expect(stalled.problems.contains { $0.contains("full") || $0.contains("space") }, "\(stalled.problems)")
        #expect(stalled.failed == 0, "nothing is failed for a full disk")
        let shown = try daemon.marsadctl("status")
        #expect(shown.stdout.contains("stalled") && shown.stdout.contains("problem"))
        // Held, not lost: every file is still in the inbox or in processing/.
        #expect(daemon.files(in: daemon.inbox).count + daemon.files(in: daemon.processing).count == files.count - (stalled.articles - 1))
        sleep(3)
        #expect(try daemon.status().state == "stalled", "still held while the disk is full")
        // Space returns: ingest resumes by itself.
        try FileManager.default.removeItem(at: filler)
        try daemon.waitForStatus("every file after space returned", timeout: 60) { $0.articles == 1 + files.count && $0.state == "running" }
        let status = try daemon.status()
        #expect(status.failed == 0)
        #expect(status.problems.isEmpty)
        #expect(daemon.files(in: daemon.inbox).isEmpty && daemon.files(in: daemon.processing).isEmpty)
        #expect(daemon.files(in: daemon.failed).isEmpty)
        #expect(daemon.log.contains("ingest resumes"))
        #expect(daemon.stop() == 0)
    }

    @Test(.enabled(if: geteuid() == 0, "chattr +i needs root"))
    func aReadOnlyDatabaseStallsIngestUntilItIsWritableAgain() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        try daemon.drop("before.txt", try Seeds.all()[0].data)
        try daemon.waitForStatus("the first article") { $0.articles == 1 }
        let database = daemon.dataDir.appendingPathComponent("marsad.db").path
        let readOnly = [database, database + "-wal", database + "-shm"]
        try #require(try run("/usr/bin/chattr", ["+i"] + readOnly).0 == 0, "this filesystem has no immutable flag (chattr +i)")
        defer { _ = try? run("/usr/bin/chattr", ["-i"] + readOnly) }
        let files = try stage(daemon, count: 10, prefix: "ro")
        renameIn(daemon, files)
        try waitUntil("a stalled status") { try daemon.status().state == "stalled" }
        let stalled = try daemon.status()
        #expect(stalled.problems.first?.contains("cannot store") == true, "\(stalled.problems)")
        #expect(stalled.failed == 0)
        try #require(try run("/usr/bin/chattr", ["-i"] + readOnly).0 == 0)
        try daemon.waitForStatus("every file once the database is writable", timeout: 60) { $0.articles == 11 && $0.state == "running" }
        #expect(try daemon.status().failed == 0)
        #expect(daemon.files(in: daemon.processing).isEmpty)
        #expect(daemon.stop() == 0)
    }

    @Test func aDatabaseLockedByAnotherProcessStallsIngestUntilTheLockGoes() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let database = daemon.dataDir.appendingPathComponent("marsad.db").path
        // Another process takes the write lock for 9 s (SQLite's own CLI would do the same).
        let locker = Process()
        locker.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        locker.arguments = [
            "python3", "-c",
            """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute("BEGIN EXCLUSIVE")
            print("locked", flush=True)
            time.sleep(9)
            db.execute("ROLLBACK")
            """, database,
        ]
        let output = Pipe()
        locker.standardOutput = output
        try locker.run()
        #expect(String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).contains("locked"))
        let files = try stage(daemon, count: 5, prefix: "lock")
        renameIn(daemon, files)
        try waitUntil("a stalled status", timeout: 20) { try daemon.status().state == "stalled" }
        let problems = try daemon.status().problems
        #expect(problems.first?.contains("locked") == true, "\(problems)")
        locker.waitUntilExit()
        try daemon.waitForStatus("every file once the lock is gone", timeout: 60) { $0.articles == 5 && $0.state == "running" }
        #expect(try daemon.status().failed == 0)
        #expect(daemon.stop() == 0)
    }

    @Test func aDeletedAndRecreatedInboxIsWatchedAgain() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        try daemon.drop("first.txt", try Seeds.all()[0].data)
        try daemon.waitForStatus("the first article") { $0.articles == 1 }
        try FileManager.default.removeItem(at: daemon.inbox)
        try waitUntil("the missing inbox reported") { try daemon.status().problems.contains { $0.contains("inbox") } }
        try FileManager.default.createDirectory(at: daemon.inbox, withIntermediateDirectories: false)
        try waitUntil("the inbox watched again") { try daemon.status().problems.isEmpty }
        try daemon.drop("second.txt", try Seeds.all()[1].data)
        try daemon.drop("sub/third.txt", try Seeds.all()[2].data)
        try daemon.waitForStatus("articles dropped into the new inbox") { $0.articles == 3 }
        // Moved away and back: the same.
        let aside = daemon.dataDir.appendingPathComponent("inbox-aside")
        #expect(rename(daemon.inbox.path, aside.path) == 0)
        try waitUntil("the moved inbox reported") { try daemon.status().problems.contains { $0.contains("moved") } }
        try Seeds.all()[3].data.write(to: aside.appendingPathComponent("while-away.txt"))
        #expect(rename(aside.path, daemon.inbox.path) == 0)
        try daemon.waitForStatus("the file that was dropped while the inbox was away") { $0.articles == 4 && $0.problems.isEmpty }
        #expect(daemon.stop() == 0)
    }

    @Test func tenThousandFilesInOneRenameBurstAreAllIngestedEvenAfterAQueueOverflow() throws {
        let daemon = try RunningDaemon()
        let config = daemon.dataDir.appendingPathComponent("marsad.toml")
        try "[store]\ndurability = \"normal\"\n".write(to: config, atomically: true, encoding: .utf8)
        // A small inotify queue for this daemon (read when it opens its descriptor), so the
        // burst overflows it: the rescan that follows must find every file.
        let limitFile = "/proc/sys/fs/inotify/max_queued_events"
        let previous = try? String(contentsOfFile: limitFile, encoding: .utf8)
        let lowered = geteuid() == 0 && (try? "256\n".write(toFile: limitFile, atomically: false, encoding: .utf8)) != nil
        do {
            try daemon.start(["--config", config.path])
        } catch {
            if lowered, let previous { try? previous.write(toFile: limitFile, atomically: false, encoding: .utf8) }
            throw error
        }
        if lowered, let previous { try previous.write(toFile: limitFile, atomically: false, encoding: .utf8) }
        let files = try stage(daemon, count: 10_000, prefix: "burst")
        // Stopped while the burst lands (as on a loaded machine): the kernel's queue fills.
        let pid = daemon.process!.processIdentifier
        kill(pid, SIGSTOP)
        renameIn(daemon, files)
        kill(pid, SIGCONT)
        try daemon.waitForStatus("all 10,000 articles", timeout: 600) { $0.articles == 10_000 }
        #expect(try daemon.status().failed == 0)
        #expect(daemon.files(in: daemon.inbox).isEmpty)
        #expect(daemon.files(in: daemon.archive).count == 10_000)
        if lowered { #expect(daemon.log.contains("inotify queue overflowed"), "the burst did not overflow a 256-event queue") }
        #expect(daemon.stop() == 0)
    }
}
