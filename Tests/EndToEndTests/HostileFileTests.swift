import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Hostile files: the daemon stays up and every file is accounted for")
struct HostileFileTests {
    /// The failed files by name, with their reason codes, as `marsadctl failed --json` says.
    func failedCodes(_ daemon: RunningDaemon) throws -> [String: String] {
        let result = try daemon.marsadctl("failed", "--json")
        #expect(result.status == 0)
        let items = try #require(try jsonObject(result.stdout)["failed"] as? [[String: Any]])
        var codes: [String: String] = [:]
        for item in items {
            codes[item["file"] as? String ?? "?"] = item["code"] as? String
            #expect(!(item["message"] as? String ?? "").isEmpty)
        }
        return codes
    }

    @Test func eachHostileFileEndsInFailedWithAReasonOrInTheArchive() throws {
        let daemon = try RunningDaemon()
        let config = daemon.dataDir.appendingPathComponent("marsad.toml")
        try "[ingest]\nmax_file_size = \"64 KiB\"\n".write(to: config, atomically: true, encoding: .utf8)
        try daemon.start(["--config", config.path])
        let inbox = daemon.inbox
        var expectedFailures: [String: String] = [:]

        try daemon.drop("empty.txt", Data())
        expectedFailures["empty.txt"] = "empty"

        var generator = SystemRandomNumberGenerator()
        try daemon.drop("random.bin", Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        expectedFailures["random.bin"] = "binary"

        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]
        try daemon.drop("picture.png", Data(png))
        expectedFailures["picture.png"] = "binary"

        try daemon.drop("nul-inside.txt", Data("خبر".utf8) + Data([0]) + Data("عاجل".utf8))
        expectedFailures["nul-inside.txt"] = "binary"

        // Over the 64 KiB limit: refused by size without being read (a sparse file).
        let large = inbox.appendingPathComponent("large.txt").path
        let largeFD = open(large, O_WRONLY | O_CREAT, 0o644)
        ftruncate(largeFD, 1 << 20)
        close(largeFD)
        expectedFailures["large.txt"] = "too-large"

        #expect(mkfifo(inbox.appendingPathComponent("pipe.txt").path, 0o644) == 0)
        expectedFailures["pipe.txt"] = "not-regular"

        let outside = daemon.dataDir.appendingPathComponent("outside-secret.txt")
        try Data("سر خارج صندوق الوارد".utf8).write(to: outside)
        #expect(symlink(outside.path, inbox.appendingPathComponent("link-out.txt").path) == 0)
        expectedFailures["link-out.txt"] = "not-regular"
        #expect(symlink("/etc/passwd", inbox.appendingPathComponent("passwd.txt").path) == 0)
        expectedFailures["passwd.txt"] = "not-regular"

        let seeds = try Seeds.all()
        try daemon.drop("خبر عاجل من دير الزور.txt", seeds[2].data)
        try daemon.drop("name with  spaces.txt", seeds[3].data)

        let expectedArticles = 2

        try daemon.waitForStatus("every hostile file handled") {
            $0.articles == expectedArticles && $0.failed == expectedFailures.count
        }
        #expect(try failedCodes(daemon) == expectedFailures)
        // Nothing left behind, nothing lost.
        #expect(daemon.files(in: daemon.inbox).isEmpty)
        #expect(daemon.files(in: daemon.processing).isEmpty)
        #expect(daemon.files(in: daemon.archive).count == expectedArticles)
        let failedFiles = daemon.files(in: daemon.failed)
        for name in expectedFailures.keys {
            #expect(failedFiles.contains(name), "\(name) is not in failed/")
            #expect(failedFiles.contains(name + ".reason.json"), "\(name) has no reason")
        }
        // The symlinks were moved as links, never followed: the target is untouched.
        #expect(try Data(contentsOf: outside) == Data("سر خارج صندوق الوارد".utf8))
        var info = stat()
        #expect(lstat(daemon.failed.appendingPathComponent("link-out.txt").path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
        // The human listing shows each reason.
        let table = try daemon.marsadctl("failed")
        #expect(table.stdout.contains("too-large"))
        #expect(table.stdout.contains("not-regular"))
        #expect(try daemon.status().state == "running")
    }

    @Test func anUnreadableFileIsFailedWithItsReasonNotLost() throws {
        // A chmod 000 file is unreadable only to a process without root's rights: when the
        // tests run as root, marsadd runs as nobody.
        let daemon = try RunningDaemon()
        if geteuid() == 0 {
            try #require(canSwitchUser, "running as root without setpriv: cannot run marsadd as another user")
            try daemon.start(asUser: nobody)
        } else {
            try daemon.start()
        }
        let staged = daemon.dataDir.appendingPathComponent("locked.tmp")
        try Seeds.all()[4].data.write(to: staged)
        chmod(staged.path, 0o000)
        #expect(rename(staged.path, daemon.inbox.appendingPathComponent("locked.txt").path) == 0)
        try daemon.drop("readable.txt", try Seeds.all()[3].data)
        try daemon.waitForStatus("one stored, one failed") { $0.articles == 1 && $0.failed == 1 }
        #expect(try failedCodes(daemon) == ["locked.txt": "unreadable"])
        let reason = try jsonObject(try daemon.marsadctl("failed", "--json").stdout)["failed"] as? [[String: Any]]
        #expect((reason?.first?["message"] as? String)?.contains("permission denied") == true)
        #expect(daemon.files(in: daemon.failed).contains("locked.txt"))
    }

    @Test func aFixedFileIsIngestedOnRetry() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        try daemon.drop("empty.txt", Data())
        try daemon.drop("broken.txt", Data([0x41, 0x00, 0x42]))
        try daemon.waitForStatus("two failures") { $0.failed == 2 }
        // The user fixes one file in failed/ and retries just that one.
        try Seeds.all()[0].data.write(to: daemon.failed.appendingPathComponent("empty.txt"))
        let retry = try daemon.marsadctl("retry", "empty.txt")
        #expect(retry.status == 0)
        try daemon.waitForStatus("the fixed file") { $0.articles == 1 && $0.failed == 1 }
        #expect(try failedCodes(daemon) == ["broken.txt": "binary"])
        // Retrying a name that is not there is an error the CLI reports.
        let missing = try daemon.marsadctl("retry", "no-such-file.txt")
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no-such-file.txt"))
        // A name can never reach outside failed/.
        #expect(try daemon.marsadctl("retry", "../marsad.db").status != 0)
        #expect(FileManager.default.fileExists(atPath: daemon.dataDir.appendingPathComponent("marsad.db").path))
    }
}
