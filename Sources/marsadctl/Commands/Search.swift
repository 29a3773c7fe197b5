import ArgumentParser
import Foundation
import MarsadClient
import MarsadProtocol
import MarsadText

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
