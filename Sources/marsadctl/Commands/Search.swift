import ArgumentParser
import Foundation
import MarsadClient
import MarsadModel
import MarsadProtocol
import MarsadText

struct Search: CallCommand {
    static let configuration = CommandConfiguration(abstract: "Find articles that contain every word of QUERY.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .shortAndLong, help: "At most this many results (1 to 1000).")
    var limit = 20
    @Argument(help: "The words to find.")
    var query: [String]

    func call(_ client: ControlClient) throws -> SearchResult {
        try client.call(.search, SearchParams(query: query.joined(separator: " "), limit: limit))
    }

    func show(_ result: SearchResult) {
        if result.results.isEmpty { return print("no article matches \(query.joined(separator: " "))") }
        for hit in result.results {
            print("\(hit.id)  \(hit.file)  \(Format.heading(title: hit.title, lead: hit.lead))")
            print("    " + hit.snippet.split(whereSeparator: \.isNewline).joined(separator: " "))
        }
    }
}
