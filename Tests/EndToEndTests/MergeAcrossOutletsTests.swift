import Foundation
import Testing

/// Issue 17 through the real daemon: one wire report dropped by two outlets' folders and
/// rewritten by a third is one story and one incident; another report of that day stays
/// apart; reprocess --all gives the same stories and the same incident ids. Texts written
/// for the test.
@Suite("One story, one incident, many sources", .serialized)
struct MergeAcrossOutletsTests {
    static let wire = """
        مقتل خمسة أشخاص في تفجير سيارة مفخخة في مدينة الباب

        قتل خمسة أشخاص وأصيب عشرة آخرون يوم الاثنين في انفجار سيارة مفخخة قرب سوق شعبي في مدينة الباب بريف حلب الشمالي، \
        بحسب ما أفاد مصدر في الدفاع المدني. وقال المصدر إن الانفجار وقع في ساعات الصباح الأولى قرب دوار السنتر، وإن فرق \
        الإسعاف نقلت الجرحى إلى مستشفى المدينة. ولم تتبن أي جهة التفجير حتى الآن، وتشهد المدينة تفجيرات متكررة منذ سنوات.
        """

    static let rewrite = """
        تفجير دام يضرب سوقا في الباب

        أفاد الدفاع المدني بأن سيارة مفخخة انفجرت صباح الاثنين قرب دوار السنتر في مدينة الباب شمالي حلب، ما أدى إلى مقتل سبعة \
        أشخاص وإصابة آخرين. وأوضح عناصر الإسعاف أن الجرحى نقلوا إلى مستشفى المدينة، في حين لم تعلن أي جهة مسؤوليتها.
        """

    static let other = """
        اعتقال ثلاثة مطلوبين في دير الزور

        أعلنت قوى الأمن الداخلي يوم الاثنين اعتقال ثلاثة مطلوبين بتهمة الانتماء إلى خلايا تنظيم داعش في بلدة الشحيل بريف دير \
        الزور الشرقي، خلال عملية أمنية شارك فيها التحالف الدولي، وضبطت بحوزتهم أسلحة خفيفة.
        """

    @Test func copiesAndRewritesAreOneStoryAndOneIncidentAndReprocessKeepsThem() throws {
        let daemon = try RunningDaemon()
        let config = "[outlets]\nsana = \"سانا\"\nbbc = \"بي بي سي\"\nsky = \"سكاي نيوز عربية\"\n"
        try daemon.start(["--config", try daemon.config(config)])
        try daemon.drop("sana/2025-05-12-bab.txt", Data(Self.wire.utf8))
        let copy = Self.wire.replacingOccurrences(of: "يوم الاثنين", with: "الاثنين") + "\nوكانت المدينة قد شهدت تفجيرا مماثلا الشهر الماضي."
        try daemon.drop("bbc/2025-05-12-bab.txt", Data(copy.utf8))
        try daemon.drop("sky/2025-05-12-bab.txt", Data(Self.rewrite.utf8))
        try daemon.drop("sana/2025-05-12-shuhayl.txt", Data(Self.other.utf8))
        try daemon.waitForStatus("4 articles") { $0.articles == 4 }

        let stories = try #require(try jsonObject(try daemon.marsadctl("stories", "--json").stdout)["stories"] as? [[String: Any]])
        #expect(stories.count == 1, "\(stories)")
        #expect(stories.first?["size"] as? Int == 3)
        #expect((stories.first?["outlets"] as? [String])?.count == 3)

        let incidents = try #require(try jsonObject(try daemon.marsadctl("events", "--json").stdout)["incidents"] as? [[String: Any]])
        let bombing = try #require(incidents.first { $0["type"] as? String == "explosion" || $0["type"] as? String == "attack" }, "\(incidents)")
        #expect(bombing["articles"] as? Int == 3, "\(bombing)")
        // ACLED's conservative figure: five killed, not seven.
        #expect(bombing["killed"] as? Int == 5, "\(bombing)")
        #expect(incidents.contains { $0["type"] as? String == "arrest" && $0["articles"] as? Int == 1 }, "\(incidents)")

        let id = try #require(bombing["id"] as? Int)
        let detail = try daemon.marsadctl("events", String(id))
        #expect(detail.stdout.contains("merged with"), "\(detail.stdout)")

        // The incidents export: one line per incident, with every report and its own figure.
        let lines = try daemon.marsadctl("export", "--incidents").stdout.split(separator: "\n").map { try jsonObject(String($0)) }
        let exported = try #require(lines.first { $0["id"] as? Int == id })
        let figures = (exported["reports"] as? [[String: Any]] ?? []).compactMap { ($0["event"] as? [String: Any])?["killed"] as? Int }
        #expect(Set(figures) == [5, 7], "\(figures)")
        // In ACLED's columns, the incident's source is every outlet that reported it.
        let acled = try daemon.marsadctl("export", "--incidents", "--format", "acled").stdout.split(separator: "\r\n")
        let row = try #require(acled.first { $0.hasPrefix("SY\(id),") }, "\(acled)")
        #expect(row.contains("BBC Arabic") && row.contains("Sky News Arabia") && row.split(separator: ";").count >= 3, "\(row)")

        // Every article's story_id and every event's incident_id, the same after reprocess.
        func snapshot() throws -> [String] {
            try daemon.marsadctl("export", "--format", "jsonl").stdout.split(separator: "\n").map { line in
                let record = try jsonObject(String(line))
                let events = (record["events"] as? [[String: Any]] ?? []).map { "\($0["incident_id"] ?? "-")" }
                return "\(record["file"] ?? "") \(record["story_id"] ?? "-") \(events.joined(separator: ","))"
            }.sorted()
        }
        let before = try snapshot()
        #expect(try daemon.marsadctl("reprocess", "--all").status == 0)
        #expect(try snapshot() == before)

        // An analyst splits the rewrite's report out, then joins the arrest to the bombing
        // (to see it kept): both hold through reprocess --all.
        let reports = try #require(
            try jsonObject(try daemon.marsadctl("events", String(id), "--json").stdout)["reports"] as? [[String: Any]])
        let last = try #require(reports.last)
        let report = "\(last["article_id"] ?? "")/\(last["position"] ?? "")"
        let split = try daemon.marsadctl("incidents", "split", String(id), report)
        #expect(split.status == 0, "\(split.stderr)")
        let wrong = try daemon.marsadctl("incidents", "split", String(id), "999/0")
        #expect(wrong.status != 0 && wrong.stderr.contains("is not one of incident"), "\(wrong.stderr)")
        func articles(of incident: Int) throws -> Int? {
            try (jsonObject(try daemon.marsadctl("events", String(incident), "--json").stdout)["incident"] as? [String: Any])?["articles"] as? Int
        }
        #expect(try articles(of: id) == 2)
        #expect(try daemon.marsadctl("reprocess", "--all").status == 0)
        #expect(try articles(of: id) == 2, "the split holds")
        let arrest = try #require(incidents.first { $0["type"] as? String == "arrest" }?["id"] as? Int)
        let join = try daemon.marsadctl("incidents", "join", String(id), String(arrest))
        #expect(join.status == 0, "\(join.stderr)")
        #expect(try daemon.marsadctl("reprocess", "--all").status == 0)
        #expect(try articles(of: id) == 3, "the join holds")
    }
}
