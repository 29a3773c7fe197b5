import ArgumentParser
import Foundation
import MarsadClient
import MarsadModel
import MarsadProtocol

struct Events: CallCommand {
    static let configuration = CommandConfiguration(
        abstract: "List incidents (arrests, airstrikes, attacks…), newest first: each once, with how many articles and outlets reported it.",
        discussion: """
            An incident several articles report is listed once, with the most conservative figure of the latest
            day's reports (ACLED's rule). --mentions lists every article's own report instead; `events ID` lists the
            reports of one incident, each with its sentence and why it was merged.
            """)
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var filter: EventFilterOptions
    @Argument(help: "One incident: its reports, each with its sentence and what agreed.")
    var id: Int64?
    @Flag(name: .long, help: "Every article's own report, not the incidents they make.")
    var mentions = false
    @Option(name: .shortAndLong, help: "At most this many incidents (1 to 1000).")
    var limit = 50

    enum Answer: Encodable {
        case incidents(IncidentsResult)
        case mentions(EventsResult)
        case one(IncidentDetailResult)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .incidents(let result): try result.encode(to: encoder)
            case .mentions(let result): try result.encode(to: encoder)
            case .one(let result): try result.encode(to: encoder)
            }
        }
    }

    func call(_ client: ControlClient) throws -> Answer {
        if let id { return .one(try client.call(.incidentsGet, GetParams(id: id))) }
        if mentions { return .mentions(try client.call(.eventsList, filter.params(limit: limit))) }
        return .incidents(try client.call(.incidentsList, filter.params(limit: limit)))
    }

    func show(_ answer: Answer) throws {
        switch answer {
        case .mentions(let result): Self.showMentions(result)
        case .incidents(let result): Self.showIncidents(result.incidents)
        case .one(let result): Self.showOne(result)
        }
    }

    static func showMentions(_ result: EventsResult) {
        if result.events.isEmpty { return print("no incident matches") }
        // One line of facts per report, aligned, then its evidence under it.
        let rows = result.events.map { [String($0.id), "#\($0.articleId)", $0.event.incidentId.map { "@\($0)" } ?? "-"] + Describe.event($0.event) }
        let lines = Table.render(header: ["ID", "ARTICLE", "INCIDENT", "DATE", "TYPE", "WHERE", "WHO", "FIGURES"], rows: rows).split(
            separator: "\n", omittingEmptySubsequences: false)
        print(lines[0])
        for (item, line) in zip(result.events, lines.dropFirst()) {
            print(line)
            print("    «" + Format.truncate(item.event.evidence, width: 110) + "»")
        }
    }

    static func showIncidents(_ incidents: [MergedIncident]) {
        if incidents.isEmpty { return print("no incident matches") }
        let rows = incidents.map { incident in
            [String(incident.id)] + Describe.incident(incident) + ["\(incident.articles)/\(incident.outlets.count)"]
        }
        print(Table.render(header: ["ID", "DATE", "TYPE", "WHERE", "WHO", "FIGURES", "ARTICLES/OUTLETS"], rows: rows))
    }

    static func showOne(_ result: IncidentDetailResult) {
        let incident = result.incident
        let facts = Describe.incident(incident)
        print(
            Table.keyValue([
                ("incident", String(incident.id)), ("date", facts[0]), ("type", facts[1]), ("where", facts[2]), ("who", facts[3]),
                ("figures", facts[4] + " (the lowest of the latest day's reports)"),
                ("reported", "\(incident.articles) articles, \(incident.outlets.count) outlets: \(incident.outlets.joined(separator: ", "))"),
                ("first/last", "\(incident.firstReported ?? "-") / \(incident.lastReported ?? "-")"),
            ]))
        print("\nreports (\(result.reports.count)):")
        for report in result.reports {
            let source = [report.outlet, report.published].compactMap { $0 }.joined(separator: ", ")
            print(
                "  #\(report.articleId)/\(report.position)  \(source.isEmpty ? report.file : source)  "
                    + Describe.event(report.event).joined(separator: "  "))
            print("      «\(Format.truncate(report.event.evidence, width: 110))»")
            if let article = report.matchedArticle, let position = report.matchedPosition {
                let development = report.development ? "; a later report with a higher figure" : ""
                print("      merged with #\(article)/\(position): \(report.agreed.joined(separator: ", ")) agree\(development)")
            } else {
                print("      the incident's first report")
            }
        }
    }
}

/// `show-incident ID`: the same as `events ID`.
struct ShowIncident: CallCommand {
    static let configuration = CommandConfiguration(
        commandName: "show-incident", abstract: "One incident: every article's report of it, its sentence, and why it was merged.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The incident's id (marsadctl events).")
    var id: Int64

    func call(_ client: ControlClient) throws -> IncidentDetailResult { try client.call(.incidentsGet, GetParams(id: id)) }
    func show(_ answer: IncidentDetailResult) throws { Events.showOne(answer) }
}

struct Stories: CallCommand {
    static let configuration = CommandConfiguration(
        abstract: "List stories: articles that tell the same news (a wire text copied, or the same facts rewritten), latest first.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .long, help: "Stories of at least this many articles (default 2).")
    var minSize = 2
    @Option(name: .shortAndLong, help: "At most this many stories (1 to 1000).")
    var limit = 50

    func call(_ client: ControlClient) throws -> StoriesResult { try client.call(.storiesList, StoriesParams(minSize: minSize, limit: limit)) }

    func show(_ result: StoriesResult) throws {
        if result.stories.isEmpty { return print("no story of \(minSize) articles or more") }
        let rows = result.stories.map { story in
            [
                String(story.id), String(story.size), String(story.outlets.count), story.firstSeen ?? "-", story.lastSeen ?? "-",
                Format.truncate(story.title ?? "-", width: 60),
            ]
        }
        print(Table.render(header: ["STORY", "ARTICLES", "OUTLETS", "FIRST", "LAST", "TITLE"], rows: rows))
    }
}
