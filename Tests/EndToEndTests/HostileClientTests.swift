// The attacks of issue 13 (docs/TORTURE.md, "Attacks") by a hostile client: a user of the
// control socket who asks too much, or asks as someone else (the dropper's attacks and the
// helpers both use are in AttackTests.swift).
import Foundation
import MarsadClient
import MarsadProtocol
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Attacks: a hostile client", .serialized, .enabled(if: canSwitchUser, "needs root and setpriv to act as uid 65534"))
struct HostileClientAttackTests {
    /// Defect 5: 200 prefix terms are refused at once; a query that runs long is stopped
    /// at control.query_timeout_ms; `status` answers within 100 ms meanwhile.
    @Test func searchHasABudgetAndStatusNeverWaits() throws {
        let daemon = try RunningDaemon()
        try daemon.start(
            ["--config", try daemon.config("[control]\nquery_timeout_ms = 2000\n")],
            environment: ["MARSAD_FAULT_SLOW_QUERY": "بطيءجدا"])
        try daemon.drop("one.txt", article("واحد"))
        try daemon.waitForStatus("one article") { $0.articles == 1 }

        let started = Date()
        #expect(throws: ClientError.self) {
            let _: SearchResult = try daemon.client().call(.search, SearchParams(query: String(repeating: "ا* ", count: 200)))
        }
        #expect(Date().timeIntervalSince(started) < 2)

        let slowDone = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var slowError: ClientError?
        nonisolated(unsafe) var slowSeconds = 0.0
        let socket = daemon.socket
        DispatchQueue.global().async {
            let begun = Date()
            do throws(ClientError) {
                let _: SearchResult = try ControlClient(socketPath: socket, timeout: 20).call(.search, SearchParams(query: "بطيءجدا"))
            } catch {
                slowError = error
            }
            slowSeconds = Date().timeIntervalSince(begun)
            slowDone.signal()
        }
        usleep(300_000)
        var slowest = 0.0
        for _ in 0..<10 {
            let begun = Date()
            _ = try daemon.status()
            slowest = max(slowest, Date().timeIntervalSince(begun))
            usleep(50_000)
        }
        slowDone.wait()
        #expect(slowest < 0.1, "status took \(slowest) s behind a long query")
        guard case .rpc(let error)? = slowError else {
            Issue.record("the long query was not stopped: \(String(describing: slowError))")
            return
        }
        #expect(error.code == RPCError.timedOutCode)
        #expect(slowSeconds < 10)
        #expect(daemon.stop() == 0)
    }

    /// Defect 8: a peer whose process gains the admin group after it connected (as a pid
    /// reused by an admin's process would look in /proc) is judged as it connected.
    @Test func credentialsAreTakenAtConnect() throws {
        let daemon = try RunningDaemon()
        try daemon.start(["--config", try daemon.config("[control]\nadmin_group = \"users\"\nsocket_mode = \"0666\"\n")])
        chmod(daemon.dataDir.path, 0o755)
        let users = try #require(getgrnam("users")).pointee.gr_gid
        let script = """
            import json, os, socket, sys
            path, admin = sys.argv[1], int(sys.argv[2])
            os.setgroups([])
            os.setresgid(65534, 65534, 65534)
            os.setresuid(65534, 65534, 0)
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(path)
            # After connecting: the same pid now shows the admin group in /proc/PID/status.
            os.seteuid(0)
            os.setgroups([admin])
            os.seteuid(65534)
            s.sendall(b'{"jsonrpc":"2.0","id":1,"method":"ingest.pause"}\\n')
            print(s.makefile().readline().strip())
            """
        let (status, output) = try runPython(script, [daemon.socket, "\(users)"])
        #expect(status == 0, "\(output)")
        let answer = try jsonObject(output)
        let error = answer["error"] as? [String: Any]
        #expect(error?["code"] as? Int == RPCError.permissionDeniedCode, "\(output)")
        #expect(try daemon.status().state == "running")
        #expect(daemon.stop() == 0)
    }
}
