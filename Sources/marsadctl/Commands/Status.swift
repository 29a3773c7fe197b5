import ArgumentParser
import Foundation
import MarsadClient
import MarsadModel
import MarsadProtocol
import MarsadText

struct Status: CallCommand {
    static let configuration = CommandConfiguration(abstract: "Show whether marsadd runs, and its counts.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func call(_ client: ControlClient) throws -> StatusResult {
        try client.call(.status)
    }

    func show(_ status: StatusResult) throws {
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

struct Version: CallCommand {
    static let configuration = CommandConfiguration(abstract: "Show the versions of marsadctl and of the running marsadd.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func call(_ client: ControlClient) throws -> VersionResult {
        try client.call(.version)
    }

    func show(_ result: VersionResult) throws {
        print("marsadctl \(marsadVersion)\nmarsadd   \(result.version) (protocol \(result.protocol), schema \(result.schema))")
    }
}
