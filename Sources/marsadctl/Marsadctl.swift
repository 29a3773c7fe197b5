// marsadctl: the command-line client of marsadd. Each command is one or a few JSON-RPC
// calls over the control socket; output is a table for people or JSON (--json) for scripts.
import ArgumentParser
import Foundation
import MarsadClient
import MarsadProtocol

@main
enum Main {
    static func main() {
        Marsadctl.main(GlobalOptions.movedAfterSubcommand(Array(CommandLine.arguments.dropFirst())))
    }
}

/// `marsadctl --data-dir var status` reads better than `marsadctl status --data-dir var`,
/// and both must work. swift-argument-parser gives options to the command that declares
/// them, so the connection and output options written before the subcommand are moved
/// behind it.
enum GlobalOptions {
    static let withValue: Set<String> = ["--socket", "--data-dir"]
    static let flags: Set<String> = ["--json"]

    static func movedAfterSubcommand(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            if withValue.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else if withValue.contains(name) || flags.contains(argument) {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        guard index < arguments.count, !leading.isEmpty else { return arguments }
        return [arguments[index]] + leading + arguments[(index + 1)...]
    }
}

struct Marsadctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marsadctl",
        abstract: "Ask marsadd what it knows, and tell it what to do.",
        discussion: """
            The socket is, in order: --socket PATH, --data-dir DIR (DIR/control.sock),
            $MARSAD_SOCKET, /run/marsad/control.sock.
            Exit status: 0 done; 1 marsadd answered with an error; 69 marsadd not reachable.
            """,
        version: marsadVersion,
        subcommands: [Status.self, List.self, Show.self, Search.self, Events.self, Places.self, Actors.self, TimelineCommand.self,
                      Export.self, Failed.self, Retry.self,
                      Pause.self, Resume.self, Rescan.self, Reload.self, Reprocess.self, Version.self])
}

struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The control socket of marsadd.", valueName: "path"))
    var socket: String?

    @Option(name: .long, help: ArgumentHelp("The data folder marsadd was started with (uses DIR/control.sock).", valueName: "dir"))
    var dataDir: String?

    var socketPath: String {
        if let socket { return socket }
        if let dataDir { return (dataDir as NSString).appendingPathComponent("control.sock") }
        if let fromEnvironment = ProcessInfo.processInfo.environment["MARSAD_SOCKET"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "/run/marsad/control.sock"
    }

    /// Runs `body` with a connected client; turns every failure into one line and an exit code.
    func withClient<T>(_ body: (ControlClient) throws -> T) throws -> T {
        let client = ControlClient(socketPath: socketPath)
        do {
            return try body(client)
        } catch let error as ClientError {
            printError("marsadctl: \(error)")
            switch error {
            case .unreachable: throw ExitCode(69)
            default: throw ExitCode(1)
            }
        }
    }
}

struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the answer as JSON, for scripts.")
    var json = false
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Prints a value as one line of JSON with the protocol's snake_case keys.
func printJSON<T: Encodable>(_ value: T) {
    let encoder = WireJSON.encoder()
    encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
    if let data = try? encoder.encode(value) {
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show whether marsadd runs, and its counts.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let status: StatusResult = try connection.withClient { try $0.call(.status) }
        if output.json { return printJSON(status) }
        var rows: [(String, String)] = [
            ("state", status.state),
            ("articles", String(status.articles)),
            ("queue", String(status.queue)),
            ("failed", String(status.failed)),
            ("duplicates", String(status.duplicates)),
            ("uptime", Format.duration(status.uptimeS)),
            ("last ingest", status.lastIngestAt.map(Format.time) ?? "-"),
            ("inbox", status.inbox),
            ("database", status.database),
            ("version", "\(status.version) (pid \(status.pid))"),
            ("config", (status.configFile ?? "- (flags only)") + (status.lastReloadAt.map { ", reloaded \(Format.time($0))" } ?? "")),
            ("last error", status.lastError ?? "-"),
        ]
        rows += status.problems.map { ("problem", $0) }
        if let reloadError = status.reloadError { rows.append(("reload error", reloadError)) }
        print(Table.keyValue(rows))
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List articles, newest first.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .shortAndLong, help: "At most this many articles (1 to 1000).")
    var limit = 50
    @Option(name: .long, help: ArgumentHelp("Only articles with a smaller id (for paging).", valueName: "id"))
    var before: Int64?

    func run() throws {
        let result: ListResult = try connection.withClient { try $0.call(.articlesList, ListParams(limit: limit, beforeId: before)) }
        if output.json { return printJSON(result) }
        if result.articles.isEmpty { return print("no articles yet") }
        print(Table.render(header: ["ID", "RECEIVED", "FILE", "TITLE"], rows: result.articles.map {
            [String($0.id), Format.time($0.receivedAt), Format.truncate($0.file, width: 32),
             Format.heading(title: $0.title, lead: $0.lead)]
        }))
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one article: its facts and its clean text.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The article's id (see marsadctl ls).")
    var id: Int64
    @Flag(name: .long, help: "Also list the lines the cleaner removed (with the rule for each) and the words it restored.")
    var removed = false

    func run() throws {
        let result: GetResult = try connection.withClient { try $0.call(.articlesGet, GetParams(id: id)) }
        if output.json { return printJSON(result) }
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
            facts.append(("places", article.places.map { place in
                [place.nameAr, place.qualifier.map { "(\($0))" }, place.admin1 ?? place.country].compactMap { $0 }.joined(separator: " ")
            }.joined(separator: "، ").nonEmpty ?? "-"))
            facts.append(("actors", article.actors.map(\.id).joined(separator: " ").nonEmpty ?? "-"))
            facts.append(("people", article.people.map { person in person.nameAr + (person.roleAr.map { " (\($0))" } ?? "") }
                .joined(separator: "، ").nonEmpty ?? "-"))
            facts.append(("cites", article.citedMedia.joined(separator: "، ").nonEmpty ?? "-"))
            facts.append(("numbers", article.quantities.map { quantity in
                (quantity.value.map { (quantity.qualifier.map { Describe.qualifierSign[$0] ?? "" } ?? "") + String($0) } ?? "some") + " «\(quantity.text)»"
            }.joined(separator: "، ").nonEmpty ?? "-"))
            facts.append(("extractor", "version \(version)"))
        }
        print(Table.keyValue(facts))
        if !article.events.isEmpty {
            print("\nincidents (\(article.events.count)):")
            for event in article.events {
                print("  " + Describe.event(event).joined(separator: "  ") + String(format: "  (confidence %.2f)", event.confidence))
                print("      «\(Format.truncate(event.evidence, width: 110))» at \(event.evidenceStart)–\(event.evidenceEnd)")
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

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Find articles that contain every word of QUERY.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .shortAndLong, help: "At most this many results (1 to 1000).")
    var limit = 20
    @Argument(help: "The words to find.")
    var query: [String]

    func run() throws {
        let text = query.joined(separator: " ")
        let result: SearchResult = try connection.withClient { try $0.call(.search, SearchParams(query: text, limit: limit)) }
        if output.json { return printJSON(result) }
        if result.results.isEmpty { return print("no article matches \(text)") }
        for hit in result.results {
            print("\(hit.id)  \(hit.file)  \(Format.heading(title: hit.title, lead: hit.lead))")
            print("    " + hit.snippet.split(whereSeparator: \.isNewline).joined(separator: " "))
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every article to standard output.",
        discussion: """
            jsonl: one article per line, the stable export contract (docs/PROTOCOL.md).
            csv: one incident per row (article, type, place, actors, count, date, evidence).
            geojson: the incidents as points of their most specific place, for any map tool.
            """)
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, csv, geojson
    }
    @OptionGroup var connection: ConnectionOptions
    @Option(name: .long, help: "The output format.")
    var format: Format = .jsonl

    func run() throws {
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
}

struct Failed: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the files that were not ingested, and why.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let result: FailedListResult = try connection.withClient { try $0.call(.failedList) }
        if output.json { return printJSON(result) }
        if result.failed.isEmpty { return print("no failed files") }
        print(Table.render(header: ["FILE", "REASON", "WHEN", "WHY"], rows: result.failed.map {
            [Format.truncate($0.file, width: 40), $0.code, $0.failedAt.map(Format.time) ?? "-", $0.message]
        }))
    }
}

struct Retry: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Move failed files back into the inbox to be ingested again.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Names under failed/ (see marsadctl failed); none: all of them.")
    var files: [String] = []

    func run() throws {
        let result: RetryResult = try connection.withClient { try $0.call(.failedRetry, RetryParams(files: files)) }
        if output.json { return printJSON(result) }
        print("moved \(result.retried.count) file(s) back into the inbox")
        for name in result.missing { printError("not in failed/: \(name)") }
        if !result.missing.isEmpty { throw ExitCode(1) }
    }
}

struct Pause: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stop taking files from the inbox (they wait there).")
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let result: IngestStateResult = try connection.withClient { try $0.call(.ingestPause) }
        print(result.state)
    }
}

struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Take files from the inbox again.")
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let result: IngestStateResult = try connection.withClient { try $0.call(.ingestResume) }
        print(result.state)
    }
}

struct Rescan: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Look through the whole inbox now, in case an event was missed.")
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let result: RescanResult = try connection.withClient { try $0.call(.ingestRescan) }
        print("found \(result.queued) file(s) in the inbox")
    }
}

struct Reload: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make marsadd re-read its configuration file, and wait for the result.",
        discussion: "An invalid file is refused: the running configuration stays, and this exits 1 with the reason. systemd's ExecReload= runs this.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let result: ReloadResult = try connection.withClient { try $0.call(.reload) }
        if output.json { return printJSON(result) }
        print("reloaded" + (result.applied.isEmpty ? ", nothing changed" : ": " + result.applied.joined(separator: ", ")))
        if !result.restartNeeded.isEmpty {
            print("takes effect at the next restart: " + result.restartNeeded.joined(separator: ", "))
        }
    }
}

struct Reprocess: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Derive titles, clean text and the search index again from the stored bytes (after an upgrade).",
        discussion: "Files are not dropped again and article ids stay the same.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Flag(name: .long, help: "Every article.")
    var all = false
    @Argument(help: "Article ids.")
    var ids: [Int64] = []

    func validate() throws {
        guard all != !ids.isEmpty else { throw ValidationError("give article ids, or --all") }
    }

    func run() throws {
        let result: ReprocessResult = try connection.withClient { client in
            client.timeout = 3600  // a large store takes a while
            return try client.call(.reprocess, ReprocessParams(ids: ids, all: all))
        }
        if output.json { return printJSON(result) }
        print("reprocessed \(result.reprocessed) article(s), \(result.changed) changed")
        for id in result.missing { printError("no article with id \(id)") }
        if !result.missing.isEmpty { throw ExitCode(1) }
    }
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the versions of marsadctl and of the running marsadd.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let result: VersionResult = try connection.withClient { try $0.call(.version) }
        if output.json { return printJSON(result) }
        print("marsadctl \(marsadVersion)\nmarsadd   \(result.version) (protocol \(result.protocol), schema \(result.schema))")
    }
}
