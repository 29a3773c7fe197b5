import ArgumentParser
import Foundation
import MarsadClient
import MarsadModel
import MarsadProtocol
import MarsadText

struct List: CallCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List articles, newest first.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .shortAndLong, help: "At most this many articles (1 to 1000).")
    var limit = 50
    @Option(name: .long, help: ArgumentHelp("Only articles with a smaller id (for paging).", valueName: "id"))
    var before: Int64?

    func call(_ client: ControlClient) throws -> ListResult {
        try client.call(.articlesList, ListParams(limit: limit, beforeId: before))
    }

    func show(_ result: ListResult) throws {
        if result.articles.isEmpty { return print("no articles yet") }
        print(
            Table.render(
                header: ["ID", "RECEIVED", "FILE", "TITLE"],
                rows: result.articles.map {
                    [
                        String($0.id), Format.time($0.receivedAt), Format.truncate($0.file, width: 32),
                        Format.heading(title: $0.title, lead: $0.lead),
                    ]
                }))
    }
}

struct Show: CallCommand {
    static let configuration = CommandConfiguration(abstract: "Show one article: its facts and its clean text.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The article's id (see marsadctl ls).")
    var id: Int64
    @Flag(name: .long, help: "Also list the lines the cleaner removed (with the rule for each) and the words it restored.")
    var removed = false

    func call(_ client: ControlClient) throws -> GetResult {
        try client.call(.articlesGet, GetParams(id: id))
    }

    func show(_ result: GetResult) throws {
        let article = result.article
        var facts: [(String, String)] = [
            ("id", String(article.id)),
            ("title", article.title ?? "(no headline) " + Format.firstSentence(article.cleanText)),
            ("outlet", [article.outlet?.ar, article.outlet?.en].compactMap { $0 }.joined(separator: " / ").nonEmpty ?? "-"),
            ("published", article.published.map { "\($0) (\(article.publishedPrecision ?? "?"))" } ?? "- (the text does not say)"),
            ("file", article.file),
            ("received", Format.time(article.receivedAt)),
            ("size", "\(article.size) bytes, \(article.encoding)"),
            ("sha256", article.sha256),
            ("archived as", article.archivePath ?? "- (deleted after ingest)"),
        ]
        for sighting in article.sightings {
            facts.append(("dropped again", "\(Format.time(sighting.receivedAt))  \(sighting.file)"))
        }
        if let version = article.extractorVersion {
            facts.append(
                (
                    "places",
                    article.places.map { place in
                        [place.nameAr, place.qualifier.map { "(\($0))" }, place.admin1 ?? place.country].compactMap { $0 }.joined(separator: " ")
                    }.joined(separator: "، ").nonEmpty ?? "-"
                ))
            facts.append(("actors", article.actors.map(\.id).joined(separator: " ").nonEmpty ?? "-"))
            facts.append(
                (
                    "people",
                    article.people.map { person in person.name + (person.role.map { " (\($0))" } ?? "") }
                        .joined(separator: "، ").nonEmpty ?? "-"
                ))
            facts.append(("cites", article.citedMedia.joined(separator: "، ").nonEmpty ?? "-"))
            facts.append(
                (
                    "numbers",
                    article.quantities.map { quantity in
                        (quantity.value.map { (quantity.qualifier.map { Describe.qualifierSign[$0] ?? "" } ?? "") + String($0) } ?? "some")
                            + " «\(quantity.text)»"
                    }.joined(separator: "، ").nonEmpty ?? "-"
                ))
            facts.append(("extractor", "version \(version)"))
        }
        print(Table.keyValue(facts))
        if !article.events.isEmpty {
            print("\nincidents (\(article.events.count)):")
            for event in article.events {
                let merged = event.incidentId.map { "  [incident \($0)]" } ?? ""
                print("  " + Describe.event(event).joined(separator: "  ") + String(format: "  (confidence %.2f)", event.confidence) + merged)
                print("      «\(Format.truncate(event.evidence, width: 110))» at \(event.evidenceStart)–\(event.evidenceEnd)")
            }
        }
        if let story = article.storyId, !article.story.isEmpty {
            print("\nstory \(story): \(article.story.count) other article\(article.story.count == 1 ? "" : "s")")
            for member in article.story {
                let why =
                    member.reason.map { reason in
                        String(format: "%@ (shingles %.2f, lead %.2f)", reason, member.shingles ?? 0, member.lead ?? 0)
                    } ?? "through the story's other articles"
                let source = [member.outlet, member.published].compactMap { $0 }.joined(separator: ", ")
                print("  #\(member.id)  \(source)  \(Format.truncate(member.title ?? "-", width: 60))  — \(why)")
            }
        }
        if removed {
            print("\nremoved lines (\(article.removedLines.count)):")
            for line in article.removedLines { print("  [\(line.rule)] \(line.line)") }
            print("\nrestored words (\(article.edits.count)):")
            for edit in article.edits { print("  \(edit.before)  ->  \(edit.after)  (at \(edit.offset))") }
        }
        print("\n" + article.cleanText)
    }
}
