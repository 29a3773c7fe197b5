import Foundation
import MarsadText
import Testing

@testable import MarsadExtract

@Suite("Metadata of the samples, against the gold annotations")
struct GoldMetadataTests {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../seeds").standardized

    struct Expected {
        var file: String
        var outlet: Outlet?
        var published: String?
    }

    func gold() throws -> [Expected] {
        let root = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: Self.seeds.appendingPathComponent("seeds.gold.json"))) as? [String: Any])
        return try #require(root["articles"] as? [[String: Any]]).map { article in
            let outlet = (article["outlet"] as? [String: Any]).map { Outlet(ar: $0["ar"] as? String, en: $0["en"] as? String) }
            return Expected(file: article["file"] as? String ?? "?", outlet: outlet, published: article["published"] as? String)
        }
    }

    @Test func outletAndPublicationDateMatchTheGold() throws {
        for expected in try gold() {
            let bytes = try [UInt8](Data(contentsOf: Self.seeds.appendingPathComponent(expected.file)))
            let article = ArticleExtraction.extract(from: try TextDecoding.decode(bytes))
            #expect(article.outlet == expected.outlet, "\(expected.file)")
            #expect(article.published?.value == expected.published, "\(expected.file)")
        }
    }

    @Test func aHistoryDateInTheBodyIsNotThePublicationDate() {
        let text = "عنوان الخبر\nفي 8 ديسمبر 2024، تمكن الثوار من دخول دمشق بعد معارك استمرت أياماً في ريف حماة.\nوأضاف المصدر أن الوضع هادئ."
        let article = ArticleExtraction.extract(from: DecodedText(text: text, encoding: .utf8))
        #expect(article.published == nil)
        #expect(article.dates.map(\.value) == ["2024-12-08"])
    }

    @Test func aDatelineIsThePublicationDate() {
        let text = "عنوان الخبر\nنشر في 3 شباط 2025\nقال المصدر إن الوضع هادئ في 1 كانون الثاني 2025."
        let article = ArticleExtraction.extract(from: DecodedText(text: text, encoding: .utf8))
        #expect(article.published == FoundDate(value: "2025-02-03", precision: .day))
    }

    @Test func anUnknownOutletKeepsItsArabicName() {
        let text = "قال المسؤول في تصريحات خاصة لـ «صوت الفرات» إن الهجوم وقع ليلاً."
        let article = ArticleExtraction.extract(from: DecodedText(text: text, encoding: .utf8))
        #expect(article.outlet == Outlet(ar: "صوت الفرات", en: nil))
    }
}
