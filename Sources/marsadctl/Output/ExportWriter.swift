import ArgumentParser
import Foundation
import MarsadClient
import MarsadModel
import MarsadProtocol

/// CSV and GeoJSON output of `export`, written as batches arrive.
final class ExportWriter {
    let format: Export.Format
    private let features = GeoJSONWriter()

    init(format: Export.Format) { self.format = format }

    func out(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

    func begin() {
        switch format {
        case .csv:
            out(
                "article_id,file,published,type,admin1,country,places,actors,target,count,count_qualifier,date,date_precision,confidence,lat,lon,evidence,"
                    + "event_id,also,killed,injured,captured,kidnapped,date_basis,geo_precision,division,incident_id\r\n"
            )
        case .geojson: features.begin()
        case .acled: out(ACLED.columns.joined(separator: ",") + "\r\n")
        case .jsonl: break
        }
    }

    func write(_ record: ExportRecord) {
        for event in record.events {
            switch format {
            case .csv:
                var fields: [String] = [
                    String(record.id), record.file, record.published ?? "", event.type, event.admin1 ?? "", event.country ?? "",
                    event.places.joined(separator: "|"), event.agents.joined(separator: " "), event.target ?? "",
                    event.count.map(String.init) ?? "", event.countQualifier ?? "", event.date ?? "", event.datePrecision ?? "",
                    String(format: "%.2f", event.confidence), event.lat.map { String($0) } ?? "", event.lon.map { String($0) } ?? "",
                    event.evidence, event.id.map(String.init) ?? "", event.also.joined(separator: " "),
                ]
                let figures: [String] = Figure.Role.allCases.map { role in event[role]?.value.map(String.init) ?? "" }
                fields += figures
                fields += [event.dateBasis ?? "", event.geoPrecision.map(String.init) ?? "", event.division ?? ""]
                fields.append(event.incidentId.map(String.init) ?? "")
                out(fields.map(Self.csvField).joined(separator: ",") + "\r\n")
            case .geojson:
                // Every incident: its place's coordinates, else its division's or its
                // country's (geo_precision says which); one with no country at all has a null
                // geometry (RFC 7946 §3.2), so that a map tool can list what it cannot place.
                var properties = [String: Any]()
                properties["id"] = event.id ?? NSNull()
                properties["incident_id"] = event.incidentId ?? NSNull()
                properties["article_id"] = record.id
                properties["file"] = record.file
                properties["type"] = event.type
                properties["also"] = event.also
                properties["admin1"] = event.admin1 ?? NSNull()
                properties["country"] = event.country ?? NSNull()
                properties["division"] = event.division ?? NSNull()
                properties["places"] = event.places
                properties["actors"] = event.agents
                properties["target"] = event.target ?? NSNull()
                properties["count"] = event.count ?? NSNull()
                for role in Figure.Role.allCases { properties[role.rawValue] = event[role]?.value ?? NSNull() }
                properties["date"] = event.date ?? NSNull()
                properties["date_basis"] = event.dateBasis ?? NSNull()
                properties["geo_precision"] = event.geoPrecision ?? NSNull()
                properties["confidence"] = event.confidence
                properties["evidence"] = event.evidence
                features.add(lat: event.lat, lon: event.lon, properties: properties)
            case .acled:
                out(ACLED.row(event, of: record).map(Self.csvField).joined(separator: ",") + "\r\n")
            case .jsonl:
                break
            }
        }
    }

    func end() {
        if format == .geojson { features.end() }
    }

    /// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
    static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
