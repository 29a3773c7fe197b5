// marsadd: the daemon's entry point. Parses flags, loads the config, sets up logging and
// runs the daemon. Only this file knows about the process: exit codes and signals.
import ArgumentParser
import Foundation
import Logging
import MarsadDaemon
import MarsadProtocol

#if canImport(Glibc)
    import Glibc
#endif

@main
struct Marsadd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marsadd",
        abstract: "Watches a drop folder for Arabic news articles and keeps them in a searchable store.",
        discussion: """
            With --data-dir DIR alone, everything lives under DIR: inbox/, archive/, failed/,
            processing/, marsad.db and control.sock, created when missing. With --config FILE
            the file says where things are (see config/marsad.toml); flags win over the file.
            Talk to the running daemon with marsadctl.
            """,
        version: marsadVersion)

    @Option(name: .long, help: ArgumentHelp("Read the configuration from this TOML file.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Keep everything under this folder (created when missing).", valueName: "dir"))
    var dataDir: String?

    @Option(name: .long, help: ArgumentHelp("Watch this folder instead of <data-dir>/inbox.", valueName: "dir"))
    var inbox: String?

    @Option(name: .long, help: ArgumentHelp("Use this database file.", valueName: "file"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp("Listen on this Unix socket.", valueName: "path"))
    var socket: String?

    @Option(name: .long, help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    var logLevel: String?

    @Flag(name: .long, help: "Start with ingest paused (marsadctl resume starts it).")
    var paused = false

    @Flag(name: .long, help: "Check the configuration, print it and exit.")
    var checkConfig = false

    func run() async throws {
        let overrides = ConfigOverrides(
            dataDir: dataDir, inbox: inbox, database: database, socket: socket,
            logLevel: logLevel, startPaused: paused ? true : nil)
        let settings: DaemonConfig
        do {
            settings = try ConfigLoader.load(path: config, overrides: overrides)
        } catch {
            fail("invalid configuration: \(error)", errno: EINVAL)
        }
        if checkConfig {
            let width = settings.settings.map(\.key.count).max() ?? 0
            for (key, value) in settings.settings { print(key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value) }
            return
        }

        // SIGPIPE: a client that hangs up must not end the daemon. SIGIO: a lease break is
        // harmless to us (leases are held for microseconds), and its default action kills.
        signal(SIGPIPE, SIG_IGN)
        signal(SIGIO, SIG_IGN)
        // SIGHUP means reload. Until the reload service traps it, a SIGHUP must not take its
        // default action (ending the process); Dispatch's signal source works on it ignored.
        signal(SIGHUP, SIG_IGN)
        // Under systemd, structured entries go to the journal; otherwise plain stderr lines.
        let level = LogLevelSetting(settings.logLevel)
        let toJournal = Systemd.stderrIsJournal
        LoggingSystem.bootstrap { label -> any LogHandler in
            toJournal ? JournalLogHandler(label: label, level: level) : StderrLogHandler(label: label, level: level)
        }
        let logger = Logger(label: "marsadd")
        do {
            try await Daemon.run(config: settings, configPath: config, overrides: overrides, logLevel: level, logger: logger)
        } catch let error as StartupError {
            fail(error.message, errno: error.errno ?? EIO)
        } catch {
            fail("\(error)", errno: EIO)
        }
    }

    private func fail(_ message: String, errno: Int32) -> Never {
        FileHandle.standardError.write(Data("marsadd: \(message)\n".utf8))
        Systemd.notify("STATUS=failed: \(message)\nERRNO=\(errno)")
        Foundation.exit(1)
    }
}
