import Foundation
import Logging
import MarsadProtocol
import MarsadStore
import Testing

@testable import MarsadDaemon

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon's core built in-process on a temporary data folder: no marsadd process, no
/// socket. The end-to-end tests run the real binary; these reach the paths directly.
final class InProcessDaemon {
    let folder: URL
    let config: DaemonConfig
    let live: LiveConfig
    let ingestor: Ingestor

    init(settleMs: Int = 0) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-inprocess-\(UUID().uuidString)")
        var config = DaemonConfig(dataDir: folder.path)
        config.settleMs = settleMs
        self.config = config
        try Daemon.prepareFolders(config)
        live = LiveConfig(config)
        let store = try StoreWriter(path: config.database)
        ingestor = try Ingestor(config: live, store: store, logger: Logger(label: "test"))
    }

    deinit {
        ingestor.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }

    func url(_ folder: String, _ name: String) -> URL {
        URL(fileURLWithPath: config.dataDir).appendingPathComponent(folder).appendingPathComponent(name)
    }

    /// Writes a file into the inbox and tells the ingestor, as the watcher would.
    func drop(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: url("inbox", name))
        ingestor.notice(BytePath(name), .movedIn)
    }

    /// Waits until the ingestor's published state satisfies `condition` (10 s at most).
    func wait(_ condition: (IngestSnapshot) -> Bool) throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if condition(ingestor.snapshot) { return }
            usleep(10_000)
        }
        Issue.record("timed out; last state \(ingestor.snapshot)")
    }

    func files(in folder: String) -> [String] {
        let root = URL(fileURLWithPath: config.dataDir).appendingPathComponent(folder)
        return (FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? [])
            .filter {
                !$0.hasPrefix(".")
                    && (try? FileManager.default.attributesOfItem(atPath: root.appendingPathComponent($0).path)[.type] as? FileAttributeType)
                        == .typeRegular
            }
            .sorted()
    }
}

let sampleText = "خبر\nقالت وزارة الداخلية السورية إنها ألقت القبض على 3 عناصر من تنظيم داعش في ريف دمشق.\n"

@Suite("The ingestor, in-process", .serialized)
struct IngestorInProcessTests {
    @Test func filesAreClaimedStoredInOneBatchAndArchived() throws {
        let daemon = try InProcessDaemon()
        for n in 0..<5 { try daemon.drop("a\(n).txt", sampleText + "رقم \(n)") }
        try daemon.drop("copy.txt", sampleText + "رقم 0")  // the bytes of a0.txt: a sighting
        try daemon.wait { $0.articles == 5 && $0.queue == 0 }
        #expect(daemon.files(in: "inbox").isEmpty)
        #expect(daemon.files(in: "processing").isEmpty)
        #expect(daemon.files(in: "archive").count == 6)
        #expect(daemon.ingestor.snapshot.state == "running")
    }

    @Test func aFileThatIsNoArticleFailsWithItsReason() throws {
        let daemon = try InProcessDaemon()
        try daemon.drop("empty.txt", "")
        try daemon.drop("ok.txt", sampleText)
        try daemon.wait { $0.articles == 1 && $0.queue == 0 }
        let failed = FailedFolder(path: BytePath(daemon.config.failed), inbox: BytePath(daemon.config.inbox))
        #expect(try failed.list().map(\.code) == ["empty"])
        #expect(try failed.list().map(\.file) == ["empty.txt"])
    }

    @Test func aClaimLeftByACrashIsIngestedAtRecovery() throws {
        let daemon = try InProcessDaemon()
        let claim = daemon.url("processing", "c1-1-1")
        try FileManager.default.createDirectory(at: claim, withIntermediateDirectories: true)
        try Data(sampleText.utf8).write(to: claim.appendingPathComponent("left.txt"))
        try daemon.ingestor.recover()
        try daemon.wait { $0.articles == 1 }
        #expect(daemon.files(in: "processing").isEmpty)
        #expect(daemon.files(in: "archive").map { URL(fileURLWithPath: $0).lastPathComponent } == ["left.txt"])
    }

    @Test func pauseHoldsFilesAndResumeTakesThem() throws {
        let daemon = try InProcessDaemon()
        daemon.ingestor.pause()
        try daemon.drop("held.txt", sampleText)
        usleep(200_000)
        #expect(daemon.ingestor.snapshot.state == "paused")
        #expect(daemon.ingestor.snapshot.articles == 0)
        daemon.ingestor.resume()
        try daemon.wait { $0.articles == 1 && $0.queue == 0 }
    }
}

@Suite("The control handler, answering lines directly", .serialized)
struct ControlHandlerInProcessTests {
    func handler(_ daemon: InProcessDaemon) -> ControlHandler {
        let watcher = Watcher(root: BytePath(daemon.config.inbox), queue: DispatchQueue(label: "test.watch"), logger: Logger(label: "test")) {
            _, _ in
        }
        let reloader = Reloader(
            configPath: nil, overrides: ConfigOverrides(), live: daemon.live, logLevel: LogLevelSetting(.info), logger: Logger(label: "test"),
            onApplied: { _ in })
        let context = ControlContext(
            live: daemon.live, reloader: reloader, store: ReadStore { [database = daemon.config.database] in try StoreReader(path: database) },
            ingestor: daemon.ingestor,
            watcher: watcher, failed: FailedFolder(path: BytePath(daemon.config.failed), inbox: BytePath(daemon.config.inbox)),
            startedAt: Date(), version: "test")
        return ControlHandler(context: context, logger: Logger(label: "test"))
    }

    func answer(_ handler: ControlHandler, _ line: String, uid: UInt32 = 0) async throws -> [String: Any] {
        let data = await handler.respond(to: Data(line.utf8), peer: PeerCredentials(pid: 1, uid: uid, gid: uid))
        let answer = try #require(data)
        return try #require(try JSONSerialization.jsonObject(with: answer) as? [String: Any])
    }

    @Test func statusSearchAndErrorsAreAnswered() async throws {
        let daemon = try InProcessDaemon()
        try daemon.drop("one.txt", sampleText)
        try daemon.wait { $0.articles == 1 && $0.queue == 0 }
        let handler = handler(daemon)

        let status = try await answer(handler, #"{"jsonrpc":"2.0","id":1,"method":"status"}"#)
        #expect((status["result"] as? [String: Any])?["articles"] as? Int == 1)

        let search = try await answer(handler, #"{"jsonrpc":"2.0","id":2,"method":"search","params":{"query":"داعش"}}"#)
        #expect(((search["result"] as? [String: Any])?["results"] as? [Any])?.count == 1)

        let tooMany = try await answer(handler, #"{"jsonrpc":"2.0","id":3,"method":"search","params":{"query":"اب* اب* اب* اب* اب*"}}"#)
        #expect((tooMany["error"] as? [String: Any])?["code"] as? Int == RPCError.badQueryCode)

        let unknown = try await answer(handler, #"{"jsonrpc":"2.0","id":4,"method":"nope"}"#)
        #expect((unknown["error"] as? [String: Any])?["code"] as? Int == RPCError.methodNotFoundCode)

        let refused = try await answer(handler, #"{"jsonrpc":"2.0","id":5,"method":"ingest.pause"}"#, uid: 65534)
        #expect((refused["error"] as? [String: Any])?["code"] as? Int == RPCError.permissionDeniedCode)
        #expect(daemon.ingestor.snapshot.state == "running")

        let paused = try await answer(handler, #"{"jsonrpc":"2.0","id":6,"method":"ingest.pause"}"#)
        #expect((paused["result"] as? [String: Any])?["state"] as? String == "paused")
    }
}
