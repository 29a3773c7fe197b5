import Foundation
import MarsadModel
import Testing

@testable import MarsadStore

/// Stories and incidents across articles as the store keeps them: linked at ingest,
/// computed again from scratch with the same result and the same incident ids.
@Suite("Stories and incidents across articles in the store")
struct MergingTests {
    static let wire = """
        قالت وزارة الداخلية السورية يوم الاثنين إن وحداتها الأمنية ألقت القبض على خلية تابعة لتنظيم داعش في ريف دمشق \
        بعد عملية رصد ومتابعة استمرت عدة أسابيع وضبطت بحوزة أفرادها أسلحة خفيفة ومتوسطة وعبوات ناسفة معدة للتفجير \
        وأضافت الوزارة في بيان أن الخلية كانت تخطط لاستهداف مواقع عسكرية ومدنية في المنطقة
        """
    static let other = """
        أعلنت قيادة شرطة محافظة البصرة اليوم ضبط شحنة من المواد المخدرة في ميناء أم قصر الشمالي واعتقال ثلاثة \
        متهمين بتهريبها عبر الحدود البحرية وقالت القيادة إن المضبوطات أحيلت إلى الجهات المختصة لاستكمال الإجراءات
        """

    static func incident(_ type: String, place: String, killed: Int? = nil, stated: String? = nil) -> FindingsRecord.Incident {
        var incident = FindingsRecord.Incident(
            type: type, agents: [], target: nil, places: [place], admin1: nil, country: "SY", lat: nil, lon: nil, count: nil,
            countQualifier: nil, date: stated, datePrecision: stated == nil ? nil : "day", relativeDate: nil, evidence: "…",
            evidenceStart: 0, evidenceEnd: 1, confidence: 0.9)
        incident.dateBasis = stated == nil ? nil : "stated"
        incident.geoPrecision = 1
        if let killed { incident[.killed] = Figure(value: killed) }
        return incident
    }

    /// An article of `text` published on `day`, outlet `outlet`, reporting `incidents`.
    static func article(_ number: Int, _ text: String, day: String, outlet: String, _ incidents: [FindingsRecord.Incident]) -> NewArticle {
        var new = MarsadStoreTests.article(number, text: text)
        new.record.index = IndexForms(title: "", titleVariants: "", text: text, textVariants: "")
        new.record.metadata = ArticleMetadata(outletAr: outlet, published: day, publishedPrecision: "day")
        new.record.findings = FindingsRecord(version: 1, incidents: incidents)
        return new
    }

    func stories(_ db: Connection) throws -> [Int64?] {
        let rows = try db.prepare("SELECT story_id FROM articles ORDER BY id")
        var ids: [Int64?] = []
        while try rows.step() { ids.append(rows.isNull(0) ? nil : rows.int64(0)) }
        return ids
    }

    func incidents(_ db: Connection) throws -> [Int64] {
        let rows = try db.prepare("SELECT incident_id FROM incidents ORDER BY article_id, position")
        var ids: [Int64] = []
        while try rows.step() { ids.append(rows.int64(0)) }
        return ids
    }

    @Test func copiesAndReportsOfOneIncidentMergeAndARelinkGivesTheSame() throws {
        let temporary = try TemporaryDatabase()
        let store = try StoreWriter(path: temporary.path)
        let edited = Self.wire.replacingOccurrences(of: "يوم الاثنين", with: "الاثنين") + " وأحيل الموقوفون إلى القضاء"
        let articles = [
            Self.article(1, Self.wire, day: "2025-05-10", outlet: "سانا", [Self.incident("arrest", place: "دوما", killed: nil)]),
            Self.article(2, Self.other, day: "2025-05-10", outlet: "شفق", [Self.incident("arrest", place: "البصرة", stated: "2025-05-10")]),
            Self.article(3, edited, day: "2025-05-10", outlet: "العربية", [Self.incident("raid", place: "دوما")]),
            Self.article(4, Self.wire + " في ريف دمشق", day: "2025-05-20", outlet: "سكاي", [Self.incident("arrest", place: "دوما")]),
            Self.article(
                5, Self.other + " مرة أخرى", day: "2025-05-20", outlet: "شفق", [Self.incident("arrest", place: "البصرة", stated: "2025-05-20")]),
        ]
        for new in articles {
            let id = try store.insert(new)
            try store.link(articleID: id, options: MergeOptions())
        }
        // 1, 3 and 4 are one wire text (4 copied ten days later): one story, and one arrest
        // (the text of one story says the same place). 2 is another story, and 5 its text
        // again ten days later with an arrest it dates ten days later: one story, two arrests.
        #expect(try stories(store.db) == [1, 2, 1, 1, 2])
        let first = try incidents(store.db)
        #expect(first[0] == first[2] && first[0] == first[3])
        #expect(first[1] != first[4])
        #expect(Set(first).count == 3)
        let merged = try store.db.prepare("SELECT articles, outlets, type FROM merged_incidents WHERE id = ?").bind(.integer(first[0]))
        #expect(try merged.step())
        #expect(merged.int64(0) == 3)
        #expect(merged.text(1) == "العربية|سانا|سكاي")

        try store.relinkAll(options: MergeOptions(), batch: 2)
        #expect(try stories(store.db) == [1, 2, 1, 1, 2])
        #expect(try incidents(store.db) == first)
        #expect(try store.needsRelink() == false)
    }

    @Test func aLaterArticleCanJoinTwoEarlierStories() throws {
        let temporary = try TemporaryDatabase()
        let store = try StoreWriter(path: temporary.path)
        // Two halves of one text share no shingle band; the whole text is a near-duplicate
        // of each, and makes them one story.
        let words = Self.wire.split(separator: " ")
        let half = words.count / 2
        let a = words[..<(half + 8)].joined(separator: " ")
        let b = words[(half - 8)...].joined(separator: " ")
        for (number, text) in [(1, a), (2, b), (3, Self.wire)] {
            let id = try store.insert(Self.article(number, text, day: "2025-05-10", outlet: "سانا", []))
            try store.link(articleID: id, options: MergeOptions(stories: StoryThresholds(nearDuplicate: 0.45, rewrite: 0.9)))
        }
        let ids = try stories(store.db)
        #expect(ids[2] == 1)
        #expect(ids[0] == ids[2])
    }
}
