import ArgumentParser
import Foundation
import MarsadClient
import MarsadModel
import MarsadProtocol

struct TimelineCommand: CallCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline", abstract: "Count incidents per day or week, with a sparkline: by default the last 12 weeks that have incidents.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var filter: EventFilterOptions
    @Option(name: .long, help: "day or week.")
    var by = "day"

    func call(_ client: ControlClient) throws -> TimelineResult {
        try client.call(.timeline, filter.params(by: by))
    }

    func show(_ result: TimelineResult) throws {
        var undated = result.undated.map { $0 > 0 ? "; \($0) more without a known date (undated articles)" : "" } ?? ""
        if let earlier = result.earlier, earlier > 0 { undated += "; \(earlier) older, before the first \(result.by) shown (use --since)" }
        if result.buckets.isEmpty { return print("no dated incident matches" + undated) }
        let counts = result.buckets.map(\.count)
        print(
            "\(result.buckets.first!.start) \(Sparkline.render(counts)) \(result.buckets.last!.start)  (\(counts.reduce(0, +)) incidents, per \(result.by)\(undated))"
        )
        print(
            Table.render(
                header: [result.by == "week" ? "WEEK OF" : "DAY", "INCIDENTS", ""],
                rows: result.buckets.map {
                    [$0.start, String($0.count), String(repeating: "█", count: min($0.count, 60))]
                }))
    }
}
