import ArgumentParser
import Foundation
import MarsadClient
import MarsadModel
import MarsadProtocol
import MarsadText

/// pause and resume: one call, and the state of ingest it leaves.
protocol IngestSwitch: CallCommand where Answer == IngestStateResult {
    static var method: Method { get }
}

extension IngestSwitch {
    func call(_ client: ControlClient) throws -> IngestStateResult { try client.call(Self.method) }
    func show(_ result: IngestStateResult) { print(result.state) }
}

struct Pause: IngestSwitch {
    static let configuration = CommandConfiguration(abstract: "Stop taking files from the inbox (they wait there).")
    static let method = Method.ingestPause
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
}

struct Resume: IngestSwitch {
    static let configuration = CommandConfiguration(abstract: "Take files from the inbox again.")
    static let method = Method.ingestResume
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
}

struct Rescan: CallCommand {
    static let configuration = CommandConfiguration(abstract: "Look through the whole inbox now, in case an event was missed.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func call(_ client: ControlClient) throws -> RescanResult { try client.call(.ingestRescan) }
    func show(_ result: RescanResult) { print("found \(result.queued) file(s) in the inbox") }
}

struct Reprocess: CallCommand {
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

    func call(_ client: ControlClient) throws -> ReprocessResult {
        client.timeout = 3600  // a large store takes a while
        return try client.call(.reprocess, ReprocessParams(ids: ids, all: all))
    }

    func show(_ result: ReprocessResult) throws {
        print("reprocessed \(result.reprocessed) article(s), \(result.changed) changed")
        for id in result.missing { printError("no article with id \(id)") }
        if !result.missing.isEmpty { throw ExitCode(1) }
    }
}
