import ArgumentParser
import Foundation
import MarsadClient
import MarsadModel
import MarsadProtocol

struct Events: CallCommand {
    static let configuration = CommandConfiguration(
        abstract: "List incidents (arrests, airstrikes, attacks…), newest first, with their figures and the sentence that says so.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var filter: EventFilterOptions
    @Option(name: .shortAndLong, help: "At most this many incidents (1 to 1000).")
    var limit = 50

    func call(_ client: ControlClient) throws -> EventsResult {
        try client.call(.eventsList, filter.params(limit: limit))
    }

    func show(_ result: EventsResult) throws {
        if result.events.isEmpty { return print("no incident matches") }
        // One line of facts per incident, aligned, then its evidence under it.
        let rows = result.events.map { [String($0.id), "#\($0.articleId)"] + Describe.event($0.event) }
        let lines = Table.render(header: ["ID", "ARTICLE", "DATE", "TYPE", "WHERE", "WHO", "FIGURES"], rows: rows).split(
            separator: "\n", omittingEmptySubsequences: false)
        print(lines[0])
        for (item, line) in zip(result.events, lines.dropFirst()) {
            print(line)
            print("    «" + Format.truncate(item.event.evidence, width: 110) + "»")
        }
    }
}
