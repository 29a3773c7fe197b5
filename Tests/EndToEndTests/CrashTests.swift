import Crypto
import Foundation
import MarsadProtocol
import MarsadStore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Torture: a crash at any instant loses nothing and duplicates nothing")
struct CrashTests {
    /// Unique small Arabic articles, each with its SHA-256.
    func articles(_ count: Int, base: String) -> [(name: String, data: Data, sha256: String)] {
        (0..<count).map { number in
            let data = Data("خبر رقم \(number) من سلسلة الاختبار\n\n".utf8) + Data(base.prefix(300 + number % 300).utf8)
            let sha = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            return (String(format: "burst-%04d.txt", number), data, sha)
        }
    }

    /// Every stored article's sha256, by paging through export.
    func storedHashes(_ daemon: RunningDaemon) throws -> [String] {
        let client = daemon.client()
        var hashes: [String] = []
        var after: Int64 = 0
        while true {
            let batch: ExportResult = try client.call(.export, ExportParams(afterId: after, limit: 500))
            hashes += batch.articles.map(\.sha256)
            guard let next = batch.nextAfterId else { return hashes }
            after = next
        }
    }

    @Test func sigkillMidBurstAtManyInstantsThenRestart() throws {
        let daemon = try RunningDaemon()
        let seed = String(decoding: try Seeds.all()[1].data, as: UTF8.self)
        // 2,000 files; every 100th is empty and must end in failed/ with its reason.
        let files = articles(2_000, base: seed).enumerated().map { index, file in
            index % 100 == 99 ? (name: file.name, data: Data(), sha256: "") : file
        }
        let good = files.filter { !$0.data.isEmpty }
        // A quarter of the burst is waiting at the first start, the rest arrives while it runs.
        try FileManager.default.createDirectory(at: daemon.inbox, withIntermediateDirectories: true)
        for file in files.prefix(500) { try file.data.write(to: daemon.inbox.appendingPathComponent(file.name)) }

        // Exact instants first: right after a claim (before its transaction), inside the
        // transaction (rows written, no COMMIT), and right after a commit (before the file
        // leaves processing/). The daemon kills itself there.
        for (point, count) in [
            ("MARSAD_FAULT_KILL_AFTER_CLAIM", 3), ("MARSAD_FAULT_KILL_IN_TRANSACTION", 5),
            ("MARSAD_FAULT_KILL_AFTER_COMMIT", 4), ("MARSAD_FAULT_KILL_AFTER_CLAIM", 1),
            ("MARSAD_FAULT_KILL_IN_TRANSACTION", 1), ("MARSAD_FAULT_KILL_AFTER_COMMIT", 1),
        ] {
            let process = try daemon.start(environment: [point: String(count)], waitReady: false)
            process.waitUntilExit()
            #expect(
                process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
                "\(point)=\(count) should end in SIGKILL")
        }

        // Then SIGKILL from outside at 24 random instants while files keep arriving.
        var generator = SystemRandomNumberGenerator()
        var dropped = 500
        for _ in 0..<24 {
            try daemon.start(environment: ["MARSAD_FAULT_INGEST_DELAY_MS": "2"])
            if dropped < files.count {
                for file in files[dropped..<min(dropped + 60, files.count)] { try daemon.drop(file.name, file.data) }
                dropped = min(dropped + 60, files.count)
            }
            usleep(UInt32.random(in: 5_000...250_000, using: &generator))
            daemon.crash()
        }
        for file in files[dropped...] { try daemon.drop(file.name, file.data) }

        // A clean run finishes everything.
        try daemon.start()
        do {
            try daemon.waitForStatus("all \(files.count) files", timeout: 300) { $0.articles == good.count && $0.failed == files.count - good.count }
        } catch {
            let status = try? daemon.status()
            Issue.record(
                """
                \(error); status: \(String(describing: status))
                inbox: \(daemon.files(in: daemon.inbox).prefix(10))
                processing: \(daemon.files(in: daemon.processing).prefix(10))
                failed: \(daemon.files(in: daemon.failed).prefix(10))
                log tail: \(daemon.log.split(separator: "\n").suffix(30).joined(separator: "\n"))
                """)
            throw error
        }
        try waitUntil("processing/ to empty") { daemon.files(in: daemon.processing).isEmpty }
        let status = try daemon.status()
        #expect(status.duplicates == 0, "a crash recorded a sighting of a file it had already stored")
        let hashes = try storedHashes(daemon)
        #expect(hashes.count == good.count)
        #expect(Set(hashes) == Set(good.map(\.sha256)), "every file stored exactly once")
        #expect(daemon.files(in: daemon.inbox).isEmpty)
        let archived = daemon.files(in: daemon.archive)
        #expect(archived.count == good.count, "every file archived exactly once")
        #expect(Set(archived.map { ($0 as NSString).lastPathComponent }) == Set(good.map(\.name)))
        let failed = try #require(try jsonObject(daemon.marsadctl("failed", "--json").stdout)["failed"] as? [[String: Any]])
        #expect(Set(failed.compactMap { $0["file"] as? String }) == Set(files.filter { $0.data.isEmpty }.map(\.name)))
        #expect(failed.allSatisfy { $0["code"] as? String == "empty" }, "each failure keeps its reason across the crashes")
        // The kills landed where they were meant to: both recovery paths ran.
        #expect(daemon.log.contains("finishing a claim committed before a restart"), "no kill landed between commit and move")
        #expect(daemon.log.contains("ingesting a file claimed before a restart"), "no kill landed between claim and commit")
        #expect(daemon.stop() == 0)
        #expect(try StoreWriter(path: daemon.dataDir.appendingPathComponent("marsad.db").path).integrityCheck() == "ok")
    }
}
