import ArgumentParser
import Foundation
import MarsadClient
import MarsadProtocol

/// Filters of `events` and `timeline`.
struct EventFilterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only incidents of this type: arrest, airstrike, raid, attack, explosion, assassination, clash, abduction, execution, foiled-plot, seizure.", valueName: "type"))
    var type: String?
    @Option(name: .long, help: ArgumentHelp("Only incidents in this place: an Arabic or English name, a p-code (SY09) or a country code (IQ).", valueName: "name"))
    var place: String?
    @Option(name: .long, help: ArgumentHelp("Only incidents with this actor as agent or target: an id (ISIS, SDF, SY-GOV) or a name (قسد).", valueName: "id"))
    var actor: String?
    @Option(name: .long, help: ArgumentHelp("Only incidents on or after this date.", valueName: "yyyy-mm-dd"))
    var since: String?
    @Option(name: .long, help: ArgumentHelp("Only incidents on or before this date.", valueName: "yyyy-mm-dd"))
    var until: String?

    func params(limit: Int? = nil, by: String? = nil) -> EventFilterParams {
        EventFilterParams(type: type, place: place, actor: actor, since: since, until: until, limit: limit, by: by)
    }
}

enum Describe {
    /// "arrest  SY09 دير الزور  SDF+COALITION -> ISIS  ×3".
    static func event(_ event: ExportRecord.Event) -> [String] {
        let place = [event.admin1 ?? event.country, event.places.first].compactMap { $0 }.joined(separator: " ")
        var who = event.actors.joined(separator: "+")
        if let target = event.target { who += (who.isEmpty ? "" : " ") + "-> " + target }
        var count = ""
        if let value = event.count { count = (event.countQualifier.map { qualifierSign[$0] ?? $0 + " " } ?? "") + String(value) }
        let date = event.date ?? event.relativeDate.map { "(\($0))" } ?? "-"
        return [date, event.type, place.isEmpty ? "-" : place, who.isEmpty ? "-" : who, count.isEmpty ? "-" : count]
    }

    static let qualifierSign = ["more-than": ">", "at-least": "≥", "about": "~", "less-than": "<"]
}

struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List incidents (arrests, airstrikes, attacks…) with the sentence that says so.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var filter: EventFilterOptions
    @Option(name: .shortAndLong, help: "At most this many incidents (1 to 1000).")
    var limit = 50

    func run() throws {
        let result: EventsResult = try connection.withClient { try $0.call(.eventsList, filter.params(limit: limit)) }
        if output.json { return printJSON(result) }
        if result.events.isEmpty { return print("no incident matches") }
        // One line of facts per incident, aligned, then its evidence under it.
        let rows = result.events.map { ["#\($0.articleId)"] + Describe.event($0.event) }
        let lines = Table.render(header: ["ARTICLE", "DATE", "TYPE", "WHERE", "WHO", "COUNT"], rows: rows).split(separator: "\n", omittingEmptySubsequences: false)
        print(lines[0])
        for (item, line) in zip(result.events, lines.dropFirst()) {
            print(line)
            print("    «" + Format.truncate(item.event.evidence, width: 110) + "»")
        }
    }
}

struct Places: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Count the places the articles name: by governorate, by country and by locality.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .shortAndLong, help: "At most this many localities.")
    var limit = 30

    func run() throws {
        let result: PlacesResult = try connection.withClient { try $0.call(.placesList) }
        if output.json { return printJSON(result) }
        print("governorates:")
        print(Table.render(header: ["PCODE", "NAME", "ARTICLES", "MENTIONS", "INCIDENTS"], rows: result.governorates.map {
            [$0.key, [$0.nameAr, $0.nameEn].compactMap { $0 }.joined(separator: " / "), String($0.articles), String($0.mentions), String($0.incidents)]
        }))
        print("\ncountries:")
        print(Table.render(header: ["ISO", "NAME", "ARTICLES", "MENTIONS", "INCIDENTS"], rows: result.countries.map {
            [$0.key, [$0.nameAr, $0.nameEn].compactMap { $0 }.joined(separator: " / ").nonEmpty ?? "-", String($0.articles), String($0.mentions), String($0.incidents)]
        }))
        print("\nlocalities:")
        print(Table.render(header: ["NAME", "KIND", "IN", "ARTICLES", "MENTIONS", "INCIDENTS"], rows: result.localities.prefix(limit).map {
            [[$0.nameAr, $0.nameEn].compactMap { $0 }.joined(separator: " / "), $0.kind ?? "-", $0.admin1 ?? $0.country ?? "-",
             String($0.articles), String($0.mentions), String($0.incidents)]
        }))
    }
}

struct Actors: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Count the actors the articles name, and the incidents each is agent or target of.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let result: ActorsResult = try connection.withClient { try $0.call(.actorsList) }
        if output.json { return printJSON(result) }
        if result.actors.isEmpty { return print("no actor named yet") }
        print(Table.render(header: ["ID", "NAME", "ARTICLES", "MENTIONS", "INCIDENTS"], rows: result.actors.map {
            [$0.key, $0.nameEn ?? "-", String($0.articles), String($0.mentions), String($0.incidents)]
        }))
    }
}

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "timeline", abstract: "Count incidents per day or week, with a sparkline.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var filter: EventFilterOptions
    @Option(name: .long, help: "day or week.")
    var by = "day"

    func run() throws {
        let result: TimelineResult = try connection.withClient { try $0.call(.timeline, filter.params(by: by)) }
        if output.json { return printJSON(result) }
        var undated = result.undated.map { $0 > 0 ? "; \($0) more without a known date (undated articles)" : "" } ?? ""
        if let earlier = result.earlier, earlier > 0 { undated += "; \(earlier) older, before the first \(result.by) shown (use --until)" }
        if result.buckets.isEmpty { return print("no dated incident matches" + undated) }
        let counts = result.buckets.map(\.count)
        print("\(result.buckets.first!.start) \(Sparkline.render(counts)) \(result.buckets.last!.start)  (\(counts.reduce(0, +)) incidents, per \(result.by)\(undated))")
        print(Table.render(header: [result.by == "week" ? "WEEK OF" : "DAY", "INCIDENTS", ""], rows: result.buckets.map {
            [$0.start, String($0.count), String(repeating: "█", count: min($0.count, 60))]
        }))
    }
}

enum Sparkline {
    static let bars = Array("▁▂▃▄▅▆▇█")

    /// One character per value, scaled to the largest: "▁▃█▁".
    static func render(_ values: [Int]) -> String {
        guard let top = values.max(), top > 0 else { return String(repeating: bars[0], count: values.count) }
        return String(values.map { bars[min(bars.count - 1, $0 * (bars.count - 1) / top)] })
    }
}

/// CSV and GeoJSON output of `export`, written as batches arrive.
final class ExportWriter {
    let format: Export.Format
    private var first = true

    init(format: Export.Format) { self.format = format }

    func out(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

    func begin() {
        switch format {
        case .csv: out("article_id,file,published,type,admin1,country,places,actors,target,count,count_qualifier,date,date_precision,confidence,lat,lon,evidence\r\n")
        case .geojson: out("{\"type\":\"FeatureCollection\",\"features\":[\n")
        case .jsonl: break
        }
    }

    func write(_ record: ExportRecord) {
        for event in record.events {
            switch format {
            case .csv:
                let fields: [String] = [String(record.id), record.file, record.published ?? "", event.type, event.admin1 ?? "", event.country ?? "",
                                        event.places.joined(separator: "|"), event.actors.joined(separator: " "), event.target ?? "",
                                        event.count.map(String.init) ?? "", event.countQualifier ?? "", event.date ?? "", event.datePrecision ?? "",
                                        String(format: "%.2f", event.confidence), event.lat.map { String($0) } ?? "", event.lon.map { String($0) } ?? "",
                                        event.evidence]
                out(fields.map(Self.csvField).joined(separator: ",") + "\r\n")
            case .geojson:
                guard let lat = event.lat, let lon = event.lon else { continue }
                var properties = [String: Any]()
                properties["article_id"] = record.id
                properties["file"] = record.file
                properties["type"] = event.type
                properties["admin1"] = event.admin1 ?? NSNull()
                properties["country"] = event.country ?? NSNull()
                properties["places"] = event.places
                properties["actors"] = event.actors
                properties["target"] = event.target ?? NSNull()
                properties["count"] = event.count ?? NSNull()
                properties["date"] = event.date ?? NSNull()
                properties["confidence"] = event.confidence
                properties["evidence"] = event.evidence
                let feature: [String: Any] = ["type": "Feature", "geometry": ["type": "Point", "coordinates": [lon, lat]], "properties": properties]
                guard let data = try? JSONSerialization.data(withJSONObject: feature, options: [.sortedKeys, .withoutEscapingSlashes]) else { continue }
                out((first ? "" : ",\n") + String(decoding: data, as: UTF8.self))
                first = false
            case .jsonl:
                break
            }
        }
    }

    func end() {
        if format == .geojson { out("\n]}\n") }
    }

    /// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
    static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
