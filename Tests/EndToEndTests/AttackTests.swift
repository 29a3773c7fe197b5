// The attacks of issue 13 (docs/TORTURE.md, "Attacks"): a hostile dropper (uid 65534, as
// the drop group's least trusted member) and a hostile client, each against the real
// marsadd on a real data folder, each with a bound where the defect was one of time.
import Foundation
import MarsadClient
import MarsadProtocol
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a Python script (the system's /usr/bin/python3, readable by any user) to its end,
/// as uid 65534 without groups when `asNobody`.
func runPython(_ script: String, _ arguments: [String], asNobody: Bool = false) throws -> (Int32, String) {
    if asNobody {
        return try run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--", "/usr/bin/python3", "-c", script] + arguments)
    }
    return try run("/usr/bin/python3", ["-c", script] + arguments)
}

/// An article the extractor reads an incident in, with `marker` in it to find it by.
func article(_ marker: String) -> Data {
    Data("خبر \(marker)\nقالت وزارة الداخلية السورية إنها ألقت القبض على 3 عناصر من تنظيم داعش في ريف دمشق. \(marker)\n".utf8)
}

extension RunningDaemon {
    /// Lets uid 65534 drop files: the data folder traversable, the inbox writable.
    func openInboxToNobody() {
        chmod(dataDir.path, 0o755)
        chmod(inbox.path, 0o777)
    }

    /// The ids of the articles a search returns.
    func searchIDs(_ query: String) throws -> [Int64] {
        let result: SearchResult = try client().call(.search, SearchParams(query: query, limit: 100))
        return result.results.map(\.id)
    }

    /// Writes a configuration file into the data folder and returns its path.
    func config(_ text: String) throws -> String {
        let path = dataDir.appendingPathComponent("marsad.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The failed files as `marsadctl failed --json` lists them: (file, code).
    func failedItems() throws -> [(file: String, code: String)] {
        let result: FailedListResult = try client().call(.failedList)
        return result.failed.map { ($0.file, $0.code) }
    }
}

@Suite("Attacks: a hostile dropper", .serialized, .enabled(if: canSwitchUser, "needs root and setpriv to act as uid 65534"))
struct HostileDropperTests {
    /// Defect 1: a folder swapped for a symbolic link, 1,000 times, pointing at a private
    /// folder and at the data folder itself. Nothing outside the inbox may be read, moved
    /// or searchable; the control socket stays where it is.
    @Test func folderSwappedForALinkIsNeverFollowed() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        daemon.openInboxToNobody()
        let secretFolder = daemon.dataDir.appendingPathComponent("private")
        try FileManager.default.createDirectory(at: secretFolder, withIntermediateDirectories: true)
        chmod(secretFolder.path, 0o700)
        let secret = article("سرمكتومجدا")
        try secret.write(to: secretFolder.appendingPathComponent("secret.txt"))

        let script = """
            import os, sys, time
            inbox, targets, n = sys.argv[1], sys.argv[2].split(':'), int(sys.argv[3])
            d = os.path.join(inbox, 'd0')
            def attempt(step):
                try: step()
                except OSError: pass
            for i in range(n):
                # The watcher hears of a folder, and by the time it looks, finds a link.
                attempt(lambda: os.mkdir(d))
                attempt(lambda: os.rmdir(d))
                attempt(lambda: os.symlink(targets[i % len(targets)], d))
                # Mostly gone at once; every 25th link stays past the settle time.
                time.sleep(0.6 if i % 25 == 0 else 0.002)
                attempt(lambda: os.unlink(d))
            print('done', n)
            """
        let (status, output) = try runPython(script, [daemon.inbox.path, "\(secretFolder.path):\(daemon.dataDir.path)", "1000"], asNobody: true)
        #expect(status == 0, "\(output)")
        _ = try daemon.marsadctl("rescan")
        try daemon.waitForStatus("the inbox to settle") { $0.state == "running" }

        #expect(try Data(contentsOf: secretFolder.appendingPathComponent("secret.txt")) == secret)
        #expect(try FileManager.default.contentsOfDirectory(atPath: secretFolder.path) == ["secret.txt"])
        #expect(FileManager.default.fileExists(atPath: daemon.socket))
        #expect(try daemon.searchIDs("سرمكتومجدا").isEmpty)
        #expect(try daemon.status().articles == 0)
        // Whatever reached failed/ is a link moved unread, never a file from outside.
        for item in try daemon.failedItems() { #expect(item.code == "not-regular", "\(item)") }

        try daemon.drop("after.txt", article("بعدالهجوم"))
        try daemon.waitForStatus("the next article") { $0.articles == 1 }
        #expect(daemon.stop() == 0)
    }

    /// Defect 2: a hard link to a file outside swapped over an inbox file while it is
    /// taken, 1,500 times. The outside file is never archived or stored, and every
    /// archived file holds exactly the bytes of the article that names it.
    @Test func hardLinkSwappedInIsNeverArchived() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        daemon.openInboxToNobody()
        let outsideFolder = daemon.dataDir.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outsideFolder, withIntermediateDirectories: true)
        chown(outsideFolder.path, nobody, nobody)
        let outside = outsideFolder.appendingPathComponent("outside.txt")
        try article("ملفخارجي").write(to: outside)
        chown(outside.path, nobody, nobody)
        let base = String(decoding: try Seeds.all()[0].data, as: UTF8.self)

        let script = """
            import os, random, sys, time
            inbox, outside, n, base = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
            for i in range(n):
                name = os.path.join(inbox, 'a%d.txt' % i)
                stage = os.path.join(inbox, '.s%d.tmp' % i)
                link = os.path.join(inbox, '.l%d.tmp' % i)
                with open(stage, 'w') as f:
                    f.write(base + '\\nرقم %d\\n' % i)
                os.rename(stage, name)
                try:
                    os.link(outside, link)
                    # Swapped in at some instant of the daemon's taking the file.
                    time.sleep(random.random() * 0.003)
                    os.rename(link, name)
                except OSError:
                    try: os.unlink(link)
                    except OSError: pass
            print('done', n)
            """
        let (status, output) = try runPython(script, [daemon.inbox.path, outside.path, "1500", base], asNobody: true)
        #expect(status == 0, "\(output)")
        try daemon.waitForStatus("every file handled", timeout: 300) { _ in
            daemon.files(in: daemon.inbox).isEmpty
        }
        #expect(try daemon.searchIDs("ملفخارجي").isEmpty)
        var outsideInfo = stat()
        stat(outside.path, &outsideInfo)
        let check = """
            import hashlib, os, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            inode = int(sys.argv[2])
            rows = db.execute('SELECT sha256, archive_path FROM articles UNION ALL '
                              'SELECT a.sha256, s.archive_path FROM sightings s JOIN articles a ON a.id = s.article_id').fetchall()
            bad = 0
            for sha, path in rows:
                if path is None: continue
                data = open(path, 'rb').read()
                if hashlib.sha256(data).hexdigest() != sha or os.stat(path).st_ino == inode:
                    bad += 1
                    print('mismatch', path)
            print(len(rows), 'archived,', bad, 'bad')
            sys.exit(1 if bad else 0)
            """
        let (checked, report) = try runPython(check, [daemon.dataDir.appendingPathComponent("marsad.db").path, "\(outsideInfo.st_ino)"])
        #expect(checked == 0, "\(report)")
        for item in try daemon.failedItems() { #expect(item.code == "hard-link", "\(item)") }
        #expect(daemon.stop() == 0)
    }

    /// Defect 3: an HTML page of 200,000 "<" after a paragraph. Parsed in linear time, it
    /// is handled within seconds, and the article after it too.
    @Test func htmlPoisonPillIsHandledInTime() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let pill = Data(("<html><p>خبر</p>" + String(repeating: "<", count: 200_000)).utf8)
        let started = Date()
        try daemon.drop("pill.html", pill)
        try daemon.drop("after.txt", article("بعدالحبة"))
        try daemon.waitForStatus("the pill and the next article", timeout: 60) { $0.articles + $0.failed == 2 }
        let seconds = Date().timeIntervalSince(started)
        #expect(seconds < 30, "took \(seconds) s")
        #expect(try daemon.searchIDs("بعدالحبة").count == 1)
        #expect(daemon.stop() == 0)
    }

    /// Defect 3: a derivation that never ends (a fault point stands for a parser gone
    /// quadratic) fails its file as too-slow within ingest.max_derive_ms; SIGTERM during
    /// one is prompt; a restart answers on its socket while recovery derives it again.
    @Test func derivationHasATimeBudget() throws {
        let daemon = try RunningDaemon()
        let fault = ["MARSAD_FAULT_SLOW_DERIVE": "slow.txt"]
        try daemon.start(["--config", try daemon.config("[ingest]\nmax_derive_ms = 500\n")], environment: fault)
        try daemon.drop("slow.txt", article("بطيء"))
        try daemon.drop("ok.txt", article("سليم"))
        try daemon.waitForStatus("the slow file failed and the next stored", timeout: 30) { $0.articles == 1 && $0.failed == 1 }
        #expect(try daemon.failedItems().map(\.code) == ["too-slow"])

        // A stop in the middle of a long derivation: prompt, and the file stays claimed.
        #expect(daemon.stop() == 0)
        try daemon.start(["--config", try daemon.config("[ingest]\nmax_derive_ms = 600000\n")], environment: fault)
        try daemon.drop("slow.txt", article("بطيءمرةأخرى"))
        try waitUntil("the slow file to be taken") { daemon.files(in: daemon.processing).contains { $0.hasSuffix("slow.txt") } }
        let stopping = Date()
        #expect(daemon.stop() == 0)
        #expect(Date().timeIntervalSince(stopping) < 5)

        // Restarted: the socket answers while recovery derives the claimed file again.
        try daemon.start(["--config", try daemon.config("[ingest]\nmax_derive_ms = 3000\n")], environment: fault, waitReady: false)
        let restarted = Date()
        var sawStarting = false
        try waitUntil("status during recovery", timeout: 30) {
            guard let status = try? daemon.status() else { return false }
            sawStarting = sawStarting || status.state == "starting"
            return status.state == "running"
        }
        #expect(sawStarting, "status never said starting during recovery")
        #expect(Date().timeIntervalSince(restarted) < 30)
        try daemon.waitForStatus("the recovered file failed") { $0.failed == 2 }
        #expect(daemon.stop() == 0)
    }

    /// Defect 4: publication dates in year 1 and year 9999 are not used, and a timeline
    /// over them answers at once.
    @Test func timelineBombIsDefused() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let body = "قالت وزارة الداخلية السورية إنها ألقت القبض على 3 عناصر من تنظيم داعش في ريف دمشق."
        for (name, date) in [("old.json", "0001-01-01"), ("late.json", "9999-12-31"), ("real.json", "2025-10-26")] {
            let json = try JSONSerialization.data(withJSONObject: ["title": "خبر \(date)", "body": body + " \(name)", "published": date])
            try daemon.drop(name, json)
        }
        try daemon.waitForStatus("three articles") { $0.articles == 3 }
        let started = Date()
        for _ in 0..<3 {
            let result: TimelineResult = try daemon.client().call(.timeline, EventFilterParams())
            #expect(result.buckets.count <= 3_660)
        }
        #expect(Date().timeIntervalSince(started) < 5)
        let old = try daemon.shownArticle(try daemon.articleID(file: "old.json"))
        #expect(old["published"] == nil)
        #expect(daemon.stop() == 0)
    }

    /// Defect 6: a tree 2,500 folders deep at start-up, and a rescan over it: no crash, the
    /// deep file ends in failed/ with a reason, and ingest goes on.
    @Test func deepTreeNeitherCrashesNorStops() throws {
        let daemon = try RunningDaemon()
        try FileManager.default.createDirectory(at: daemon.inbox, withIntermediateDirectories: true)
        let make = """
            import os, sys
            fd = os.open(sys.argv[1], os.O_RDONLY)
            for i in range(int(sys.argv[2])):
                os.mkdir('d', dir_fd=fd)
                child = os.open('d', os.O_RDONLY, dir_fd=fd)
                os.close(fd)
                fd = child
            f = os.open('deep.txt', os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
            os.write(f, sys.argv[3].encode())
            os.close(f)
            """
        let (made, output) = try runPython(make, [daemon.inbox.path, "2500", String(decoding: article("عميق"), as: UTF8.self)])
        #expect(made == 0, "\(output)")
        defer { _ = try? run("/bin/rm", ["-rf", daemon.inbox.appendingPathComponent("d").path]) }
        try daemon.start()
        try daemon.waitForStatus("the deep file handled", timeout: 60) { $0.failed == 1 }
        #expect(try daemon.failedItems().map(\.code) == ["path-too-long"])
        let rescan = try daemon.marsadctl("rescan")
        #expect(rescan.status == 0, "\(rescan.stderr)")
        try daemon.drop("after.txt", article("بعدالشجرة"))
        try daemon.waitForStatus("the next article") { $0.articles == 1 }
        #expect(daemon.stop() == 0)
        // And the next start, over the same tree, does not crash either.
        try daemon.start()
        #expect(daemon.stop() == 0)
    }

    /// Defect 6: the inotify watch limit reached (a fault point caps watches at 3): the
    /// folders not watched are named in status.problems and polled; their files arrive.
    @Test func unwatchableFoldersAreReportedAndPolled() throws {
        let daemon = try RunningDaemon()
        for name in ["a", "b", "c", "d", "e"] {
            try FileManager.default.createDirectory(at: daemon.inbox.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try daemon.start(environment: ["MARSAD_FAULT_MAX_WATCHES": "3"])
        let status = try daemon.status()
        #expect(status.state == "running")
        #expect(status.problems.contains { $0.contains("cannot be watched") }, "\(status.problems)")
        try daemon.drop("d/one.txt", article("مجلدد"))
        try daemon.drop("e/two.txt", article("مجلده"))
        try daemon.waitForStatus("the files of unwatched folders", timeout: 30) { $0.articles == 2 }
        #expect(daemon.stop() == 0)
    }

    /// Defect 7: a name seen 10,000 times before, in failed/ and in the archive: the
    /// 10,001st still finds a place at once, and ingest never stalls.
    @Test func tenThousandAndOneCopiesOfOneName() throws {
        let daemon = try RunningDaemon()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let now = calendar.dateComponents([.year, .month], from: Date())
        let month = daemon.archive.appendingPathComponent(String(format: "%04d/%02d", now.year!, now.month!))
        for folder in [daemon.failed, month] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        for n in 1...10_000 {
            let suffix = n == 1 ? "" : "-\(n)"
            _ = FileManager.default.createFile(atPath: daemon.failed.appendingPathComponent("latest\(suffix).html").path, contents: Data())
            _ = FileManager.default.createFile(atPath: month.appendingPathComponent("latest\(suffix).txt").path, contents: Data())
        }
        try daemon.start()
        let failedBefore = try daemon.status().failed
        let started = Date()
        try daemon.drop("latest.html", Data())
        try daemon.drop("latest.txt", article("الأحدث"))
        try daemon.waitForStatus("both placed", timeout: 30) { $0.articles == 1 && $0.failed == failedBefore + 1 }
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(try daemon.status().state == "running")
        #expect(daemon.stop() == 0)
    }

    /// Also found: the database file deleted under a running marsadd. Writes would go on
    /// into a file no one opens again; instead ingest stalls with a problem, the file stays
    /// claimed, and a restart stores it in a new database.
    @Test func deletedDatabaseStallsInsteadOfLosingArticles() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        try daemon.drop("one.txt", article("قبلالحذف"))
        try daemon.waitForStatus("one article") { $0.articles == 1 }
        let database = daemon.dataDir.appendingPathComponent("marsad.db").path
        for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) }
        try daemon.drop("two.txt", article("بعدالحذف"))
        try waitUntil("ingest to stall") {
            let status = try daemon.status()
            return status.state == "stalled" && status.problems.contains { $0.contains("was deleted") }
        }
        #expect(daemon.files(in: daemon.processing).contains { $0.hasSuffix("two.txt") })
        #expect(daemon.stop() == 0)
        try daemon.start()
        try daemon.waitForStatus("the held file stored in the new database") { $0.articles == 1 }
        #expect(try daemon.searchIDs("بعدالحذف").count == 1)
        #expect(daemon.stop() == 0)
    }

    /// Defect 9: a failed file named like a reason sidecar is listed and counted; one whose
    /// name is not UTF-8 can be retried by the name `failed` shows; a name with NUL is
    /// refused, not cut.
    @Test func failedBookkeeping() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        try daemon.drop("x.reason.json", Data())
        try RawFS.drop(daemon, name: Array("bad".utf8) + [0xFF] + Array(".txt".utf8), [])
        try daemon.waitForStatus("two failures") { $0.failed == 2 }
        let listed = try daemon.failedItems().map(\.file).sorted()
        #expect(listed == ["bad\\xFF.txt", "x.reason.json.file"], "\(listed)")
        let retried: RetryResult = try daemon.client().call(.failedRetry, RetryParams(files: ["bad\\xFF.txt", "a\u{0}b"]))
        #expect(retried.retried == ["bad\\xFF.txt"])
        #expect(retried.missing == ["a\u{0}b"])
        try daemon.waitForStatus("the retried file failed again") { $0.failed == 2 }
        #expect(daemon.stop() == 0)
    }
}
