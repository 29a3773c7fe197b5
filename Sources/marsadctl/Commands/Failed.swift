import ArgumentParser
import Foundation
import MarsadClient
import MarsadModel
import MarsadProtocol
import MarsadText

struct Failed: CallCommand {
    static let configuration = CommandConfiguration(abstract: "List the files that were not ingested, and why.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func call(_ client: ControlClient) throws -> FailedListResult {
        try client.call(.failedList)
    }

    func show(_ result: FailedListResult) throws {
        if result.failed.isEmpty { return print("no failed files") }
        print(
            Table.render(
                header: ["FILE", "REASON", "WHEN", "WHY"],
                rows: result.failed.map {
                    [Format.truncate($0.file, width: 40), $0.code, $0.failedAt.map(Format.time) ?? "-", $0.message]
                }))
    }
}

struct Retry: CallCommand {
    static let configuration = CommandConfiguration(abstract: "Move failed files back into the inbox to be ingested again.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Names under failed/ (see marsadctl failed); none: all of them.")
    var files: [String] = []

    func call(_ client: ControlClient) throws -> RetryResult {
        try client.call(.failedRetry, RetryParams(files: files))
    }

    func show(_ result: RetryResult) throws {
        print("moved \(result.retried.count) file(s) back into the inbox")
        for name in result.missing { printError("not in failed/: \(name)") }
        if !result.missing.isEmpty { throw ExitCode(1) }
    }
}
