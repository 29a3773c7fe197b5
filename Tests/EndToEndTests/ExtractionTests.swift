import Foundation
import MarsadText
import Testing

/// The samples through the real daemon: the JSON Lines export (DESIGN §9's contract) scored
/// against the gold annotations, and the CLI views over the same store.
@Suite("Extraction through the daemon, scored on its export")
struct ExtractionTests {
    struct Score {
        var truePositives = 0, falsePositives = 0, falseNegatives = 0
        mutating func add(_ found: Set<String>, _ expected: Set<String>) {
            truePositives += found.intersection(expected).count
            falsePositives += found.subtracting(expected).count
            falseNegatives += expected.subtracting(found).count
        }
        var precision: Double { Double(truePositives) / Double(max(truePositives + falsePositives, 1)) }
        var recall: Double { Double(truePositives) / Double(max(truePositives + falseNegatives, 1)) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    static func daemonWithSeeds() throws -> RunningDaemon {
        let daemon = try RunningDaemon()
        try daemon.start()
        for seed in try Seeds.all() { try daemon.drop(seed.name, seed.data) }
        try daemon.waitForStatus("5 articles") { $0.articles == 5 }
        return daemon
    }

    @Test func theExportScoresAboveTheTargets() throws {
        let goldData = try Data(contentsOf: Seeds.folder.appendingPathComponent("seeds.gold.json"))
        let gold = try #require((try JSONSerialization.jsonObject(with: goldData) as? [String: Any])?["articles"] as? [[String: Any]])
        let daemon = try Self.daemonWithSeeds()
        var records: [String: [String: Any]] = [:]
        for line in try daemon.marsadctl("export", "--format", "jsonl").stdout.split(separator: "\n") {
            let record = try jsonObject(String(line))
            records[record["file"] as? String ?? "?"] = record
        }
        let form = Normalization.search
        var governorates = Score()
        var countries = Score()
        var actors = Score()
        var people = Score()
        var incidents = Score()
        var localitiesFound = 0
        var localitiesExpected = 0
        var quantitiesFound = 0
        var quantitiesExpected = 0
        for expected in gold {
            let file = expected["file"] as? String ?? "?"
            let record = try #require(records[file])
            #expect(record["extractor_version"] as? Int != nil, "\(file): no extractor version")
            let places = record["places"] as? [[String: Any]] ?? []
            governorates.add(Set(places.compactMap { $0["admin1"] as? String }), Set(expected["admin1"] as? [String] ?? []))
            countries.add(Set(places.compactMap { $0["country"] as? String }), Set(expected["countries"] as? [String] ?? []))
            actors.add(
                Set((record["actors"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }), Set(expected["actors"] as? [String] ?? []))
            people.add(
                Set((record["people"] as? [[String: Any]] ?? []).compactMap { ($0["name_ar"] as? String).map(form) }),
                Set((expected["people"] as? [String] ?? []).map(form)))
            let named = Set(places.compactMap { ($0["name_ar"] as? String).map(form) })
            for locality in expected["localities"] as? [String] ?? [] {
                localitiesExpected += 1
                if named.contains(form(locality)) { localitiesFound += 1 }
            }
            let quantities = (record["quantities"] as? [[String: Any]] ?? []).map {
                "\($0["value"] as? Int ?? -1) \($0["qualifier"] as? String ?? "-")"
            }
            for quantity in (expected["quantities"] as? [[String: Any]] ?? []) where quantity["optional"] as? Bool != true {
                quantitiesExpected += 1
                if quantities.contains("\(quantity["value"] as? Int ?? -2) \(quantity["qualifier"] as? String ?? "-")") { quantitiesFound += 1 }
            }
            // Incidents: type and governorate (or country); optional gold events are neither missed nor extra.
            func key(_ event: [String: Any]) -> String {
                "\(event["type"] as? String ?? "") \(event["admin1"] as? String ?? event["country"] as? String ?? "-")"
            }
            var found = (record["events"] as? [[String: Any]] ?? []).map(key)
            let events = expected["events"] as? [[String: Any]] ?? []
            for event in events where event["optional"] as? Bool != true {
                if let index = found.firstIndex(of: key(event)) {
                    found.remove(at: index)
                    incidents.truePositives += 1
                } else {
                    incidents.falseNegatives += 1
                }
            }
            for event in events where event["optional"] as? Bool == true {
                if let index = found.firstIndex(of: key(event)) { found.remove(at: index) }
            }
            incidents.falsePositives += found.count
        }
        let localityRecall = Double(localitiesFound) / Double(max(localitiesExpected, 1))
        let quantityRecall = Double(quantitiesFound) / Double(max(quantitiesExpected, 1))
        print(
            """
            scored on the export of the five samples:
              governorate F1 \(String(format: "%.2f", governorates.f1)) (target 0.95)   country F1 \(String(format: "%.2f", countries.f1)) (0.90)
              actor F1 \(String(format: "%.2f", actors.f1)) (0.90)   people F1 \(String(format: "%.2f", people.f1)) (0.90)
              incident (type + governorate) F1 \(String(format: "%.2f", incidents.f1)) (0.80): P \(String(format: "%.2f", incidents.precision)) R \(String(format: "%.2f", incidents.recall))
              localities recall \(String(format: "%.2f", localityRecall)) (0.90)   quantities recall \(String(format: "%.2f", quantityRecall)) (0.90)
            """)
        #expect(governorates.f1 >= 0.95)
        #expect(countries.f1 >= 0.90)
        #expect(actors.f1 >= 0.90)
        #expect(people.f1 >= 0.90)
        #expect(incidents.f1 >= 0.80)
        #expect(localityRecall >= 0.90)
        #expect(quantityRecall >= 0.90)
    }

    @Test func theViewsFilterCountAndExport() throws {
        let daemon = try Self.daemonWithSeeds()
        // Each article's reports, filtered by type and by a place in any spelling, with the
        // evidence under each.
        let arrests = try daemon.marsadctl("events", "--mentions", "--type", "arrest", "--place", "ديرالزور", "--json")
        #expect(arrests.status == 0, "\(arrests.stderr)")
        let events = try #require(try jsonObject(arrests.stdout)["events"] as? [[String: Any]])
        #expect(!events.isEmpty)
        for item in events {
            let event = try #require(item["event"] as? [String: Any])
            #expect(event["type"] as? String == "arrest")
            #expect(event["admin1"] as? String == "SY09" || (event["places"] as? [String] ?? []).contains("دير الزور"))
        }
        let byEnglish = try daemon.marsadctl("events", "--mentions", "--place", "Deir-ez-Zor", "--actor", "قسد", "--json")
        #expect(try (jsonObject(byEnglish.stdout)["events"] as? [[String: Any]])?.isEmpty == false)
        let table = try daemon.marsadctl("events", "--mentions", "--actor", "SDF")
        #expect(table.stdout.contains("«* القبض على 3 عناصر في شمال الرقة"), "\(table.stdout)")
        // By default, incidents as their reports make them, each with its articles and outlets,
        // filtered the same way; one of them opens on its reports.
        let merged = try jsonObject(try daemon.marsadctl("events", "--type", "arrest", "--place", "ديرالزور", "--json").stdout)
        let incidents = try #require(merged["incidents"] as? [[String: Any]])
        #expect(!incidents.isEmpty)
        #expect(incidents.allSatisfy { $0["type"] as? String == "arrest" && ($0["articles"] as? Int ?? 0) >= 1 })
        let first = try #require(incidents.first?["id"] as? Int)
        let detail = try daemon.marsadctl("events", String(first))
        #expect(detail.status == 0 && detail.stdout.contains("reports ("), "\(detail.stdout)\(detail.stderr)")
        let missing = try daemon.marsadctl("show-incident", "999999")
        #expect(missing.status != 0 && missing.stderr.contains("no incident with id 999999"), "\(missing.stderr)")
        // A filter that names nothing known is an error a user can act on, not an empty list.
        let unknown = try daemon.marsadctl("events", "--place", "Atlantis")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no place called \"Atlantis\""))
        let badType = try daemon.marsadctl("events", "--type", "riot")
        #expect(badType.status == 1)
        #expect(badType.stderr.contains("foiled-plot"))
        // places: governorates with p-codes, countries, localities.
        let places = try jsonObject(try daemon.marsadctl("places", "--json").stdout)
        let governorates = try #require(places["governorates"] as? [[String: Any]])
        #expect(governorates.contains { $0["key"] as? String == "SY09" && ($0["incidents"] as? Int ?? 0) > 0 })
        #expect(
            (places["localities"] as? [[String: Any]] ?? []).contains { $0["name_ar"] as? String == "التنف" && $0["admin1"] as? String == "SY04" })
        // actors, with incidents.
        let actors = try #require(try jsonObject(try daemon.marsadctl("actors", "--json").stdout)["actors"] as? [[String: Any]])
        #expect(actors.contains { $0["key"] as? String == "ISIS" && ($0["articles"] as? Int) == 5 })
        // timeline: 004 is dated by its text (2025-10-26); the others by the day they were
        // received: every incident has a date, none is undated.
        // By default the last 12 weeks that have incidents: 004's October 2025 is earlier.
        let timeline = try jsonObject(try daemon.marsadctl("timeline", "--json").stdout)
        let buckets = try #require(timeline["buckets"] as? [[String: Any]])
        #expect(buckets.count <= 84 && !buckets.isEmpty)
        #expect((timeline["earlier"] as? Int ?? 0) > 0)
        #expect((timeline["undated"] as? Int ?? 0) == 0)
        let october = try jsonObject(try daemon.marsadctl("timeline", "--since", "2025-10-01", "--until", "2025-10-31", "--json").stdout)
        #expect((october["buckets"] as? [[String: Any]])?.first?["start"] as? String == "2025-10-26")
        let dated = try #require(try jsonObject(try daemon.marsadctl("events", "--mentions", "--json").stdout)["events"] as? [[String: Any]])
        #expect(dated.allSatisfy { ($0["event"] as? [String: Any])?["date"] is String })
        #expect(dated.contains { ($0["event"] as? [String: Any])?["date_basis"] as? String == "received" })
        #expect(try daemon.marsadctl("timeline", "--by", "week", "--since", "2025-10-01", "--until", "2025-10-31").stdout.contains("2025-10-20"))
        // show lists each finding with its evidence.
        let show = try daemon.marsadctl("show", "2")
        #expect(show.stdout.contains("incidents ("))
        #expect(show.stdout.contains("مايكل كوريلا"))
        // CSV: a header and one row per incident; GeoJSON: points with properties.
        let csv = try daemon.marsadctl("export", "--format", "csv").stdout
        #expect(csv.hasPrefix("article_id,file,published,type,admin1"))
        let totalEvents = try daemon.marsadctl("export", "--format", "jsonl").stdout.split(separator: "\n")
            .map { (try jsonObject(String($0))["events"] as? [[String: Any]])?.count ?? 0 }.reduce(0, +)
        #expect(csv.split(separator: "\r\n").count == totalEvents + 1)
        // GeoJSON carries every incident, each with coordinates (its place's, else its
        // division's, else its country's centroid) and a first-level division.
        let geojson = try jsonObject(try daemon.marsadctl("export", "--format", "geojson").stdout)
        let features = try #require(geojson["features"] as? [[String: Any]])
        #expect(features.count == totalEvents)
        #expect(features.allSatisfy { $0["geometry"] is [String: Any] }, "every incident of the samples has a country: a point")
        #expect(features.contains { ($0["properties"] as? [String: Any])?["division"] as? String == "SY-DY" })
        let points = features.compactMap { ($0["geometry"] as? [String: Any])?["coordinates"] as? [Double] }
        let point = try #require(points.first)
        #expect(point.count == 2 && (30...45).contains(point[0]) && (30...40).contains(point[1]), "lon, lat in Syria: \(point)")
        // ACLED's columns, one row per incident.
        let acled = try daemon.marsadctl("export", "--format", "acled").stdout.split(separator: "\r\n")
        #expect(
            acled.first
                == "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities"
        )
        #expect(acled.count == totalEvents + 1)
        #expect(acled.dropFirst().contains { $0.hasPrefix("SY") && $0.contains("Strategic developments,Arrests") })
        // events: the incident's id and its figures by role.
        let listed = try daemon.marsadctl("events").stdout
        #expect(listed.hasPrefix("ID"))
        #expect(listed.contains("3 captured"))
        // Dates an analyst cannot mean are refused.
        #expect(try daemon.marsadctl("events", "--since", "2025-02-30").stderr.contains("calendar date"))
        let backwards = try daemon.marsadctl("timeline", "--since", "2025-10-27", "--until", "2025-10-01")
        #expect(backwards.status == 1 && backwards.stderr.contains("is after"))
    }

    @Test func findingsFromAnOlderExtractorAreReadAgainAndReprocessKeepsThem() throws {
        let daemon = try Self.daemonWithSeeds()
        func events() throws -> Int {
            try daemon.marsadctl("export").stdout.split(separator: "\n").map { (try jsonObject(String($0))["events"] as? [Any])?.count ?? 0 }.reduce(
                0, +)
        }
        let before = try events()
        #expect(before > 0)
        // reprocess re-derives everything from the raw bytes, findings included.
        #expect(try daemon.marsadctl("reprocess", "--all").status == 0)
        #expect(try events() == before)
        // An article whose findings an older extractor made is read again at start-up.
        #expect(daemon.stop() == 0)
        let database = daemon.dataDir.appendingPathComponent("marsad.db").path
        let sql = "DELETE FROM incidents WHERE article_id = 2; UPDATE articles SET extractor_version = 0 WHERE id = 2;"
        let downgrade = try run(
            "/usr/bin/env",
            ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", database, sql])
        try #require(downgrade.0 == 0, "\(downgrade.1)")
        try daemon.start()
        #expect(daemon.log.contains("read places, actors and incidents of 1 stored articles"))
        #expect(try events() == before)
    }
}
