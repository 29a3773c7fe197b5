import Foundation
import Testing

@testable import MarsadText

extension Gold {
    struct Article {
        var file: String
        var title: String?
        var boilerplate: [String]
    }

    static func articles() throws -> [Article] {
        let root = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return try #require(root["articles"] as? [[String: Any]]).map {
            Article(file: $0["file"] as? String ?? "?", title: $0["title"] as? String, boilerplate: $0["boilerplate"] as? [String] ?? [])
        }
    }
}

@Suite("Cleaning the samples, against the gold annotations")
struct CleaningTests {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../seeds").standardized

    func cleaned(_ file: String) throws -> CleanedText {
        let bytes = try [UInt8](Data(contentsOf: Self.seeds.appendingPathComponent(file)))
        return Cleaning.clean(try TextDecoding.decode(bytes).text)
    }

    @Test func theRulesFileParsesWhole() {
        let text = String(decoding: PackageResources.boilerplate_rules, as: UTF8.self)
        let ruleLines = text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }
        #expect(Cleaning.rules.count == ruleLines.count, "a rule line does not parse")
        #expect(Set(Cleaning.rules.map(\.name)).count == Cleaning.rules.count, "rule names must be unique")
    }

    @Test func everyBoilerplateLineIsRemovedAndNothingElse() throws {
        for article in try Gold.articles() {
            let result = try cleaned(article.file)
            let removed = result.removed.filter { $0.rule != Cleaning.headlineRepeatRule }.map { Normalization.search($0.line) }
            #expect(removed == article.boilerplate.map(Normalization.search), "\(article.file): removed \(result.removed)")
            for line in article.boilerplate {
                #expect(!result.text.contains(line), "\(article.file) still has \(line)")
            }
        }
    }

    @Test func theTitleIsTheHeadlineOrNothing() throws {
        for article in try Gold.articles() {
            let result = try cleaned(article.file)
            #expect(result.title.map(Normalization.search) == article.title.map(Normalization.search), "\(article.file)")
            if let title = result.title {
                // The headline stays in the text exactly once.
                #expect(result.text.components(separatedBy: title).count - 1 == 1, "\(article.file): title not once")
            }
        }
    }

    @Test func theCleanTextIsDeobfuscated() throws {
        let result = try cleaned("001_58d1d8faf9cce2c4.txt")
        #expect(result.text.hasPrefix("القبض على العشرات من عناصر داعش"))
        #expect(!result.edits.isEmpty)
    }

    @Test(arguments: [
        "قال الكاتب: إن الوضع الأمني في دير الزور يزداد سوءاً مع تصاعد هجمات خلايا التنظيم في البادية",
        "شارك في الهجوم أكثر من عشرين عنصراً", "اقرأ أيضاً: تقرير مفصل عن الهجمات الأخيرة في ريف دير الزور الشرقي وما تبعها من اعتقالات",
    ])
    func realContentThatLooksLikeBoilerplateStays(line: String) {
        let result = Cleaning.clean("عنوان الخبر\n" + line)
        #expect(result.removed.isEmpty, "\(result.removed)")
    }
}
