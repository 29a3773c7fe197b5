import Foundation
import MarsadProtocol
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What a hostile drop must end as: so many new articles, and these failure codes.
struct DropOutcome {
    var articles = 0
    var failures: [String] = []
    /// Seconds to wait for the daemon to handle it (the tests run a debug build).
    var timeout: Double = 120
    /// Extra checks once the daemon has handled everything.
    var check: (RunningDaemon) throws -> Void = { _ in }
}

/// Raw file-system helpers for names that are not valid UTF-8 or not short.
enum RawFS {
    static func path(_ folder: URL, _ name: [UInt8]) -> [UInt8] { Array(folder.path.utf8) + [0x2F] + name }

    static func write(_ bytes: [UInt8], to path: [UInt8]) throws {
        let fd = (path + [0]).withUnsafeBufferPointer {
            $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno)!) }
        defer { close(fd) }
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }

    static func rename(_ from: [UInt8], _ to: [UInt8]) throws {
        let result = (from + [0]).withUnsafeBufferPointer { a in
            (to + [0]).withUnsafeBufferPointer { b in
                a.withMemoryRebound(to: CChar.self) { a in b.withMemoryRebound(to: CChar.self) { b in Glibc.rename(a.baseAddress!, b.baseAddress!) } }
            }
        }
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno)!) }
    }

    /// Writes a file beside the inbox, then renames it in under `name` (any bytes).
    static func drop(_ daemon: RunningDaemon, name: [UInt8], _ bytes: [UInt8]) throws {
        let staged = Array(daemon.dataDir.path.utf8) + Array("/stage-\(UUID().uuidString)".utf8)
        try write(bytes, to: staged)
        try rename(staged, path(daemon.inbox, name))
    }

    /// Every name below `folder` that is not a directory, as raw bytes, recursively.
    static func names(_ folder: URL) -> [[UInt8]] {
        var found: [[UInt8]] = []
        func walk(_ path: [UInt8]) {
            guard let dir = (path + [0]).withUnsafeBufferPointer({ $0.withMemoryRebound(to: CChar.self) { opendir($0.baseAddress!) } }) else {
                return
            }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix(while: { $0 != 0 })) }
                if name == [0x2E] || name == [0x2E, 0x2E] { continue }
                if entry.pointee.d_type == UInt8(DT_DIR) { walk(path + [0x2F] + name) } else { found.append(name) }
            }
        }
        walk(Array(folder.path.utf8))
        return found
    }
}

/// Each hostile drop of the torture suite (docs/TORTURE.md): what is dropped, and what it
/// must end as. The daemon must stay up and take a normal article after it.
enum HostileDrop: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case empty, randomBytes, png, gzip, nulInsideText, neitherUTF8NorWindows1256, utf16WithoutBOM
    case sparse1GiB, fifo, symlinkToShadow, symlinkInsideInbox, hardLinkToOutside, unixSocket, deviceNode
    case directoryNamedLikeArticle, nameWithNewline, nameNotUTF8, name255Bytes, leadingDashes
    case deletedBetweenEventAndOpen, writtenSlowlyFor10s, rewrittenAfterIngest, singleLine5MB, deeplyNested

    var testDescription: String { rawValue }

    func perform(_ daemon: RunningDaemon) throws -> DropOutcome {
        let seeds = try Seeds.all()
        let inbox = daemon.inbox
        switch self {
        case .empty:
            try daemon.drop("empty.txt", Data())
            return DropOutcome(failures: ["empty"])
        case .randomBytes:
            var generator = SystemRandomNumberGenerator()
            var bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
            bytes[100] = 0
            try daemon.drop("random.bin", Data(bytes))
            return DropOutcome(failures: ["binary"])
        case .png:
            try daemon.drop(
                "picture.png",
                Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]))
            return DropOutcome(failures: ["binary"])
        case .gzip:
            let gzip = Process()
            gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
            gzip.arguments = ["-c", Seeds.folder.appendingPathComponent(seeds[0].name).path]
            let pipe = Pipe()
            gzip.standardOutput = pipe
            try gzip.run()
            let compressed = pipe.fileHandleForReading.readDataToEndOfFile()
            gzip.waitUntilExit()
            try daemon.drop("article.txt.gz", compressed)
            return DropOutcome(failures: ["binary"])
        case .nulInsideText:
            try daemon.drop("nul.txt", Data("خبر عاجل".utf8) + Data([0]) + Data("من دير الزور".utf8))
            return DropOutcome(failures: ["binary"])
        case .neitherUTF8NorWindows1256:
            // French in ISO-8859-1: not UTF-8, and in Windows-1256 no Arabic comes out.
            let latin1 = "Le café était très bon, à côté de l'église où l'on déjeûne. ".data(using: .isoLatin1)!
            try daemon.drop("francais.txt", latin1 + latin1)
            return DropOutcome(failures: ["undecodable"])
        case .utf16WithoutBOM:
            let text = String(decoding: seeds[3].data, as: UTF8.self)
            try daemon.drop("utf16.txt", Data(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
            return DropOutcome(articles: 1) { (daemon: RunningDaemon) throws in
                let article = try daemon.shownArticle(try daemon.articleID(file: "utf16.txt"))
                #expect(article["encoding"] as? String == "utf-16le")
            }
        case .sparse1GiB:
            let path = inbox.appendingPathComponent("huge.txt").path
            let fd = open(path, O_WRONLY | O_CREAT, 0o644)
            #expect(ftruncate(fd, 1 << 30) == 0)
            close(fd)
            return DropOutcome(failures: ["too-large"]) { (daemon: RunningDaemon) throws in
                #expect(try daemon.residentMiB() < 200, "the daemon read the sparse file")
            }
        case .fifo:
            #expect(mkfifo(inbox.appendingPathComponent("pipe.txt").path, 0o644) == 0)
            return DropOutcome(failures: ["not-regular"])
        case .symlinkToShadow:
            #expect(symlink("/etc/shadow", inbox.appendingPathComponent("shadow.txt").path) == 0)
            return DropOutcome(failures: ["not-regular"]) { (daemon: RunningDaemon) throws in
                var info = stat()
                #expect(
                    lstat(daemon.failed.appendingPathComponent("shadow.txt").path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK,
                    "the link itself is in failed/, not what it points to")
                #expect(try daemon.marsadctl("search", "root").stdout.contains("no article matches"))
            }
        case .symlinkInsideInbox:
            try daemon.drop("real.txt", seeds[1].data)
            #expect(symlink(inbox.appendingPathComponent("real.txt").path, inbox.appendingPathComponent("alias.txt").path) == 0)
            return DropOutcome(articles: 1, failures: ["not-regular"])
        case .hardLinkToOutside:
            let outside = daemon.dataDir.appendingPathComponent("secret-outside.txt")
            try Data("كلمةسريةخارجية هذا نص خاص لا يجوز أن يقرأ".utf8).write(to: outside)
            #expect(link(outside.path, inbox.appendingPathComponent("secret.txt").path) == 0)
            return DropOutcome(failures: ["hard-link"]) { (daemon: RunningDaemon) throws in
                #expect(try daemon.marsadctl("search", "كلمةسريةخارجية").stdout.contains("no article matches"), "a hard link was read")
                #expect(try Data(contentsOf: outside) == Data("كلمةسريةخارجية هذا نص خاص لا يجوز أن يقرأ".utf8))
            }
        case .unixSocket:
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            let bound = withUnixAddress(inbox.appendingPathComponent("listener.txt").path) { bind(fd, $0, $1) }
            #expect(bound == 0)
            close(fd)
            return DropOutcome(failures: ["not-regular"])
        case .deviceNode:
            guard geteuid() == 0 else { return DropOutcome() }  // mknod needs root
            let mknod = Process()
            mknod.executableURL = URL(fileURLWithPath: "/usr/bin/mknod")
            mknod.arguments = [inbox.appendingPathComponent("null.txt").path, "c", "1", "3"]
            try mknod.run()
            mknod.waitUntilExit()
            guard mknod.terminationStatus == 0 else { return DropOutcome() }  // not allowed here (a container without mknod)
            return DropOutcome(failures: ["not-regular"])
        case .directoryNamedLikeArticle:
            try FileManager.default.createDirectory(at: inbox.appendingPathComponent("article.txt"), withIntermediateDirectories: true)
            try daemon.drop("article.txt/inside.txt", seeds[2].data)
            return DropOutcome(articles: 1)
        case .nameWithNewline:
            try daemon.drop("first line\nsecond line.txt", seeds[1].data)
            return DropOutcome(articles: 1) { (daemon: RunningDaemon) throws in
                #expect(daemon.files(in: daemon.archive).contains { $0.hasSuffix("first line\nsecond line.txt") })
                let listed = try jsonObject(try daemon.marsadctl("ls", "--json").stdout)["articles"] as? [[String: Any]]
                #expect(listed?.contains { ($0["file"] as? String) == "first line\nsecond line.txt" } == true)
            }
        case .nameNotUTF8:
            let name: [UInt8] = Array("خبر-".utf8) + [0xFF, 0xFE, 0xC0] + Array(".txt".utf8)
            try RawFS.drop(daemon, name: name, Array(seeds[1].data))
            return DropOutcome(articles: 1) { (daemon: RunningDaemon) throws in
                #expect(RawFS.names(daemon.archive).contains(name), "the archived file keeps its raw name")
                let listed = try daemon.marsadctl("ls").stdout
                #expect(listed.contains("\\xFF\\xFE\\xC0"), "ls shows the bad bytes escaped: \(listed)")
            }
        case .name255Bytes:
            let long = Array(String(repeating: "خ", count: 125).utf8) + Array("a.txt".utf8)  // 250 + 5 = 255 bytes
            #expect(long.count == 255)
            try RawFS.drop(daemon, name: long, Array(seeds[1].data))
            try waitUntil("the first long name") { try daemon.status().articles == 1 }
            // The same name again, other bytes: the archive name is taken and must be shortened.
            try RawFS.drop(daemon, name: long, Array(seeds[2].data))
            // And an empty file of that length: failed/ needs room for ".reason.json".
            let longEmpty = Array(String(repeating: "ف", count: 125).utf8) + Array("b.txt".utf8)
            try RawFS.drop(daemon, name: longEmpty, [])
            return DropOutcome(articles: 2, failures: ["empty"]) { (daemon: RunningDaemon) throws in
                #expect(RawFS.names(daemon.archive).count == 3, "both long names and the article after them")
                #expect(
                    RawFS.names(daemon.archive).allSatisfy { $0.count <= 255 && String(validating: $0, as: UTF8.self) != nil },
                    "shortened between characters")
            }
        case .leadingDashes:
            try daemon.drop("-rf.txt", seeds[1].data)
            try daemon.drop("--help.txt", Data())
            return DropOutcome(articles: 1, failures: ["empty"]) { (daemon: RunningDaemon) throws in
                try Seeds.all()[2].data.write(to: daemon.failed.appendingPathComponent("--help.txt"))
                let retry = try daemon.marsadctl("retry", "--", "--help.txt")
                #expect(retry.status == 0, "\(retry.stderr)")
                try daemon.waitForStatus("the retried --help.txt") { $0.articles == 3 && $0.failed == 0 }
            }
        case .deletedBetweenEventAndOpen:
            // Files that vanish at every step: while settling, right after a rename in. Each
            // one is either deleted by us first (never stored) or taken by the daemon first
            // (our unlink finds nothing): then it is stored and archived exactly once.
            var taken = 0
            for number in 0..<400 {
                let name = "gone-\(number).txt"
                let data = seeds[number % 5].data + Data("\nرقم \(number)\n".utf8)
                if number % 2 == 0 {
                    try data.write(to: inbox.appendingPathComponent(name))
                    usleep(UInt32.random(in: 0...2_000))
                } else {
                    try daemon.drop(name, data)
                }
                if unlink(inbox.appendingPathComponent(name).path) != 0 { taken += 1 }
            }
            let stored = taken
            return DropOutcome(articles: stored) { (daemon: RunningDaemon) throws in
                let status = try daemon.status()
                #expect(status.articles + status.duplicates == stored + 1, "every file the daemon took is stored once")
                #expect(daemon.files(in: daemon.archive).count == stored + 1)
            }
        case .writtenSlowlyFor10s:
            // One line a second for 10 s, the file open all along: never read half-written.
            let path = inbox.appendingPathComponent("slow.txt").path
            let fd = open(path, O_WRONLY | O_CREAT, 0o644)
            let lines = String(decoding: seeds[1].data, as: UTF8.self).split(separator: "\n").map { Array(($0 + "\n").utf8) }
            var written = 0
            for second in 0..<10 {
                let line = lines[second % lines.count]
                written += line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                sleep(1)
                #expect(try daemon.status().articles == 0, "ingested while still being written (after \(second + 1) s)")
            }
            close(fd)
            let size = written
            return DropOutcome(articles: 1) { (daemon: RunningDaemon) throws in
                let article = try daemon.shownArticle(try daemon.articleID(file: "slow.txt"))
                #expect(article["size"] as? Int == size, "the whole file was stored")
            }
        case .rewrittenAfterIngest:
            try daemon.drop("story.txt", seeds[1].data)
            try waitUntil("the first version") { try daemon.status().articles == 1 }
            try daemon.drop("story.txt", seeds[2].data)
            return DropOutcome(articles: 2) { (daemon: RunningDaemon) throws in
                #expect(
                    daemon.files(in: daemon.archive).filter { $0.hasSuffix("story.txt") || $0.contains("story-") }.count == 2,
                    "both versions archived: \(daemon.files(in: daemon.archive))")
                #expect(try daemon.marsadctl("show", "1").status == 0, "the first version stays")
            }
        case .singleLine5MB:
            let words = String(decoding: seeds[2].data, as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
            var line = ""
            while line.utf8.count < 5_000_000 { line += words + " " }
            try daemon.drop("one-line.txt", Data(line.utf8))
            // ~1,300 articles' worth of text: seconds in a release build, minutes in debug.
            return DropOutcome(articles: 1, timeout: 900)
        case .deeplyNested:
            let relative = (0..<100).map { "d\($0)" }.joined(separator: "/")
            try daemon.drop(relative + "/deep.txt", seeds[4].data)
            return DropOutcome(articles: 1)
        }
    }
}

extension RunningDaemon {
    /// The id of the article stored from `file`, from `marsadctl ls --json`.
    func articleID(file: String) throws -> Int {
        let listed = try jsonObject(try marsadctl("ls", "--json").stdout)["articles"] as? [[String: Any]] ?? []
        return try #require(listed.first { $0["file"] as? String == file }?["id"] as? Int, "no article from \(file)")
    }

    /// `marsadctl show ID --json`'s article object.
    func shownArticle(_ id: Int) throws -> [String: Any] {
        let object = try jsonObject(try marsadctl("show", String(id), "--json").stdout)
        return object["article"] as? [String: Any] ?? object
    }

    /// The daemon's resident memory now, in MiB.
    func residentMiB() throws -> Double {
        let status = try String(contentsOfFile: "/proc/\(process!.processIdentifier)/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }
}

@Suite("Torture: hostile drops, each accounted for, the daemon staying up", .serialized)
struct TortureDropTests {
    @Test(arguments: HostileDrop.allCases)
    func hostileDrop(_ drop: HostileDrop) throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let outcome = try drop.perform(daemon)
        // A normal article after it proves the pipeline is not blocked.
        try daemon.drop("zz-after.txt", try Seeds.all()[0].data)
        let articles = outcome.articles + 1
        do {
            try daemon.waitForStatus("\(drop): \(articles) articles, \(outcome.failures.count) failed", timeout: outcome.timeout) {
                $0.articles >= articles && $0.failed >= outcome.failures.count
            }
        } catch {
            Issue.record(
                "\(error); status \(String(describing: try? daemon.status())); log:\n\(daemon.log.split(separator: "\n").suffix(20).joined(separator: "\n"))"
            )
            throw error
        }
        let status = try daemon.status()
        #expect(status.articles == articles)
        #expect(status.failed == outcome.failures.count)
        #expect(status.state == "running")
        let failed = try #require(try jsonObject(daemon.marsadctl("failed", "--json").stdout)["failed"] as? [[String: Any]])
        #expect(failed.compactMap { $0["code"] as? String }.sorted() == outcome.failures.sorted())
        #expect(failed.allSatisfy { !(($0["message"] as? String) ?? "").isEmpty }, "every failure says why")
        try outcome.check(daemon)
        // Accounted for: nothing left in the inbox or in processing/ (folders may stay).
        #expect(RawFS.names(daemon.inbox).isEmpty, "left in the inbox: \(RawFS.names(daemon.inbox).map { String(decoding: $0, as: UTF8.self) })")
        #expect(RawFS.names(daemon.processing).isEmpty)
        #expect(try daemon.status().state == "running")
        #expect(daemon.stop() == 0, "marsadd stops cleanly after \(drop)")
    }
}
