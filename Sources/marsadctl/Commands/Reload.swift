import ArgumentParser
import Foundation
import MarsadClient
import MarsadModel
import MarsadProtocol
import MarsadText

struct Reload: CallCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make marsadd re-read its configuration file, and wait for the result.",
        discussion: "An invalid file is refused: the running configuration stays, and this exits 1 with the reason. systemd's ExecReload= runs this.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func call(_ client: ControlClient) throws -> ReloadResult {
        try client.call(.reload)
    }

    func show(_ result: ReloadResult) throws {
        print("reloaded" + (result.applied.isEmpty ? ", nothing changed" : ": " + result.applied.joined(separator: ", ")))
        if !result.restartNeeded.isEmpty {
            print("takes effect at the next restart: " + result.restartNeeded.joined(separator: ", "))
        }
    }
}
