// marsadctl: the command-line client of marsadd. Each command is one or a few JSON-RPC
// calls over the control socket; output is a table for people or JSON (--json) for scripts.
import ArgumentParser
import Foundation
import MarsadClient
import MarsadModel
import MarsadProtocol

@main
enum Main {
    static func main() {
        Marsadctl.main(GlobalOptions.movedAfterSubcommand(Array(CommandLine.arguments.dropFirst())))
    }
}

/// `marsadctl --data-dir var status` reads better than `marsadctl status --data-dir var`,
/// and both must work. swift-argument-parser gives options to the command that declares
/// them, so the connection and output options written before the subcommand are moved
/// behind it.
enum GlobalOptions {
    static let withValue: Set<String> = ["--socket", "--data-dir"]
    static let flags: Set<String> = ["--json"]
    static let groups: Set<String> = ["incidents"]

    static func movedAfterSubcommand(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            if withValue.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else if withValue.contains(name) || flags.contains(argument) {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        guard index < arguments.count, !leading.isEmpty else { return arguments }
        // A group of commands (`incidents split`): behind the command, not the group.
        if groups.contains(arguments[index]), index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-") {
            return [arguments[index], arguments[index + 1]] + leading + arguments[(index + 2)...]
        }
        return [arguments[index]] + leading + arguments[(index + 1)...]
    }
}

struct Marsadctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marsadctl",
        abstract: "Ask marsadd what it knows, and tell it what to do.",
        discussion: """
            The socket is, in order: --socket PATH, --data-dir DIR (DIR/control.sock),
            $MARSAD_SOCKET, /run/marsad/control.sock.
            Exit status: 0 done; 1 marsadd answered with an error; 69 marsadd not reachable.
            """,
        version: marsadVersion,
        subcommands: [
            Status.self, List.self, Show.self, Search.self, Events.self, ShowIncident.self, Incidents.self, Stories.self, Places.self, Actors.self,
            TimelineCommand.self,
            Export.self, Failed.self, Retry.self,
            Pause.self, Resume.self, Rescan.self, Reload.self, Reprocess.self, Version.self,
        ])
}

struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The control socket of marsadd.", valueName: "path"))
    var socket: String?

    @Option(name: .long, help: ArgumentHelp("The data folder marsadd was started with (uses DIR/control.sock).", valueName: "dir"))
    var dataDir: String?

    var socketPath: String {
        if let socket { return socket }
        if let dataDir { return (dataDir as NSString).appendingPathComponent("control.sock") }
        if let fromEnvironment = ProcessInfo.processInfo.environment["MARSAD_SOCKET"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "/run/marsad/control.sock"
    }

    /// Runs `body` with a connected client; turns every failure into one line and an exit code.
    func withClient<T>(_ body: (ControlClient) throws -> T) throws -> T {
        let client = ControlClient(socketPath: socketPath)
        do {
            return try body(client)
        } catch let error as ClientError {
            printError("marsadctl: \(error)")
            switch error {
            case .unreachable: throw ExitCode(69)
            default: throw ExitCode(1)
            }
        }
    }
}

/// A command that makes one call and prints its answer: JSON with --json, else for people.
protocol CallCommand: ParsableCommand {
    associatedtype Answer: Encodable
    var connection: ConnectionOptions { get }
    var output: OutputOptions { get }
    /// Asks marsadd.
    func call(_ client: ControlClient) throws -> Answer
    /// Prints the answer for people; throws `ExitCode(1)` when part of what was asked failed.
    func show(_ answer: Answer) throws
}

extension CallCommand {
    func run() throws {
        let answer = try connection.withClient { try call($0) }
        if output.json { return printJSON(answer) }
        try show(answer)
    }
}

struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the answer as JSON, for scripts.")
    var json = false
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Prints a value as one line of JSON with the protocol's snake_case keys.
func printJSON<T: Encodable>(_ value: T) {
    let encoder = WireJSON.encoder()
    encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
    if let data = try? encoder.encode(value) {
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
