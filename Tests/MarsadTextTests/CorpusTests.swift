import Foundation
import Testing

@testable import MarsadText

/// The bench corpus (../shared/corpus, beside the repository as in CI): 9,965 real Arabic
/// news articles of ordinary topics, none of which carries site boilerplate.
enum BenchCorpus {
    static let archive = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/corpus/ant-jawhara.tar.xz").standardized

    /// The first `count` articles (by name), unpacked into a temporary folder.
    static func articles(_ count: Int) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        tar.arguments = ["xJf", archive.path, "-C", folder.path]
        try tar.run()
        tar.waitUntilExit()
        guard tar.terminationStatus == 0 else { throw POSIXError(.EIO) }
        let names = FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".txt") }.sorted()
        return try names.prefix(count).map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }
}

@Suite("Cleaning real articles")
struct CorpusTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: BenchCorpus.archive.path), "the bench corpus is not beside the repository"))
    func cleaningRemovesAtMostAHalfPercentOfRealLines() throws {
        let articles = try BenchCorpus.articles(1500)
        var lines = 0
        var removed = 0
        var edited = 0
        var examples: [String] = []
        for text in articles {
            lines += text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.count
            let cleaned = Cleaning.clean(text)
            removed += cleaned.removed.count
            examples += cleaned.removed.prefix(1).map { "[\($0.rule)] \($0.line.prefix(60))" }
            if cleaned.edits.contains(where: { $0.before.contains(where: { ".|·•*_-".contains($0) }) }) { edited += 1 }
        }
        let share = Double(removed) / Double(lines)
        print(
            "cleaning \(articles.count) corpus articles: removed \(removed) of \(lines) lines (\(String(format: "%.2f", share * 100)) %); \(edited) with a separator removed"
        )
        #expect(share <= 0.005, "removed \(removed) of \(lines): \(examples.prefix(10))")
        // Ordinary news has no disguised words: a removed separator would be a false positive.
        #expect(edited == 0)
    }
}
