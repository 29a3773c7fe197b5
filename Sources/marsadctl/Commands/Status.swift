import ArgumentParser
import Foundation
import MarsadClient
import MarsadProtocol
import MarsadText

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show whether marsadd runs, and its counts.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let status: StatusResult = try connection.withClient { try $0.call(.status) }
        if output.json { return printJSON(status) }
        var rows: [(String, String)] = [
            ("state", status.state),
            ("articles", String(status.articles)),
            ("queue", String(status.queue)),
            ("failed", String(status.failed)),
            ("duplicates", String(status.duplicates)),
            ("uptime", Format.duration(status.uptimeS)),
            ("last ingest", status.lastIngestAt.map(Format.time) ?? "-"),
            ("inbox", status.inbox),
            ("database", status.database),
            ("version", "\(status.version) (pid \(status.pid))"),
            ("config", (status.configFile ?? "- (flags only)") + (status.lastReloadAt.map { ", reloaded \(Format.time($0))" } ?? "")),
            ("last error", status.lastError ?? "-"),
        ]
        rows += status.problems.map { ("problem", $0) }
        if let reloadError = status.reloadError { rows.append(("reload error", reloadError)) }
        print(Table.keyValue(rows))
    }
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the versions of marsadctl and of the running marsadd.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let result: VersionResult = try connection.withClient { try $0.call(.version) }
        if output.json { return printJSON(result) }
        print("marsadctl \(marsadVersion)\nmarsadd   \(result.version) (protocol \(result.protocol), schema \(result.schema))")
    }
}
