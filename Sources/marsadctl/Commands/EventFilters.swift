import ArgumentParser
import Foundation
import MarsadClient
import MarsadModel
import MarsadProtocol

/// Filters of `events` and `timeline`.
struct EventFilterOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only incidents of this type: arrest, airstrike, raid, attack, explosion, assassination, clash, abduction, execution, foiled-plot, seizure.",
            valueName: "type"))
    var type: String?
    @Option(
        name: .long,
        help: ArgumentHelp("Only incidents in this place: an Arabic or English name, a p-code (SY09) or a country code (IQ).", valueName: "name"))
    var place: String?
    @Option(
        name: .long,
        help: ArgumentHelp("Only incidents with this actor as agent or target: an id (ISIS, SDF, SY-GOV) or a name (قسد).", valueName: "id"))
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
    /// "2025-10-26  arrest  SY09 دير الزور  SDF+COALITION -> ISIS  3 captured"; outside Syria
    /// the division's ISO code ("IQ-NI نينوى"), else the country's.
    static func event(_ event: ExportRecord.Event) -> [String] {
        let date = event.date ?? event.relativeDate.map { "(\($0))" } ?? "-"
        let type = ([event.type] + event.also).joined(separator: "+")
        return [
            date, type, place(event.admin1 ?? event.division ?? event.country, event.places),
            who(event.agents, event.target), figures(event),
        ]
    }

    /// Date, type, place, who and figures of an incident as its reports make it.
    static func incident(_ incident: MergedIncident) -> [String] {
        let figures = Figure.Role.allCases.compactMap { role in incident[role].map { "\($0) \(role.rawValue)" } }
        return [
            incident.date ?? "-", incident.type, place(incident.admin1 ?? incident.division ?? incident.country, incident.places),
            who(incident.agents, incident.target), figures.isEmpty ? "-" : figures.joined(separator: ", "),
        ]
    }

    /// "SY09 دير الزور": the division (or country) code, then the most specific place.
    static func place(_ code: String?, _ places: [String]) -> String {
        let place = [code, places.first].compactMap { $0 }.joined(separator: " ")
        return place.isEmpty ? "-" : place
    }

    /// "SDF+COALITION -> ISIS".
    static func who(_ agents: [String], _ target: String?) -> String {
        var who = agents.joined(separator: "+")
        if let target { who += (who.isEmpty ? "" : " ") + "-> " + target }
        return who.isEmpty ? "-" : who
    }

    /// "≥16 killed, 14 injured"; a vague figure as its qualifier ("tens killed"); the type's
    /// own count ("×12") when no figure by role says it.
    static func figures(_ event: ExportRecord.Event) -> String {
        var parts: [String] = []
        for role in Figure.Role.allCases {
            guard let figure = event[role] else { continue }
            let number = figure.value.map { (figure.qualifier.map { qualifierSign[$0] ?? "" } ?? "") + String($0) } ?? figure.qualifier ?? "some"
            parts.append("\(number) \(role.rawValue)")
        }
        if parts.isEmpty, let value = event.count {
            parts.append("×" + (event.countQualifier.map { qualifierSign[$0] ?? "" } ?? "") + String(value))
        }
        return parts.isEmpty ? "-" : parts.joined(separator: ", ")
    }

    static let qualifierSign = ["more-than": ">", "at-least": "≥", "about": "~", "less-than": "<"]
}
