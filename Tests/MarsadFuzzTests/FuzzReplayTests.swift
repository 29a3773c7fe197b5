import Foundation
import MarsadFuzz
import Testing

/// Every input the fuzzer ever crashed on (kept in Tests/Fuzz/<target>/ by scripts/fuzz)
/// runs through its target again, so a fixed crash stays fixed. The samples and a set of
/// hand-made hostile inputs run through every target as well.
@Suite("Fuzzing regressions: saved crashing inputs, replayed")
struct FuzzReplayTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static func saved(_ target: FuzzTarget) -> [URL] {
        let folder = root.appendingPathComponent("Fuzz").appendingPathComponent(target.rawValue)
        return ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .sorted { $0.path < $1.path }
    }

    static let handMade: [[UInt8]] = [
        [], [0], [0xFF, 0xFE], [0xFE, 0xFF, 0xD8, 0x00], [0xEF, 0xBB, 0xBF], Array(repeating: 0x0A, count: 10_000),
        Array("{\"jsonrpc\":\"2.0\",\"id\":1e999,\"method\":\"search\",\"params\":{\"query\":\"\\ud800\"}}".utf8),
        Array(String(repeating: "ـ", count: 5_000).utf8), Array(String(repeating: "(", count: 2_000).utf8),
        Array(String(repeating: "12 ", count: 3_000).utf8), Array(String(repeating: "ال", count: 4_000).utf8),
        Array("\"دير الزور".utf8), Array("NEAR(".utf8), Array("*".utf8), Array("- -- ---".utf8),
        Array(String(repeating: "[", count: 100_000).utf8), Array(String(repeating: "(", count: 100_000).utf8),
    ]

    @Test(arguments: FuzzTarget.allCases)
    func savedCrashesAndHostileInputsRunCleanly(_ target: FuzzTarget) throws {
        for file in Self.saved(target) {
            target.run(Array(try Data(contentsOf: file)))
        }
        for input in Self.handMade { target.run(input) }
        let seeds = Self.root.deletingLastPathComponent().appendingPathComponent("seeds")
        for file in try FileManager.default.contentsOfDirectory(at: seeds, includingPropertiesForKeys: nil) where file.pathExtension == "txt" {
            target.run(Array(try Data(contentsOf: file)))
        }
    }
}
