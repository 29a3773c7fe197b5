// Runs the real marsadd and marsadctl binaries on a temporary data folder, talks to the
// real socket, and looks at the real files. Tests wait on the daemon's own state (polled
// over the socket), never on fixed sleeps.
import Foundation
import MarsadClient
import MarsadProtocol
import Testing

#if canImport(Glibc)
    import Glibc
#endif

enum Binaries {
    /// The folder holding marsadd and marsadctl: beside the test bundle, or $MARSAD_BIN_DIR.
    static let folder: URL = {
        if let fromEnvironment = ProcessInfo.processInfo.environment["MARSAD_BIN_DIR"] {
            return URL(fileURLWithPath: fromEnvironment)
        }
        var candidate = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<4 {
            candidate = candidate.deletingLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("marsadd").path) { return candidate }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug")
    }()

    static var marsadd: String { folder.appendingPathComponent("marsadd").path }
    static var marsadctl: String { folder.appendingPathComponent("marsadctl").path }
}

struct TimedOut: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}

/// Polls `condition` every 20 ms until it holds or `timeout` seconds pass.
func waitUntil(_ what: String, timeout: Double = 30, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if (try? condition()) == true { return }
        usleep(20_000)
    }
    if try condition() { return }
    throw TimedOut(what: what)
}

/// The output of one marsadctl run.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// A temporary data folder with a marsadd running on it.
final class RunningDaemon {
    let dataDir: URL
    var inbox: URL { dataDir.appendingPathComponent("inbox") }
    var archive: URL { dataDir.appendingPathComponent("archive") }
    var failed: URL { dataDir.appendingPathComponent("failed") }
    var processing: URL { dataDir.appendingPathComponent("processing") }
    var socket: String { dataDir.appendingPathComponent("control.sock").path }
    var logFile: URL { dataDir.appendingPathComponent("marsadd.log") }
    private(set) var process: Process?
    private var ownsFolder: Bool

    /// A new empty data folder (not started).
    init() throws {
        var template = Array("/tmp/marsad-e2e-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        dataDir = URL(fileURLWithPath: String(cString: made))
        ownsFolder = true
    }

    /// A data folder at `dataDir` (made here; removed at the end).
    init(dataDir: URL) throws {
        try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
        self.dataDir = dataDir
        ownsFolder = true
    }

    deinit {
        if let process, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        if ownsFolder { try? FileManager.default.removeItem(at: dataDir) }
    }

    /// Starts marsadd on the data folder and waits until it answers `status`. With
    /// `asUser`, marsadd runs under that uid and gid (through setpriv; needs root), and the
    /// data folder is handed to that user first.
    @discardableResult
    func start(
        _ extraArguments: [String] = [], environment: [String: String] = [:], waitReady: Bool = true,
        asUser uid: uid_t? = nil
    ) throws -> Process {
        let process = Process()
        let arguments = ["--data-dir", dataDir.path, "--log-level", "debug"] + extraArguments
        if let uid {
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
            for path in [dataDir, inbox] { chown(path.path, uid, uid) }
        }
        process.configure(running: Binaries.marsadd, arguments, asUser: uid)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NOTIFY_SOCKET")
        env["SWIFT_BACKTRACE"] = "enable=no"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if !FileManager.default.fileExists(atPath: logFile.path) {
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        }
        let log = try FileHandle(forWritingTo: logFile)
        log.seekToEndOfFile()
        process.standardError = log
        process.standardOutput = log
        try process.run()
        self.process = process
        if waitReady {
            // Answering is not enough: start-up's recovery runs behind a live socket.
            try waitUntil("marsadd to answer on \(socket), started", timeout: 30) {
                guard process.isRunning else { throw DaemonExited(log: self.log) }
                return (try? status()).map { $0.state != "starting" } ?? false
            }
        }
        return process
    }

    struct DaemonExited: Error, CustomStringConvertible {
        let log: String
        var description: String { "marsadd exited early; its log:\n\(log)" }
    }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Kills the daemon with SIGKILL, as a crash would.
    func crash() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Stops the daemon with SIGTERM and waits for it, 20 s at most; then kills it and
    /// returns -1, so that a hung shutdown fails the test instead of hanging it.
    func stop() -> Int32 {
        guard let process else { return -1 }
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(20)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning {
                crash()
                return -1
            }
        }
        return process.terminationStatus
    }

    func client() -> ControlClient { ControlClient(socketPath: socket, timeout: 20) }

    func status() throws -> StatusResult { try client().call(.status) }

    /// Waits until the daemon has nothing queued and `condition` holds for its status.
    func waitForStatus(_ what: String, timeout: Double = 30, _ condition: (StatusResult) -> Bool) throws {
        try waitUntil(what, timeout: timeout) {
            let current = try status()
            return current.queue == 0 && condition(current)
        }
    }

    /// Writes `data` as `.NAME.tmp` in the inbox, then renames it to NAME: the safe drop.
    func drop(_ name: String, _ data: Data) throws {
        let target = inbox.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tmp")
        try data.write(to: temporary)
        guard rename(temporary.path, target.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno)!) }
    }

    /// Runs the real marsadctl with `--data-dir` first, as a user types it.
    func marsadctl(_ arguments: String...) throws -> CommandResult {
        try marsadctl(arguments)
    }

    func marsadctl(_ arguments: [String]) throws -> CommandResult {
        try runMarsadctl(["--data-dir", dataDir.path] + arguments)
    }

    /// Every regular file below a folder, as paths relative to it.
    func files(in folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var found: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue,
                (info.st_mode & S_IFMT) == S_IFDIR
            {
                continue
            }
            found.append(path)
        }
        return found.sorted()
    }
}

extension Process {
    /// Sets what to run: `executable` with `arguments`, under another uid and gid (through
    /// setpriv, with no supplementary groups) when `uid` is given.
    func configure(running executable: String, _ arguments: [String], asUser uid: uid_t?) {
        if let uid {
            executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            self.arguments = ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", "--", executable] + arguments
        } else {
            executableURL = URL(fileURLWithPath: executable)
            self.arguments = arguments
        }
    }
}

/// The uid tests run other processes as, to see what a user without rights sees.
let nobody: uid_t = 65534

/// Whether this run can start processes as another user (root, with setpriv).
var canSwitchUser: Bool { geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") }

func runMarsadctl(_ arguments: [String], environment: [String: String] = [:], asUser uid: uid_t? = nil) throws -> CommandResult {
    let process = Process()
    process.configure(running: Binaries.marsadctl, arguments, asUser: uid)
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // Read both pipes to the end before waiting, so a large output never blocks the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var errorData = Data()
    group.enter()
    DispatchQueue.global().async {
        errorData = stderr.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
        stderr: String(decoding: errorData, as: UTF8.self))
}

/// Calls `body` with the sockaddr_un of a socket path, for bind and connect.
func withUnixAddress<T>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        let bytes = Array(path.utf8)
        raw.copyBytes(from: bytes)
        raw[bytes.count] = 0
    }
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
}

/// The sample articles shipped in seeds/.
enum Seeds {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../seeds").standardized

    static func all() throws -> [(name: String, data: Data)] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted().map {
            ($0, try Data(contentsOf: folder.appendingPathComponent($0)))
        }
    }
}

func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text.prefix(300))")
}
