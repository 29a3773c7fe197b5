import Foundation
import Testing

/// Boilerplate learned from repetition and the outlet of a drop folder, through the real
/// marsadd and marsadctl: a line that recurs in `ingest.boilerplate_repeats` articles of one
/// outlet or folder goes from then on, audited; reprocess cleans the articles before it.
@Suite("Boilerplate learned from what arrives")
struct LearnedBoilerplateTests {
    /// An article of its own (a sentence that names `town`) with the site's closing line.
    func article(_ town: String, footer: String) -> Data {
        Data(
            """
            افتتاح مكتبة عامة جديدة في \(town)
            افتتحت البلدية صباح اليوم مكتبة عامة جديدة في \(town) تضم آلاف الكتب وقاعة للمطالعة.
            وقال رئيس البلدية إن المكتبة ستفتح أبوابها للزوار طوال أيام الأسبوع.
            \(footer)
            """.utf8)
    }

    let footer = "لمتابعة آخر أخباركم المحلية انضموا إلى قناتنا على تلغرام"
    let towns = ["المدينة الشمالية", "القرية الساحلية", "البلدة الجبلية", "الضاحية الغربية"]

    func show(_ daemon: RunningDaemon, _ id: Int) throws -> String {
        try daemon.marsadctl("show", String(id), "--removed").stdout
    }

    @Test func aLineRepeatedInAFolderGoesFromTheThirdArticleOnAndReprocessCleansTheFirst() throws {
        let daemon = try RunningDaemon()
        try daemon.start(["--config", try daemon.config("[ingest]\nboilerplate_repeats = 3\n")])
        for (number, town) in towns.enumerated() {
            try daemon.drop("site/\(number).txt", article(town, footer: footer))
            try daemon.waitForStatus("article \(number + 1)") { $0.articles == number + 1 }
        }
        // The first two kept it: two articles are no repetition yet.
        for id in [1, 2] { #expect(try show(daemon, id).contains("انضموا إلى قناتنا")) }
        let third = try show(daemon, 3)
        #expect(third.contains("[repeated-line (3 articles of folder:site)] \(footer)"), "\(third)")
        #expect(try show(daemon, 4).contains("[repeated-line (4 articles of folder:site)]"))
        // The article's own lines, in every one of them, stay.
        #expect(third.contains("وقال رئيس البلدية"))
        #expect(try daemon.searchIDs("قناتنا") == [1, 2])
        _ = try daemon.marsadctl("reprocess", "--all")
        #expect(try daemon.searchIDs("قناتنا").isEmpty)
        #expect(try show(daemon, 1).contains("[repeated-line (4 articles of folder:site)]"))
        // A copy of stored bytes is a sighting: it counts nothing again.
        try daemon.drop("site/again.txt", article(towns[0], footer: footer))
        try waitUntil("the copy's sighting") { try daemon.status().queue == 0 && daemon.files(in: daemon.inbox).isEmpty }
        _ = try daemon.marsadctl("reprocess", "--all")
        #expect(try show(daemon, 1).contains("[repeated-line (4 articles of folder:site)]"))
    }

    @Test func linesAreCountedPerFolderAndLearningCanBeTurnedOff() throws {
        let daemon = try RunningDaemon()
        try daemon.start(["--config", try daemon.config("[ingest]\nboilerplate_repeats = 0\n")])
        for (number, town) in towns.enumerated() {
            // Two folders: neither of them holds the line three times.
            try daemon.drop("\(number % 2 == 0 ? "a" : "b")/\(number).txt", article(town, footer: footer))
        }
        try daemon.waitForStatus("4 articles") { $0.articles == 4 }
        #expect(try daemon.searchIDs("قناتنا").count == 4)
        #expect(daemon.stop() == 0)
        try daemon.start(["--config", try daemon.config("[ingest]\nboilerplate_repeats = 2\n")])
        for (number, town) in towns.enumerated() {
            try daemon.drop("\(number % 2 == 0 ? "c" : "d")/\(number).txt", article(town + " القديمة", footer: footer))
        }
        try daemon.waitForStatus("8 articles") { $0.articles == 8 }
        // Per folder: the second article of each of c and d loses it.
        #expect(try daemon.searchIDs("قناتنا").count == 6)
    }

    @Test func aFolderNamedForAnOutletGivesItsArticlesThatOutletAndItsLinesAreCountedThere() throws {
        let daemon = try RunningDaemon()
        let config = "[ingest]\nboilerplate_repeats = 2\n[outlets]\nbbc = \"بي بي سي\"\n"
        try daemon.start(["--config", try daemon.config(config)])
        try daemon.drop("bbc/1.txt", article(towns[0], footer: footer))
        try daemon.drop("bbc/2.txt", article(towns[1], footer: footer))
        try daemon.drop("other.txt", article(towns[2], footer: footer))
        try daemon.waitForStatus("3 articles") { $0.articles == 3 }
        let export = try daemon.marsadctl("export", "--format", "jsonl").stdout.split(separator: "\n").map { try jsonObject(String($0)) }
        let outlets = Dictionary(
            uniqueKeysWithValues: export.map { ($0["file"] as? String ?? "?", ($0["outlet"] as? [String: Any])?["ar"] as? String) })
        #expect(outlets["bbc/1.txt"] == "بي بي سي" && outlets["bbc/2.txt"] == "بي بي سي")
        #expect(outlets.keys.contains("other.txt") && outlets["other.txt"]! == nil)
        let removed = export.flatMap { ($0["removed_lines"] as? [String]) ?? [] }
        #expect(removed.filter { $0 == footer }.count == 1)
    }
}
