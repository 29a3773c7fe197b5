import ArgumentParser
import Foundation
import MarsadClient
import MarsadModel
import MarsadProtocol

/// `incidents split` and `incidents join`: an analyst corrects merging. Each changes
/// state (root, marsadd's user or the admin group), applies at once, and is kept: merging
/// reads it again at every relink and after `reprocess --all`.
struct Incidents: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct merging by hand: split reports out of an incident, or join incidents that are one.",
        subcommands: [Split.self, Join.self])

    struct Split: CallCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move reports out of an incident into one of their own; they stay apart from its other reports from now on.",
            discussion: "A report is ARTICLE/POSITION, as `marsadctl events ID` lists it (\"#12/0\").")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The incident.")
        var id: Int64
        @Argument(help: "The reports that leave it: ARTICLE/POSITION …")
        var reports: [String]

        func call(_ client: ControlClient) throws -> IncidentDecisionResult {
            try client.call(.incidentsSplit, SplitParams(id: id, reports: reports))
        }
        func show(_ result: IncidentDecisionResult) throws {
            print("\(reports.count) report\(reports.count == 1 ? "" : "s") of incident \(id) are now incident \(result.incident)")
        }
    }

    struct Join: CallCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make incidents one; they stay one from now on. The incident whose first report is earliest keeps its id.")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Two incidents or more.")
        var ids: [Int64]

        func validate() throws {
            guard Set(ids).count >= 2 else { throw ValidationError("name two incidents or more") }
        }
        func call(_ client: ControlClient) throws -> IncidentDecisionResult { try client.call(.incidentsJoin, JoinParams(ids: ids)) }
        func show(_ result: IncidentDecisionResult) throws {
            print("incidents \(ids.map(String.init).joined(separator: ", ")) are now incident \(result.incident)")
        }
    }
}
