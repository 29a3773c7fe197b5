import Foundation
import MarsadProtocol
import MarsadText
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Drop a file, find it with marsadctl", .serialized)
struct WalkingDaemonTests {
    @Test func theSeedsDroppedByRenameAreStoredArchivedAndFound() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let seeds = try Seeds.all()
        for seed in seeds { try daemon.drop(seed.name, seed.data) }
        try daemon.waitForStatus("5 articles") { $0.articles == 5 }

        // status --json carries the fields scripts rely on.
        let status = try jsonObject(try daemon.marsadctl("status", "--json").stdout)
        #expect(status["state"] as? String == "running")
        #expect(status["articles"] as? Int == 5)
        #expect(status["queue"] as? Int == 0)
        #expect(status["failed"] as? Int == 0)
        #expect(status["duplicates"] as? Int == 0)
        #expect(status["uptime_s"] is Double || status["uptime_s"] is Int)
        #expect(status["inbox"] as? String == daemon.inbox.path)
        #expect(status["database"] as? String == daemon.dataDir.appendingPathComponent("marsad.db").path)

        // ls --json names each file as it was dropped.
        let listing = try jsonObject(try daemon.marsadctl("ls", "--json").stdout)
        let articles = try #require(listing["articles"] as? [[String: Any]])
        #expect(Set(articles.compactMap { $0["file"] as? String }) == Set(seeds.map(\.name)))
        for article in articles {
            #expect(article["id"] is Int)
            #expect(article["received_at"] is String)
            #expect(article.keys.contains("title"))
        }

        // The human table is aligned and shows every file.
        let table = try daemon.marsadctl("ls")
        #expect(table.status == 0)
        for seed in seeds { #expect(table.stdout.contains(seed.name)) }

        // search داعش finds the articles that write it plainly.
        let search = try jsonObject(try daemon.marsadctl("search", "داعش", "--json").stdout)
        let results = try #require(search["results"] as? [[String: Any]])
        #expect(results.count >= 4)
        for result in results {
            for key in ["id", "file", "title", "snippet", "rank"] { #expect(result.keys.contains(key), "search result lacks \(key)") }
            // The matched word is marked as the article writes it (perhaps "د|عـ.ـش").
            let snippet = result["snippet"] as? String ?? ""
            let marked = snippet.split(separator: "[", omittingEmptySubsequences: false).dropFirst().compactMap { $0.split(separator: "]").first }
            #expect(marked.contains { Normalization.search(String($0)) == "داعش" }, "\(snippet)")
        }

        // show 1 prints the article's text, and --json its raw facts.
        let show = try daemon.marsadctl("show", "1")
        #expect(show.status == 0)
        #expect(show.stdout.contains("حسام طالب"))
        let shown = try #require(try jsonObject(try daemon.marsadctl("show", "1", "--json").stdout)["article"] as? [String: Any])
        #expect(shown["encoding"] as? String == "utf-8")
        #expect((shown["sha256"] as? String)?.count == 64)

        // export follows the contract: one article per line, every field present.
        let export = try daemon.marsadctl("export", "--format", "jsonl")
        #expect(export.status == 0)
        let lines = export.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        for line in lines {
            let record = try jsonObject(String(line))
            for key in [
                "id", "sha256", "file", "title", "outlet", "published", "places", "actors", "people",
                "quantities", "events", "clean_text", "removed_lines",
            ] {
                #expect(record.keys.contains(key), "export lacks \(key)")
            }
            // Every incident's evidence is where it says in the clean text, word for word.
            let clean = Array((record["clean_text"] as? String ?? "").unicodeScalars)
            for event in record["events"] as? [[String: Any]] ?? [] {
                let start = event["evidence_start"] as? Int ?? -1
                let end = event["evidence_end"] as? Int ?? -1
                #expect(start >= 0 && start < end && end <= clean.count, "evidence span \(start)..<\(end)")
                if start >= 0 && start < end && end <= clean.count {
                    #expect(String(String.UnicodeScalarView(clean[start..<end])) == event["evidence"] as? String)
                }
            }
        }

        // The files left the inbox for the archive; nothing is in flight or failed.
        #expect(daemon.files(in: daemon.inbox).isEmpty)
        #expect(daemon.files(in: daemon.processing).isEmpty)
        #expect(daemon.files(in: daemon.failed).isEmpty)
        let archived = daemon.files(in: daemon.archive)
        #expect(archived.count == 5)
        #expect(Set(archived.map { ($0 as NSString).lastPathComponent }) == Set(seeds.map(\.name)))
        #expect(archived.allSatisfy { $0.range(of: #"^\d{4}/\d{2}/"#, options: .regularExpression) != nil })
        // The archived bytes are the dropped bytes.
        for seed in seeds {
            let path = try #require(archived.first { $0.hasSuffix(seed.name) })
            #expect(try Data(contentsOf: daemon.archive.appendingPathComponent(path)) == seed.data)
        }
        #expect(daemon.stop() == 0)
    }

    @Test func filesAlreadyInTheInboxAreIngestedAtStart() throws {
        let daemon = try RunningDaemon()
        try FileManager.default.createDirectory(at: daemon.inbox.appendingPathComponent("sub/deeper"), withIntermediateDirectories: true)
        let seeds = try Seeds.all()
        try seeds[0].data.write(to: daemon.inbox.appendingPathComponent(seeds[0].name))
        try seeds[1].data.write(to: daemon.inbox.appendingPathComponent("sub/deeper/" + seeds[1].name))
        try daemon.start()
        try daemon.waitForStatus("2 articles") { $0.articles == 2 }
        let listing = try jsonObject(try daemon.marsadctl("ls", "--json").stdout)
        let files = (listing["articles"] as? [[String: Any]])?.compactMap { $0["file"] as? String }
        #expect(Set(files ?? []) == [seeds[0].name, "sub/deeper/" + seeds[1].name])
    }

    @Test func aFileWrittenInANewSubfolderIsSeen() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let seed = try Seeds.all()[2]
        try daemon.drop("desk/2026/" + seed.name, seed.data)
        try daemon.waitForStatus("1 article") { $0.articles == 1 }
    }

    @Test func anInboxThatIsASymbolicLinkToAFolderIsWatched() throws {
        let daemon = try RunningDaemon()
        let real = daemon.dataDir.appendingPathComponent("shared-drop")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let link = daemon.dataDir.appendingPathComponent("drop")
        #expect(symlink(real.path, link.path) == 0)
        try daemon.start(["--inbox", link.path])
        let seed = try Seeds.all()[0]
        try seed.data.write(to: real.appendingPathComponent(".x.tmp"))
        #expect(rename(real.appendingPathComponent(".x.tmp").path, real.appendingPathComponent(seed.name).path) == 0)
        try daemon.waitForStatus("1 article") { $0.articles == 1 }
    }

    @Test func anInotifyQueueOverflowTriggersARescanThatFindsEverything() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let process = try #require(daemon.process)
        let limit =
            Int(
                (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 16384
        // Stopped, the daemon reads no events: ignored files (two events each) fill the
        // kernel's queue, so the seeds' own events that follow are dropped.
        kill(process.processIdentifier, SIGSTOP)
        // SIGSTOP takes effect when the process is next scheduled: on a loaded machine its
        // reader may still drain events meanwhile. Wait until it is stopped, and overflow by
        // a wide margin.
        try waitUntil("marsadd stopped", timeout: 10) {
            let stat = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)) ?? ""
            return stat.split(separator: ")").last?.split(separator: " ").first == "T"
        }
        for number in 0...(limit / 2 + 1_000) {
            let fd = open(daemon.inbox.appendingPathComponent(".filler-\(number)").path, O_WRONLY | O_CREAT, 0o644)
            close(fd)
        }
        let seeds = try Seeds.all().prefix(3)
        for seed in seeds { try daemon.drop(seed.name, seed.data) }
        kill(process.processIdentifier, SIGCONT)
        try daemon.waitForStatus("the seeds, found by the rescan", timeout: 60) { $0.articles == seeds.count }
        #expect(daemon.log.contains("inotify queue overflowed; rescanning the inbox"))
    }

    @Test func aSlowWriterIsNeverIngestedHalfWritten() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let seed = try Seeds.all()[1].data
        let path = daemon.inbox.appendingPathComponent("slow.txt").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        let chunks = stride(from: 0, to: seed.count, by: 1500).map { seed[$0..<min($0 + 1500, seed.count)] }
        for (index, chunk) in chunks.enumerated() {
            _ = chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            // Longer than settle_ms, and a rescan on the way: the open writer must still win.
            usleep(400_000)
            if index == 1 { #expect(try daemon.marsadctl("rescan").status == 0) }
            #expect(try daemon.status().articles == 0, "ingested while still being written")
        }
        close(fd)
        try daemon.waitForStatus("the slow file") { $0.articles == 1 }
        let article = try #require(try jsonObject(try daemon.marsadctl("show", "1", "--json").stdout)["article"] as? [String: Any])
        #expect(article["size"] as? Int == seed.count)
    }

    @Test func aKnownFileDroppedAgainIsASightingNotASecondArticle() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let seed = try Seeds.all()[0]
        try daemon.drop(seed.name, seed.data)
        try daemon.waitForStatus("first drop") { $0.articles == 1 }
        try daemon.drop("copy of " + seed.name, seed.data)
        try daemon.drop(seed.name, seed.data)
        try daemon.waitForStatus("two sightings") { $0.duplicates == 2 }
        #expect(try daemon.status().articles == 1)
        #expect(daemon.files(in: daemon.archive).count == 3, "every drop is archived")
        let article = try #require(try jsonObject(try daemon.marsadctl("show", "1", "--json").stdout)["article"] as? [String: Any])
        let sightings = try #require(article["sightings"] as? [[String: Any]])
        #expect(Set(sightings.compactMap { $0["file"] as? String }) == ["copy of " + seed.name, seed.name])
    }

    /// Files queued together are stored in one batch (one transaction): copies within the
    /// batch are sightings of the first, copies of a bad file all fail, and two files of
    /// the same name from different folders get different archive names.
    @Test func filesStoredInOneBatchKeepEveryRuleOfSingleFiles() throws {
        let daemon = try RunningDaemon()
        try daemon.start(["--paused"])
        let seed = try Seeds.all()[0]
        for name in ["a1.txt", "a2.txt", "a3.txt"] { try daemon.drop(name, seed.data) }
        for name in ["e1.txt", "e2.txt", "e3.txt"] { try daemon.drop(name, Data()) }
        for name in ["b1.txt", "b2.txt"] { try daemon.drop(name, Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01, 0x02])) }
        try daemon.drop("x/s.txt", try Seeds.all()[1].data)
        try daemon.drop("y/s.txt", try Seeds.all()[2].data)
        try waitUntil("10 files queued") { try daemon.status().queue == 10 }
        _ = try daemon.marsadctl("resume")
        try daemon.waitForStatus("all 10 files") { $0.articles == 3 && $0.duplicates == 2 && $0.failed == 5 }
        #expect(daemon.files(in: daemon.processing).isEmpty)
        let archived = daemon.files(in: daemon.archive).map { ($0 as NSString).lastPathComponent }
        #expect(archived.count == 5)
        #expect(Set(archived).count == 5, "archive names are unique across the batch: \(archived)")
        #expect(Set(archived.filter { $0.hasPrefix("s") }) == ["s.txt", "s-2.txt"])
        let failed = daemon.files(in: daemon.failed).filter { !$0.hasSuffix(".reason.json") }
        #expect(failed == ["b1.txt", "b2.txt", "e1.txt", "e2.txt", "e3.txt"])
    }

    @Test func windows1256AndUTF16FilesAreDecodedAndTheEncodingIsRecorded() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let cp1256: [UInt8] = [206, 200, 209, 32, 218, 199, 204, 225, 58, 32, 199, 225, 222, 200, 214, 32, 218, 225, 236, 32, 206, 225, 237, 201]
        try daemon.drop("legacy.txt", Data(cp1256))
        let utf16 = [0xFF, 0xFE] + "بيان صحفي عن الرقة".utf16.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try daemon.drop("windows-notepad.txt", Data(utf16))
        try daemon.waitForStatus("2 articles") { $0.articles == 2 }
        let hits = try jsonObject(try daemon.marsadctl("search", "خلية", "--json").stdout)["results"] as? [[String: Any]]
        #expect(hits?.first?["file"] as? String == "legacy.txt")
        var encodings: Set<String> = []
        for id in 1...2 {
            let article = try jsonObject(try daemon.marsadctl("show", String(id), "--json").stdout)["article"] as? [String: Any]
            encodings.insert(article?["encoding"] as? String ?? "?")
        }
        #expect(encodings == ["windows-1256", "utf-16le"])
    }

    @Test func pauseHoldsFilesInTheInboxAndResumeTakesThem() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        #expect(try daemon.marsadctl("pause").stdout.contains("paused"))
        #expect(try daemon.status().state == "paused")
        let seed = try Seeds.all()[3]
        try daemon.drop(seed.name, seed.data)
        try waitUntil("the file to be queued") { try daemon.status().queue == 1 }
        #expect(try daemon.status().articles == 0)
        #expect(daemon.files(in: daemon.inbox) == [seed.name])
        #expect(try daemon.marsadctl("resume").stdout.contains("running"))
        try daemon.waitForStatus("1 article") { $0.articles == 1 && $0.state == "running" }
    }

    @Test func startingPausedWaitsForResume() throws {
        let daemon = try RunningDaemon()
        let seed = try Seeds.all()[4]
        try FileManager.default.createDirectory(at: daemon.inbox, withIntermediateDirectories: true)
        try seed.data.write(to: daemon.inbox.appendingPathComponent(seed.name))
        try daemon.start(["--paused"])
        #expect(try daemon.status().state == "paused")
        _ = try daemon.marsadctl("resume")
        try daemon.waitForStatus("1 article") { $0.articles == 1 }
    }

    @Test func deleteAfterIngestKeepsTheBytesInTheStoreOnly() throws {
        let daemon = try RunningDaemon()
        let config = daemon.dataDir.appendingPathComponent("marsad.toml")
        try "[ingest]\nafter_ingest = \"delete\"\n".write(to: config, atomically: true, encoding: .utf8)
        try daemon.start(["--config", config.path])
        let seed = try Seeds.all()[0]
        try daemon.drop(seed.name, seed.data)
        try daemon.waitForStatus("1 article") { $0.articles == 1 }
        try waitUntil("the file to be deleted") { daemon.files(in: daemon.inbox).isEmpty && daemon.files(in: daemon.processing).isEmpty }
        #expect(daemon.files(in: daemon.archive).isEmpty)
        let article = try jsonObject(try daemon.marsadctl("show", "1", "--json").stdout)["article"] as? [String: Any]
        #expect(article?["archive_path"] == nil || article?["archive_path"] is NSNull)
    }

    @Test func sigtermStopsCleanlyAndRemovesTheSocketEvenWithAClientConnected() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let idle = daemon.client()
        let _: StatusResult = try idle.call(.status)  // connected, and staying so
        let started = Date()
        #expect(daemon.stop() == 0)
        #expect(Date().timeIntervalSince(started) < 10, "an idle client held up the shutdown")
        #expect(!FileManager.default.fileExists(atPath: daemon.socket))
        #expect(daemon.log.contains("marsadd stopped"))
    }
}
