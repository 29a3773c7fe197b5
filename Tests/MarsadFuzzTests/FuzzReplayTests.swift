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

/// Poison pills: inputs built to find a parser that is not linear (a scan from every "<"
/// for a ">" that never comes hung marsadd for good). Each runs through every target under
/// a bound far above what a linear pass needs in a debug build, and far below what a
/// quadratic one takes at these sizes (minutes).
@Suite("Fuzzing regressions: parser pills under a time budget")
struct ParserPillTests {
    static func repeated(_ head: String, _ unit: String, _ count: Int) -> [UInt8] {
        Array((head + String(repeating: unit, count: count)).utf8)
    }

    static let pills: [(name: String, bytes: [UInt8])] = [
        ("html <", repeated("<html><p>خبر</p>", "<", 200_000)),
        ("html <meta", repeated("<html><p>خبر</p>", "<meta ", 40_000)),
        ("html <script", repeated("<html><p>خبر</p>", "<script ", 40_000)),
        ("html <article", repeated("<html><p>خبر</p>", "<article ", 30_000)),
        ("html comments", repeated("<html><p>خبر</p>", "<!--", 50_000)),
        ("html entities", repeated("<html><p>خبر</p>", "&amp", 50_000)),
        ("html attributes", repeated("<html><meta property=\"og:title\" content=\"", "\"", 100_000)),
        ("text <", repeated("خبر ", "<", 200_000)),
        ("disguise", repeated("خبر ", "د|عـ.ـش ", 20_000)),
        ("numbers", repeated("قتل ", "3 و", 30_000)),
        ("one long word", repeated("", "ب", 100_000)),
        ("json depth", repeated("", "[", 100_000)),
        ("query prefixes", repeated("", "ا* ", 3_000)),
    ]

    @Test(arguments: FuzzTarget.allCases)
    func pillsRunInLinearTime(_ target: FuzzTarget) {
        for pill in Self.pills {
            let started = ContinuousClock.now
            target.run(pill.bytes)
            let elapsed = ContinuousClock.now - started
            #expect(elapsed < .seconds(20), "\(target.rawValue) on \(pill.name) took \(elapsed)")
        }
    }
}
