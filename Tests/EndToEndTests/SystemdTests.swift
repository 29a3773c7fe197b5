import Foundation
import MarsadClient
import MarsadProtocol
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What a service manager hears: an AF_UNIX datagram socket, given to marsadd as
/// NOTIFY_SOCKET, collecting every datagram with the time it arrived.
final class NotifyListener: @unchecked Sendable {
    let path: String
    private let fd: Int32
    private let lock = NSLock()
    private var received: [(at: Date, text: String)] = []
    private var thread: Thread?

    init(path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        let bound = withUnixAddress(path) { [fd] in bind(fd, $0, $1) }
        guard bound == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno)!) }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let thread = Thread { [weak self] in self?.receive() }
        self.thread = thread
        thread.start()
    }

    deinit {
        close(fd)
        unlink(path)
    }

    private func receive() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                let text = String(decoding: buffer[..<count], as: UTF8.self)
                lock.withLock { received.append((Date(), text)) }
            } else if count < 0 && errno != EAGAIN && errno != EINTR {
                return
            }
        }
    }

    var messages: [(at: Date, text: String)] { lock.withLock { received } }

    /// The datagrams that carry `assignment` (e.g. "READY=1") as one of their lines.
    func datagrams(with assignment: String) -> [(at: Date, text: String)] {
        messages.filter { $0.text.split(separator: "\n").contains { $0 == assignment || $0.hasPrefix(assignment) } }
    }

    func waitFor(_ assignment: String, count: Int = 1, timeout: Double = 20) throws {
        try waitUntil("\(count) datagram(s) with \(assignment); got: \(messages.map(\.text))", timeout: timeout) {
            datagrams(with: assignment).count >= count
        }
    }
}

func monotonicMicroseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
}

@Suite("What systemd hears from marsadd")
struct SystemdNotifyTests {
    @Test func readyStatusWatchdogReloadAndStoppingDatagrams() throws {
        let daemon = try RunningDaemon()
        let listener = try NotifyListener(path: daemon.dataDir.appendingPathComponent("notify.sock").path)
        let config = daemon.dataDir.appendingPathComponent("marsad.toml")
        try "[ingest]\nsettle_ms = 250\n".write(to: config, atomically: true, encoding: .utf8)
        try daemon.start(["--config", config.path], environment: ["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "400000"])

        // READY=1 comes once, with a STATUS, after the store exists and the socket answers.
        try listener.waitFor("READY=1")
        let ready = try #require(listener.datagrams(with: "READY=1").first)
        #expect(ready.text.contains("STATUS=running: 0 articles, queue 0"))
        #expect(listener.messages.first?.text.hasPrefix("STATUS=starting") == true, "\(listener.messages.map(\.text))")
        let beforeReady = listener.messages.prefix { $0.text != ready.text }
        #expect(beforeReady.contains { $0.text.hasPrefix("EXTEND_TIMEOUT_USEC=") }, "no EXTEND_TIMEOUT_USEC before opening the store")

        // STATUS follows the articles, at most every 2 s.
        for seed in try Seeds.all() { try daemon.drop(seed.name, seed.data) }
        try daemon.waitForStatus("5 articles") { $0.articles == 5 }
        try listener.waitFor("STATUS=running: 5 articles, queue 0, last ingest", timeout: 10)
        let statuses = listener.datagrams(with: "STATUS=running").filter { !$0.text.contains("READY=1") }
        for (earlier, later) in zip(statuses, statuses.dropFirst()) {
            #expect(later.at.timeIntervalSince(earlier.at) > 1.5, "STATUS= sent more often than every 2 s")
            #expect(later.text != earlier.text, "an unchanged STATUS= was sent again")
        }

        // WATCHDOG=1 at half the 400 ms interval, steadily.
        let pingsBefore = listener.datagrams(with: "WATCHDOG=1").count
        usleep(2_000_000)
        let pings = listener.datagrams(with: "WATCHDOG=1").count - pingsBefore
        #expect((6...14).contains(pings), "\(pings) WATCHDOG=1 in 2 s, expected about 10")

        // Reload by marsadctl: RELOADING=1 and MONOTONIC_USEC in one datagram, then READY=1.
        try "[ingest]\nsettle_ms = 500\n".write(to: config, atomically: true, encoding: .utf8)
        let reload = try daemon.marsadctl("reload")
        #expect(reload.status == 0, "\(reload.stderr)")
        #expect(reload.stdout.contains("ingest.settle_ms"))
        try listener.waitFor("RELOADING=1")
        let reloading = try #require(listener.datagrams(with: "RELOADING=1").first)
        let stamp = try #require(reloading.text.split(separator: "\n").first { $0.hasPrefix("MONOTONIC_USEC=") })
        let microseconds = try #require(UInt64(stamp.dropFirst("MONOTONIC_USEC=".count)))
        #expect(monotonicMicroseconds() - microseconds < 10_000_000, "MONOTONIC_USEC is not CLOCK_MONOTONIC now")
        try listener.waitFor("READY=1", count: 2)
        #expect(listener.datagrams(with: "READY=1")[1].at >= reloading.at)

        // SIGHUP does the same.
        kill(try #require(daemon.process).processIdentifier, SIGHUP)
        try listener.waitFor("RELOADING=1", count: 2)
        try listener.waitFor("READY=1", count: 3)

        // SIGTERM: STOPPING=1, then a clean exit.
        #expect(daemon.stop() == 0)
        try listener.waitFor("STOPPING=1")
    }

    @Test func aStuckPipelineStopsTheWatchdogPingsWhileTheSocketStillAnswers() throws {
        let daemon = try RunningDaemon()
        let listener = try NotifyListener(path: daemon.dataDir.appendingPathComponent("notify.sock").path)
        try daemon.start(environment: [
            "NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "300000",
            "MARSAD_FAULT_HANG_ON_FILE": "hang.txt",
        ])
        try listener.waitFor("WATCHDOG=1", count: 3)
        try daemon.drop("hang.txt", try Seeds.all()[0].data)
        try waitUntil("the ingest loop to hang") { daemon.log.contains("the ingest loop hangs now") }
        let hungAt = Date()
        usleep(1_500_000)
        let late = listener.datagrams(with: "WATCHDOG=1").filter { $0.at > hungAt.addingTimeInterval(0.2) }
        #expect(late.isEmpty, "\(late.count) WATCHDOG=1 sent while the pipeline was stuck")
        // Only the pipeline is stuck: a free-running timer would have hidden it.
        #expect(try daemon.status().state == "running")
    }

    @Test func anInvalidReloadIsRefusedAndTheOldConfigurationStays() throws {
        let daemon = try RunningDaemon()
        let listener = try NotifyListener(path: daemon.dataDir.appendingPathComponent("notify.sock").path)
        let config = daemon.dataDir.appendingPathComponent("marsad.toml")
        try "[ingest]\nmax_file_size = \"1 KiB\"\n".write(to: config, atomically: true, encoding: .utf8)
        try daemon.start(["--config", config.path], environment: ["NOTIFY_SOCKET": listener.path])
        try listener.waitFor("READY=1")
        try "[ingest]\nmax_file_size = \"a lot\"\n".write(to: config, atomically: true, encoding: .utf8)
        let refused = try daemon.marsadctl("reload")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("ingest.max_file_size"))
        try listener.waitFor("RELOADING=1")
        try listener.waitFor("READY=1", count: 2)  // systemd must leave the reloading state either way
        let status = try daemon.status()
        #expect(status.reloadError?.contains("ingest.max_file_size") == true)
        #expect(try daemon.marsadctl("status").stdout.contains("reload error"))
        #expect(daemon.log.contains("reload refused, the previous configuration stays"))
        // The 1 KiB limit still holds.
        try daemon.drop("big.txt", try Seeds.all()[0].data)
        try daemon.waitForStatus("the big file refused") { $0.failed == 1 }
        // A valid file clears the error.
        try "[ingest]\nmax_file_size = \"2 MiB\"\n".write(to: config, atomically: true, encoding: .utf8)
        #expect(try daemon.marsadctl("reload").status == 0)
        #expect(try daemon.status().reloadError == nil)
        #expect(try daemon.marsadctl("retry").status == 0)
        try daemon.waitForStatus("the big file stored") { $0.articles == 1 && $0.failed == 0 }
    }

    @Test func aStartFailureTellsSystemdTheErrnoAndWhy() throws {
        let daemon = try RunningDaemon()
        let listener = try NotifyListener(path: daemon.dataDir.appendingPathComponent("notify.sock").path)
        let config = daemon.dataDir.appendingPathComponent("bad.toml")
        try "[store]\ndurability = \"sometimes\"\n".write(to: config, atomically: true, encoding: .utf8)
        let process = try daemon.start(["--config", config.path], environment: ["NOTIFY_SOCKET": listener.path], waitReady: false)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        try listener.waitFor("ERRNO=\(EINVAL)")
        let datagram = try #require(listener.datagrams(with: "ERRNO=").first)
        #expect(datagram.text.contains("STATUS=failed: invalid configuration"))
        #expect(datagram.text.contains("store.durability"))
    }
}

@Suite("Socket activation")
struct SocketActivationTests {
    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-socket-activate"),
            "systemd-socket-activate is not installed (Debian package systemd)"))
    func marsadctlWorksThroughASocketPassedBySystemd() throws {
        let daemon = try RunningDaemon()
        let socket = daemon.dataDir.appendingPathComponent("activated.sock").path
        // Not Foundation's Process: systemd-socket-activate closes every inherited fd but the
        // listening socket, including the one Process watches for the child's exit, and
        // Process then blocks in wait4 for good. posix_spawn and waitpid instead.
        let activator = try RawProcess(
            "/usr/bin/systemd-socket-activate",
            [
                "-l", socket, "--fdname=control", "-E", "SWIFT_BACKTRACE",
                Binaries.marsadd, "--data-dir", daemon.dataDir.path, "--socket", socket,
            ],
            environment: ["SWIFT_BACKTRACE": "enable=no"], output: daemon.logFile.path)
        defer { activator.kill(SIGKILL) }
        try waitUntil("the activator to listen") { FileManager.default.fileExists(atPath: socket) }
        // marsadd starts on the first connection and serves it on the inherited socket.
        let status = try runMarsadctl(["--socket", socket, "status", "--json"])
        #expect(status.status == 0, "\(status.stderr)\n\(daemon.log)")
        // The first client may be answered while start-up still scans the inbox: `status`
        // says running only once the inbox is watched.
        #expect(["running", "starting"].contains(try jsonObject(status.stdout)["state"] as? String))
        #expect(daemon.log.contains("(from systemd)"))
        let seed = try Seeds.all()[0]
        try daemon.drop(seed.name, seed.data)
        try waitUntil("the article") {
            let answer: StatusResult = try ControlClient(socketPath: socket).call(.status)
            return answer.articles == 1
        }
        // Stopping leaves the socket to its owner: not unlinked.
        activator.kill(SIGTERM)
        #expect(activator.wait(timeout: 20) == 0)
        #expect(FileManager.default.fileExists(atPath: socket), "marsadd removed a socket it did not create")
    }
}

/// A child process started with posix_spawn and reaped with waitpid, for programs that
/// close file descriptors they did not open (which Foundation's Process cannot survive).
final class RawProcess {
    let pid: pid_t
    private var status: Int32?

    init(_ path: String, _ arguments: [String], environment: [String: String], output: String) throws {
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var child: pid_t = 0
        let rc = posix_spawn(&child, path, &actions, nil, argv, envp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc)!) }
        pid = child
    }

    func kill(_ signal: Int32) {
        guard status == nil else { return }
        Glibc.kill(pid, signal)
        if signal == SIGKILL { _ = wait(timeout: 10) }
    }

    /// The exit status (or -signal), or nil when it did not end in time.
    func wait(timeout: Double) -> Int32? {
        if let status { return status }
        let deadline = Date().addingTimeInterval(timeout)
        var raw: Int32 = 0
        while Date() < deadline {
            let rc = waitpid(pid, &raw, WNOHANG)
            if rc == pid {
                let signal = raw & 0x7F
                status = signal == 0 ? (raw >> 8) & 0xFF : -signal
                return status
            }
            usleep(10_000)
        }
        return nil
    }
}
