import ArgumentParser
import Foundation
import MarsadClient
import MarsadModel
import MarsadProtocol
import MarsadText

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every article to standard output.",
        discussion: """
            jsonl: one article per line, the stable export contract (docs/PROTOCOL.md).
            csv: one incident per row (article, type, place, actors, count, date, evidence).
            geojson: the incidents as points of their most specific place, for any map tool.
            acled: one incident per row in ACLED's columns (docs/EXPORT.md gives the mapping).
            With --incidents: one line (jsonl), row (csv, acled) or point (geojson) per incident as its
            reports make it, with every report (article, sentence, that article's own figures).
            """)
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, csv, geojson, acled
    }
    @OptionGroup var connection: ConnectionOptions
    @Option(name: .long, help: "The output format.")
    var format: Format = .jsonl
    @Flag(name: .long, help: "Incidents as their reports make them, not articles.")
    var incidents = false

    func run() throws {
        if incidents { return try runIncidents() }
        let encoder = WireJSON.encoder()
        var after: Int64 = 0
        let writer = ExportWriter(format: format)
        writer.begin()
        try connection.withClient { client in
            while true {
                let batch: ExportResult = try client.call(.export, ExportParams(afterId: after, limit: 200))
                for record in batch.articles {
                    if format == .jsonl {
                        if let line = try? encoder.encode(record) { FileHandle.standardOutput.write(line + Data("\n".utf8)) }
                    } else {
                        writer.write(record)
                    }
                }
                guard let next = batch.nextAfterId else { break }
                after = next
            }
        }
        writer.end()
    }

    func runIncidents() throws {
        let writer = IncidentExportWriter(format: format)
        writer.begin()
        var after: Int64 = 0
        try connection.withClient { client in
            while true {
                let batch: IncidentsExportResult = try client.call(.incidentsExport, IncidentsExportParams(afterId: after, limit: 100))
                for record in batch.incidents { writer.write(record) }
                guard let next = batch.nextAfterId else { break }
                after = next
            }
        }
        writer.end()
    }
}
