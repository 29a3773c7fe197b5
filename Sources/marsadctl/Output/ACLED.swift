import MarsadModel
import MarsadProtocol

/// An incident in ACLED's columns (`export --format acled`); docs/EXPORT.md gives the
/// mapping and what it leaves out.
enum ACLED {
    static let columns = [
        "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location",
        "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
    ]

    static func row(_ event: ExportRecord.Event, of record: ExportRecord) -> [String] {
        let (type, subType) = types(event)
        return [
            (event.country ?? "XX") + (event.id.map(String.init) ?? ""), event.date ?? "", timePrecision(event).map(String.init) ?? "", type,
            subType, event.agents.joined(separator: "; "), event.target ?? "", event.admin1 ?? event.division ?? "",
            event.places.first ?? event.country ?? "",
            event.lat.map { String($0) } ?? "", event.lon.map { String($0) } ?? "", event.geoPrecision.map(String.init) ?? "",
            record.outlet?.en ?? record.outlet?.ar ?? record.file, event.evidence,
            String(event.killed ?? event.killedEstimate ?? 0),
        ]
    }

    /// ACLED's time precision: 1 the day is known (written, or "أمس" and the like), 2 only
    /// the publication day (the happening may be some days before), 3 only the day received.
    static func timePrecision(_ event: ExportRecord.Event) -> Int? {
        guard event.date != nil else { return nil }
        switch event.dateBasis {
        case "stated", "relative": return event.datePrecision == "day" ? 1 : event.datePrecision == "month" || event.datePrecision == "year" ? 3 : 2
        case "published", "filename": return 2
        default: return 3
        }
    }

    /// marsad's type as ACLED's event type and sub-event type.
    static func types(_ event: ExportRecord.Event) -> (String, String) {
        let killed = (event.killed ?? event.killedEstimate ?? 0) > 0
        switch event.type {
        case "airstrike": return ("Explosions/Remote violence", "Air/drone strike")
        case "explosion":
            return ("Explosions/Remote violence", event.evidence.contains("انتحار") ? "Suicide bomb" : "Remote explosive/landmine/IED")
        case "clash": return ("Battles", "Armed clash")
        case "attack": return event.target != nil ? ("Battles", "Armed clash") : ("Violence against civilians", "Attack")
        case "assassination", "execution": return ("Violence against civilians", "Attack")
        case "abduction": return ("Violence against civilians", "Abduction/forced disappearance")
        case "raid":
            if killed { return ("Battles", "Armed clash") }
            return ("Strategic developments", event.also.contains("arrest") || event.captured != nil ? "Arrests" : "Other")
        case "arrest": return ("Strategic developments", "Arrests")
        case "foiled-plot", "seizure": return ("Strategic developments", "Disrupted weapons use")
        default: return ("Strategic developments", "Other")
        }
    }
}
