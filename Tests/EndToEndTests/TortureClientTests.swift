import Foundation
import MarsadClient
import MarsadProtocol
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A raw client connection, for clients that misbehave.
final class RawConnection {
    let fd: Int32

    init(_ socketPath: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        let connected = withUnixAddress(socketPath) { connect(fd, $0, $1) }
        guard connected == 0 else {
            let error = errno
            close(fd)
            throw POSIXError(POSIXErrorCode(rawValue: error)!)
        }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Sends what it can; false once the peer has closed.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return false }
            sent += count
        }
        return true
    }

    /// Reads one line (without its newline); nil at end of stream.
    func line() -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while recv(fd, &byte, 1, 0) == 1 {
            if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    /// True when the daemon closed the connection (end of stream) within the receive timeout.
    func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        while true {
            let count = recv(fd, &byte, 1, 0)
            if count == 0 { return true }
            if count < 0 { return errno == ECONNRESET }
        }
    }
}

@Suite("Torture: hostile clients on the control socket")
struct TortureClientTests {
    func errorCode(_ line: String?) -> Int? {
        guard let line, let object = try? jsonObject(line) else { return nil }
        return (object["error"] as? [String: Any])?["code"] as? Int
    }

    func openDescriptors(_ daemon: RunningDaemon) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(daemon.process!.processIdentifier)/fd").count) ?? -1
    }

    @Test func garbageBytesGetErrorsAndTheConnectionKeepsServing() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let connection = try RawConnection(daemon.socket)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var garbage = (0..<Int.random(in: 1...2_000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            garbage.removeAll { $0 == 0x0A }
            if garbage.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { garbage.append(0x7B) }
            #expect(connection.send(garbage + [0x0A]))
            #expect(errorCode(connection.line()) == RPCError.parseErrorCode)
        }
        // Deep nesting, in the JSON and in a query: errors, never a crash.
        connection.send(Array(String(repeating: "[", count: 100_000).utf8) + [0x0A])
        #expect(errorCode(connection.line()) != nil)
        let deepQuery = #"{"jsonrpc":"2.0","id":1,"method":"search","params":{"query":""# + String(repeating: "(", count: 100_000) + "داعش\"}}\n"
        connection.send(Array(deepQuery.utf8))
        #expect(errorCode(connection.line()) == RPCError.badQueryCode)
        connection.send(Array(#"{"jsonrpc":"2.0","id":2,"method":"version"}"#.utf8) + [0x0A])
        #expect((try jsonObject(connection.line() ?? "")["result"] as? [String: Any])?["version"] != nil)
        // Binary garbage without a newline, then a close: the daemon is unmoved.
        let other = try RawConnection(daemon.socket)
        other.send((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        shutdown(other.fd, Int32(SHUT_WR))
        _ = other.isClosedByPeer()
        #expect(try daemon.status().state == "running")
    }

    @Test func a100MBLineIsCutOffAtTheLimitAndTheDaemonStaysSmall() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let connection = try RawConnection(daemon.socket)
        let chunk = [UInt8](repeating: 0x61, count: 1 << 20)
        var sentMiB = 0
        let opening = Array(#"{"jsonrpc":"2.0","id":1,"method":"search","params":{"query":""#.utf8)
        if connection.send(opening) {
            while sentMiB < 100, connection.send(chunk) { sentMiB += 1 }
        }
        #expect(sentMiB < 100, "the daemon read 100 MiB without closing the connection")
        let answer = connection.line()
        #expect(errorCode(answer) == RPCError.invalidRequestCode)
        #expect(answer?.contains("1048576") == true)
        #expect(connection.isClosedByPeer())
        #expect(try daemon.residentMiB() < 100)
        #expect(try daemon.status().state == "running")
    }

    @Test func aThousandConcurrentConnectionsAreAnsweredOrPolitelyRefused() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        let baseline = openDescriptors(daemon)
        var connections: [RawConnection] = []
        for _ in 0..<1_000 { connections.append(try RawConnection(daemon.socket)) }
        let request = Array(#"{"jsonrpc":"2.0","id":7,"method":"status"}"#.utf8) + [0x0A]
        // A refused connection is answered and closed at once: its send may find it closed.
        for connection in connections { connection.send(request) }
        var served = 0
        var refused = 0
        for connection in connections {
            let answer = try jsonObject(connection.line() ?? "")
            if answer["result"] != nil {
                served += 1
            } else if ((answer["error"] as? [String: Any])?["message"] as? String)?.contains("too many connections") == true {
                refused += 1
            }
        }
        #expect(served + refused == 1_000, "every connection got an answer")
        #expect(served >= 256, "control.max_connections (256) are served at once")
        connections.removeAll()
        try waitUntil("the daemon's descriptors back to where they were") { openDescriptors(daemon) <= baseline + 2 }
        let status: StatusResult = try daemon.client().call(.status)
        #expect(status.state == "running")
    }

    @Test func slowlorisConnectionsAreCutOffAndOthersAreServed() throws {
        let daemon = try RunningDaemon()
        let config = daemon.dataDir.appendingPathComponent("marsad.toml")
        try "[control]\nrequest_timeout_s = 2\n".write(to: config, atomically: true, encoding: .utf8)
        try daemon.start(["--config", config.path])
        let slow = try (0..<50).map { _ in try RawConnection(daemon.socket) }
        let started = Date()
        // One byte every half second, never a newline: each byte would reset an idle timer.
        for byte in Array(#"{"jsonrpc":"2.0","id":1,"#.utf8) {
            for connection in slow { connection.send([byte]) }
            // Meanwhile a normal client is served at once.
            let status: StatusResult = try daemon.client().call(.status)
            #expect(status.state == "running")
            usleep(500_000)
            if Date().timeIntervalSince(started) > 4 { break }
        }
        for connection in slow {
            let answer = connection.line()
            #expect(errorCode(answer) == RPCError.invalidRequestCode)
            #expect(answer?.contains("request_timeout_s") == true)
            #expect(connection.isClosedByPeer())
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }
}
