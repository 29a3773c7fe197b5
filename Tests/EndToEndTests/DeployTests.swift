import Foundation
import Testing

/// Runs a program to its end and returns (status, stdout + stderr).
func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite("deploy/: the units, checked offline")
struct DeployTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    static var hasSystemdAnalyze: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze") }

    /// Stages an install into a temporary DESTDIR, then copies the units with ExecStart
    /// pointing at the staged binaries, as `systemd-analyze verify` checks that they exist.
    func stagedUnits() throws -> (folder: URL, stage: URL) {
        let stage = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-stage-\(UUID().uuidString)")
        let (status, output) = try run(
            "/bin/bash", [Self.repository.appendingPathComponent("deploy/install.sh").path],
            environment: ["DESTDIR": stage.path, "PREFIX": "/usr/local", "BINDIR": Binaries.folder.path])
        #expect(status == 0, "install.sh: \(output)")
        let units = stage.appendingPathComponent("verify")
        try FileManager.default.createDirectory(at: units, withIntermediateDirectories: true)
        for unit in ["marsad.service", "marsad.socket"] {
            let text = try String(contentsOf: stage.appendingPathComponent("etc/systemd/system/\(unit)"), encoding: .utf8)
            #expect(!text.contains("@BINDIR@") && !text.contains("@DOCDIR@"), "\(unit) was not filled in")
            try text.replacingOccurrences(of: "/usr/local/bin", with: stage.path + "/usr/local/bin")
                .write(to: units.appendingPathComponent(unit), atomically: true, encoding: .utf8)
        }
        return (units, stage)
    }

    @Test func installStagesEveryFileIntoDestdir() throws {
        let (_, stage) = try stagedUnits()
        defer { try? FileManager.default.removeItem(at: stage) }
        for path in [
            "usr/local/bin/marsadd", "usr/local/bin/marsadctl", "etc/systemd/system/marsad.service",
            "etc/systemd/system/marsad.socket", "etc/sysusers.d/marsad.conf", "etc/tmpfiles.d/marsad.conf",
            "etc/marsad/marsad.toml", "usr/local/share/doc/marsad/README.md",
        ] {
            #expect(FileManager.default.fileExists(atPath: stage.appendingPathComponent(path).path), "\(path) not installed")
        }
        // The installed config is valid as it stands.
        let check = try run(
            stage.appendingPathComponent("usr/local/bin/marsadd").path,
            ["--config", stage.appendingPathComponent("etc/marsad/marsad.toml").path, "--check-config"])
        #expect(check.0 == 0, "\(check.1)")
        #expect(check.1.contains("/var/lib/marsad/inbox"))
        #expect(check.1.contains("/run/marsad/control.sock"))
    }

    @Test(.enabled(if: hasSystemdAnalyze, "systemd-analyze is not installed (Debian package systemd)"))
    func systemdAnalyzeVerifyPrintsNothing() throws {
        let (units, stage) = try stagedUnits()
        defer { try? FileManager.default.removeItem(at: stage) }
        let (status, output) = try run("/usr/bin/systemd-analyze", ["verify", "--man=no", "marsad.service", "marsad.socket"], in: units)
        #expect(status == 0)
        #expect(output.isEmpty, "systemd-analyze verify said:\n\(output)")
    }

    @Test(.enabled(if: hasSystemdAnalyze, "systemd-analyze is not installed (Debian package systemd)"))
    func theServiceExposureIsAtMostOne() throws {
        let (units, stage) = try stagedUnits()
        defer { try? FileManager.default.removeItem(at: stage) }
        // --threshold is the exposure times ten: fail above 1.0.
        let (status, output) = try run("/usr/bin/systemd-analyze", ["security", "--offline=true", "--threshold=10", "marsad.service"], in: units)
        let summary = output.split(separator: "\n").last { $0.contains("Overall exposure level") }.map(String.init) ?? output
        print(summary)
        #expect(status == 0, "\(summary)")
        let score = summary.split(separator: " ").compactMap { Double($0) }.first
        #expect(score.map { $0 <= 1.0 } == true, "\(summary)")
    }
}
