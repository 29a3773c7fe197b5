import Foundation
import MarsadModel
import MarsadProtocol

/// `export --incidents`: one line or row per incident as its reports make it.
final class IncidentExportWriter {
    let format: Export.Format
    private let features = GeoJSONWriter()
    private let encoder = WireJSON.encoder()

    init(format: Export.Format) { self.format = format }

    func out(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

    static let csvColumns = [
        "incident_id", "date", "type", "admin1", "country", "division", "places", "actors", "target", "killed", "injured", "captured",
        "kidnapped", "articles", "outlets", "first_reported", "last_reported", "lat", "lon", "geo_precision", "reports",
    ]

    func begin() {
        switch format {
        case .csv: out(Self.csvColumns.joined(separator: ",") + "\r\n")
        case .acled: out(ACLED.columns.joined(separator: ",") + "\r\n")
        case .geojson: features.begin()
        case .jsonl: break
        }
    }

    func write(_ record: IncidentExportRecord) {
        let incident = record.incident
        switch format {
        case .jsonl:
            if let line = try? encoder.encode(record) { FileHandle.standardOutput.write(line + Data("\n".utf8)) }
        case .csv:
            var fields: [String] = [
                String(incident.id), incident.date ?? "", incident.type, incident.admin1 ?? "", incident.country ?? "", incident.division ?? "",
                incident.places.joined(separator: "|"), incident.agents.joined(separator: " "), incident.target ?? "",
            ]
            for role in Figure.Role.allCases { fields.append(incident[role].map(String.init) ?? "") }
            fields += [String(incident.articles), incident.outlets.joined(separator: "|"), incident.firstReported ?? "", incident.lastReported ?? ""]
            fields += [incident.lat.map { String($0) } ?? "", incident.lon.map { String($0) } ?? "", incident.geoPrecision.map(String.init) ?? ""]
            fields.append(record.reports.map { "\($0.articleId)/\($0.position)" }.joined(separator: " "))
            out(fields.map(ExportWriter.csvField).joined(separator: ",") + "\r\n")
        case .acled:
            out(ACLED.row(record).map(ExportWriter.csvField).joined(separator: ",") + "\r\n")
        case .geojson:
            var properties = [String: Any]()
            properties["id"] = incident.id
            properties["type"] = incident.type
            properties["date"] = incident.date ?? NSNull()
            properties["admin1"] = incident.admin1 ?? NSNull()
            properties["country"] = incident.country ?? NSNull()
            properties["division"] = incident.division ?? NSNull()
            properties["places"] = incident.places
            properties["actors"] = incident.agents
            properties["target"] = incident.target ?? NSNull()
            for role in Figure.Role.allCases { properties[role.rawValue] = incident[role] ?? NSNull() }
            properties["articles"] = incident.articles
            properties["outlets"] = incident.outlets
            properties["geo_precision"] = incident.geoPrecision ?? NSNull()
            properties["reports"] = record.reports.map { ["article_id": $0.articleId, "position": $0.position] as [String: Any] }
            features.add(lat: incident.lat, lon: incident.lon, properties: properties)
        }
    }

    func end() {
        if format == .geojson { features.end() }
    }
}

extension ACLED {
    /// An incident as its reports make it in ACLED's columns: every outlet is its source,
    /// its fatalities the conservative figure, its notes the first report's sentence.
    static func row(_ record: IncidentExportRecord) -> [String] {
        let incident = record.incident
        guard var event = record.reports.first?.event else { return [] }
        event.type = incident.type
        event.agents = incident.agents
        event.target = incident.target
        event.killed = incident.killed
        event.killedEstimate = nil
        event.date = incident.date
        event.places = incident.places
        event.admin1 = incident.admin1
        event.division = incident.division
        event.country = incident.country
        event.lat = incident.lat
        event.lon = incident.lon
        event.geoPrecision = incident.geoPrecision
        event.id = incident.id
        var row = self.row(
            event,
            of: ExportRecord(
                id: 0, sha256: "", file: "", title: nil, outlet: nil, published: nil, receivedAt: "", cleanText: "", removedLines: []))
        row[12] = incident.outlets.isEmpty ? record.reports.map(\.file).joined(separator: "; ") : incident.outlets.joined(separator: "; ")
        return row
    }
}
