import Foundation
import MarsadClient
import MarsadProtocol
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("The control socket and marsadctl's failures")
struct ControlSocketTests {
    func errorCode(_ line: [UInt8]) throws -> Int? {
        let object = try jsonObject(String(decoding: line, as: UTF8.self))
        return (object["error"] as? [String: Any])?["code"] as? Int
    }

    @Test func badRequestsGetJSONRPCErrorsAndTheServerKeepsServing() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let client = daemon.client()
        #expect(try errorCode(client.exchange(Array("this is not json\n".utf8))) == RPCError.parseErrorCode)
        #expect(try errorCode(client.exchange(Array("[1,2]\n".utf8))) == RPCError.invalidRequestCode)
        #expect(try errorCode(client.exchange(Array(#"{"jsonrpc":"2.0","id":1,"method":"explode"}"#.utf8) + [0x0A])) == RPCError.methodNotFoundCode)
        #expect(
            try errorCode(client.exchange(Array(#"{"jsonrpc":"2.0","id":2,"method":"articles.get","params":{"id":"one"}}"#.utf8) + [0x0A]))
                == RPCError.invalidParamsCode)
        #expect(try errorCode(client.exchange(Array(#"{"jsonrpc":"2.0","id":3,"method":"search"}"#.utf8) + [0x0A])) == RPCError.invalidParamsCode)
        #expect(
            try errorCode(client.exchange(Array(#"{"jsonrpc":"2.0","id":4,"method":"articles.get","params":{"id":99}}"#.utf8) + [0x0A]))
                == RPCError.notFoundCode)
        #expect(
            try errorCode(client.exchange(Array(#"{"jsonrpc":"2.0","id":5,"method":"articles.list","params":{"limit":0}}"#.utf8) + [0x0A]))
                == RPCError.invalidParamsCode)
        // A notification (no "id") is run but not answered: the next answer is the next request's.
        let pause = try client.exchange(
            Array(#"{"jsonrpc":"2.0","method":"ingest.pause"}"#.utf8) + [0x0A]
                + Array(#"{"jsonrpc":"2.0","id":6,"method":"status"}"#.utf8) + [0x0A])
        let afterNotification = try jsonObject(String(decoding: pause, as: UTF8.self))
        #expect(afterNotification["id"] as? Int == 6)
        #expect((afterNotification["result"] as? [String: Any])?["state"] as? String == "paused")
        // "id": null is a request (answered with a null id), not a notification.
        let nullID = try jsonObject(
            String(decoding: try client.exchange(Array(#"{"jsonrpc":"2.0","id":null,"method":"version"}"#.utf8) + [0x0A]), as: UTF8.self))
        #expect(nullID["id"] is NSNull)
        #expect(nullID["result"] != nil)
        // The same connection still answers a good request, with its id.
        let good = try jsonObject(
            String(decoding: try client.exchange(Array(#"{"jsonrpc":"2.0","id":"x","method":"version"}"#.utf8) + [0x0A]), as: UTF8.self))
        #expect(good["id"] as? String == "x")
        #expect((good["result"] as? [String: Any])?["protocol"] as? Int == protocolVersion)
    }

    /// Sends `request`, half-closes the connection as socat does, and reads the answer.
    func sendAndHalfClose(_ socketPath: String, _ request: String) throws -> String {
        let connection = try RawConnection(socketPath)
        #expect(connection.send(Array(request.utf8)))
        shutdown(connection.fd, Int32(SHUT_WR))
        return connection.line() ?? ""
    }

    @Test func aClientThatHalfClosesAfterItsRequestGetsItsAnswer() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let withNewline = try sendAndHalfClose(daemon.socket, #"{"jsonrpc":"2.0","id":1,"method":"version"}"# + "\n")
        #expect(try jsonObject(withNewline)["id"] as? Int == 1)
        // printf without a trailing newline: the last request still counts.
        let withoutNewline = try sendAndHalfClose(daemon.socket, #"{"jsonrpc":"2.0","id":2,"method":"status"}"#)
        #expect((try jsonObject(withoutNewline)["result"] as? [String: Any])?["state"] as? String == "running")
    }

    @Test func aRequestOverOneMebibyteIsRefusedAndItsConnectionClosed() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let other = daemon.client()
        try other.connect()
        let big = daemon.client()
        let request =
            Array(#"{"jsonrpc":"2.0","id":1,"method":"search","params":{"query":""#.utf8)
            + [UInt8](repeating: 0x61, count: 2 << 20) + Array(#""}}"#.utf8) + [0x0A]
        let answer = try big.exchange(request)
        #expect(try errorCode(answer) == RPCError.invalidRequestCode)
        #expect(String(decoding: answer, as: UTF8.self).contains("1048576"))
        #expect(throws: ClientError.self) { try big.exchange(Array(#"{"jsonrpc":"2.0","id":2,"method":"status"}"#.utf8) + [0x0A]) }
        // Another client, connected all along, is served.
        let status: StatusResult = try other.call(.status)
        #expect(status.state == "running")
    }

    @Test func manyClientsAtOnceAreAllAnswered() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let failures = ManagedCounter()
        let socket = daemon.socket
        DispatchQueue.concurrentPerform(iterations: 64) { _ in
            do {
                let _: StatusResult = try ControlClient(socketPath: socket).call(.status)
            } catch {
                failures.add()
            }
        }
        #expect(failures.value == 0)
    }

    @Test func marsadctlSaysOneClearLineAndExitsNonZeroWhenTheDaemonIsNotThere() throws {
        let result = try runMarsadctl(["--socket", "/tmp/no-marsad-here.sock", "status"])
        #expect(result.status == 69)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.stderr.contains("cannot reach marsadd at /tmp/no-marsad-here.sock"))
    }

    @Test func marsadctlFindsTheSocketThroughTheEnvironment() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let result = try runMarsadctl(["version"], environment: ["MARSAD_SOCKET": daemon.socket])
        #expect(result.status == 0)
        #expect(result.stdout.contains(marsadVersion))
    }

    @Test func anErrorFromTheDaemonExitsNonZeroWithItsMessage() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let result = try daemon.marsadctl("show", "12345")
        #expect(result.status == 1)
        #expect(result.stderr.contains("no article with id 12345"))
    }

    @Test func theSocketIsGroupReadableOnly() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        var info = stat()
        #expect(stat(daemon.socket, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o660)
    }

    @Test(.enabled(if: canSwitchUser, "needs root and setpriv to run marsadctl as another user"))
    func aPeerWithoutRightsMayReadButNotChangeState() throws {
        let daemon = try RunningDaemon()
        let config = daemon.dataDir.appendingPathComponent("open.toml")
        // A socket anyone may connect to, so that only SO_PEERCRED stands in the way.
        try "[control]\nsocket_mode = \"0666\"\nadmin_group = \"\"\n".write(to: config, atomically: true, encoding: .utf8)
        chmod(daemon.dataDir.path, 0o755)
        try daemon.start(["--config", config.path])
        let read = try runMarsadctl(["--socket", daemon.socket, "status", "--json"], asUser: nobody)
        #expect(read.status == 0, "\(read.stderr)")
        // Every state-changing method, through the command that calls it.
        let commands: [Method: [String]] = [
            .ingestPause: ["pause"], .ingestResume: ["resume"], .ingestRescan: ["rescan"],
            .failedRetry: ["retry"], .reload: ["reload"], .reprocess: ["reprocess", "--all"],
            .incidentsSplit: ["incidents", "split", "1", "1/0"], .incidentsJoin: ["incidents", "join", "1", "2"],
        ]
        #expect(Set(commands.keys) == Set(Method.allCases.filter(\.changesState)), "a state-changing method is not tried here")
        for command in commands.values {
            let refused = try runMarsadctl(["--socket", daemon.socket] + command, asUser: nobody)
            #expect(refused.status == 1, "\(command) was allowed")
            #expect(refused.stderr.contains("permission denied: uid 65534"), "\(refused.stderr)")
        }
        #expect(try daemon.status().state == "running")
        // The daemon's own user (here root) may.
        #expect(try daemon.marsadctl("pause").status == 0)
    }

    @Test func aBadConfigIsRefusedAtStartWithKeyValueAndReason() throws {
        let daemon = try RunningDaemon()
        let config = daemon.dataDir.appendingPathComponent("bad.toml")
        try "[ingest]\nsettle_ms = -1\n".write(to: config, atomically: true, encoding: .utf8)
        let process = try daemon.start(["--config", config.path], waitReady: false)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(daemon.log.contains("ingest.settle_ms = -1: must be between 0 and 600000"))
    }

    @Test func anInboxOnAnotherFilesystemIsRefusedAtStart() throws {
        let daemon = try RunningDaemon()
        var inboxInfo = stat()
        var dataInfo = stat()
        let elsewhere = "/dev/shm/marsad-e2e-inbox-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        try #require(stat(elsewhere, &inboxInfo) == 0 && stat(daemon.dataDir.path, &dataInfo) == 0)
        try #require(inboxInfo.st_dev != dataInfo.st_dev, "/dev/shm is on the same filesystem as /tmp here")
        let process = try daemon.start(["--inbox", elsewhere], waitReady: false)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(daemon.log.contains("paths.inbox (\(elsewhere)) is on another filesystem or mount than paths.processing"))
    }

    @Test func aSecondDaemonOnTheSameStoreIsRefused() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let first = try #require(daemon.process)
        let second = Process()
        second.executableURL = URL(fileURLWithPath: Binaries.marsadd)
        second.arguments = ["--data-dir", daemon.dataDir.path]
        let errors = Pipe()
        second.standardError = errors
        try second.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        second.waitUntilExit()
        #expect(second.terminationStatus != 0)
        #expect(message.contains("another marsadd (pid \(first.processIdentifier))"))
        #expect(try daemon.status().state == "running")
    }
}

final class ManagedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
