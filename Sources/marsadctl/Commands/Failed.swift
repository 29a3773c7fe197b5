import ArgumentParser
import Foundation
import MarsadClient
import MarsadProtocol
import MarsadText

struct Failed: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the files that were not ingested, and why.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let result: FailedListResult = try connection.withClient { try $0.call(.failedList) }
        if output.json { return printJSON(result) }
        if result.failed.isEmpty { return print("no failed files") }
        print(
            Table.render(
                header: ["FILE", "REASON", "WHEN", "WHY"],
                rows: result.failed.map {
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
