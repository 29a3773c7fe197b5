import Foundation
import MarsadText
import Testing

@Suite("The samples through the daemon, against the gold annotations")
struct GoldTests {
    @Test func theExportMatchesTheGoldForEveryTextField() throws {
        let goldData = try Data(contentsOf: Seeds.folder.appendingPathComponent("seeds.gold.json"))
        let root = try #require(JSONSerialization.jsonObject(with: goldData) as? [String: Any])
        let gold = try #require(root["articles"] as? [[String: Any]])
        let daemon = try RunningDaemon()
        try daemon.start()
        for seed in try Seeds.all() { try daemon.drop(seed.name, seed.data) }
        try daemon.waitForStatus("5 articles") { $0.articles == 5 }
        let export = try daemon.marsadctl("export", "--format", "jsonl")
        var records: [String: [String: Any]] = [:]
        for line in export.stdout.split(separator: "\n") {
            let record = try jsonObject(String(line))
            records[record["file"] as? String ?? "?"] = record
        }
        let form = Normalization.search
        var checks = 0
        var passed = 0
        func check(_ ok: Bool, _ what: String) {
            checks += 1
            if ok { passed += 1 }
            #expect(ok, "\(what)")
        }
        for expected in gold {
            let file = expected["file"] as? String ?? "?"
            let record = try #require(records[file], "\(file) not exported")
            // Title (or null), compared in search form as the gold says.
            check((record["title"] as? String).map(form) == (expected["title"] as? String).map(form), "\(file): title")
            // Outlet and publication date.
            let outlet = record["outlet"] as? [String: Any]
            let goldOutlet = expected["outlet"] as? [String: Any]
            check(
                (outlet?["ar"] as? String) == (goldOutlet?["ar"] as? String) && (outlet?["en"] as? String) == (goldOutlet?["en"] as? String),
                "\(file): outlet \(String(describing: outlet))")
            check((record["published"] as? String) == (expected["published"] as? String), "\(file): published")
            // Boilerplate: removed, and exactly that.
            let removed = (record["removed_lines"] as? [String] ?? []).map(form)
            let boilerplate = (expected["boilerplate"] as? [String] ?? []).map(form)
            check(boilerplate.allSatisfy(removed.contains), "\(file): boilerplate not removed")
            let clean = record["clean_text"] as? String ?? ""
            // De-obfuscation: every disguised word appears restored, none as written.
            for pair in expected["obfuscated"] as? [[String]] ?? [] {
                check(!clean.contains(pair[0]) && form(clean).contains(form(pair[1])), "\(file): \(pair[0])")
            }
            // The headline once.
            if let title = record["title"] as? String {
                check(clean.components(separatedBy: title).count - 1 == 1, "\(file): title not once")
            }
        }
        print("gold (title, outlet, published, boilerplate, de-obfuscation, title once): \(passed) of \(checks) checks")
        #expect(passed == checks)
    }
}

@Suite("HTML and JSON drops")
struct FormatDropTests {
    @Test func htmlAndJSONArticlesAreStoredWithTheirMetadataAndBadJSONFails() throws {
        let daemon = try RunningDaemon()
        try daemon.start()
        try daemon.drop("page.html", Data(ArticleInputTests_page.utf8))
        try daemon.drop(
            "item.json",
            Data(
                #"{"title": "تفكيك خلية في دير الزور", "body": "أعلنت قوى الأمن تفكيك خلية.", "published": "2025-11-02", "source": "North Press"}"#
                    .utf8))
        try daemon.drop("broken.json", Data(#"{"title": "بلا نص"}"#.utf8))
        try daemon.waitForStatus("2 articles and a failure") { $0.articles == 2 && $0.failed == 1 }
        var records: [String: [String: Any]] = [:]
        for line in try daemon.marsadctl("export", "--format", "jsonl").stdout.split(separator: "\n") {
            let record = try jsonObject(String(line))
            records[record["file"] as? String ?? "?"] = record
        }
        let page = try #require(records["page.html"])
        #expect(page["title"] as? String == "الجيش يشدد حملته ضد داعش")
        #expect(page["published"] as? String == "2025-10-26")
        #expect((page["outlet"] as? [String: Any])?["en"] as? String == "Enab Baladi")
        #expect(!(page["clean_text"] as? String ?? "").contains("الرئيسية"))
        let item = try #require(records["item.json"])
        #expect(item["title"] as? String == "تفكيك خلية في دير الزور")
        #expect(item["published"] as? String == "2025-11-02")
        #expect((item["outlet"] as? [String: Any])?["ar"] as? String == "نورث برس")
        let failed = try jsonObject(try daemon.marsadctl("failed", "--json").stdout)["failed"] as? [[String: Any]]
        #expect(failed?.first?["code"] as? String == "bad-format")
        #expect(try (jsonObject(try daemon.marsadctl("search", "البادية", "--json").stdout)["results"] as? [Any])?.count == 1)
    }
}

/// The HTML page of the unit tests, repeated here: the end-to-end target does not see them.
let ArticleInputTests_page = """
    <!DOCTYPE html><html lang="ar"><head>
    <title>الجيش يشدد حملته ضد داعش | موقع الأخبار</title>
    <meta property="og:site_name" content="عنب بلدي">
    <meta property="article:published_time" content="2025-10-26T09:30:00+03:00">
    </head><body><header><nav>الرئيسية | سياسة</nav></header>
    <article><h1>الجيش يشدد حملته ضد د|عـ.ـش</h1>
    <p>أعلن قائد قوات الأمن السورية عن عملية في البادية.</p></article></body></html>
    """
