import Foundation
import MarsadPipeline
import MarsadText
import Testing

@testable import MarsadExtract

/// Scores what marsad reads out of the five samples against the gold annotations
/// (seeds/seeds.gold.json) and prints the table. Comparisons in search form, as the gold
/// file says (diacritics and tatweel removed, letter forms unified).
@Suite("Extraction scored against the gold annotations")
struct GoldScoreTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../seeds").standardized

    struct Score: CustomStringConvertible {
        var truePositives = 0, falsePositives = 0, falseNegatives = 0
        var misses: [String] = [], extras: [String] = []
        mutating func add(found: Set<String>, expected: Set<String>, optional: Set<String> = [], file: String) {
            truePositives += found.intersection(expected).count
            let extra = found.subtracting(expected).subtracting(optional)
            let missed = expected.subtracting(found)
            falsePositives += extra.count
            falseNegatives += missed.count
            extras += extra.map { "\(file.prefix(3)):\($0)" }
            misses += missed.map { "\(file.prefix(3)):\($0)" }
        }
        var precision: Double { Double(truePositives) / Double(max(truePositives + falsePositives, 1)) }
        var recall: Double { Double(truePositives) / Double(max(truePositives + falseNegatives, 1)) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        var description: String { String(format: "P %.2f  R %.2f  F1 %.2f", precision, recall, f1) }
    }

    @Test func theSamplesScoreAboveTheTargets() throws {
        let gold = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: Self.root.appendingPathComponent("seeds.gold.json"))) as? [String: Any])
        let articles = try #require(gold["articles"] as? [[String: Any]])
        var governorates = Score()
        var countries = Score()
        var actors = Score()
        var people = Score()
        var localities = Score()
        var quantities = Score()
        var incidents = Score()
        for article in articles {
            let file = try #require(article["file"] as? String)
            let bytes = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent(file)))
            // What marsadd stores: the one pipeline, with its bounds.
            let findings = try #require(try Pipeline.derive(bytes: bytes, fileName: file).findings)
            let form = { (text: String) in Normalization.search(text) }
            governorates.add(
                found: Set(findings.places.compactMap(\.admin1)), expected: Set(article["admin1"] as? [String] ?? []), file: file)
            countries.add(found: Set(findings.places.map(\.country)), expected: Set(article["countries"] as? [String] ?? []), file: file)
            actors.add(found: Set(findings.actors.map(\.id)), expected: Set(article["actors"] as? [String] ?? []), file: file)
            people.add(found: Set(findings.people.map { form($0.name) }), expected: Set((article["people"] as? [String] ?? []).map(form)), file: file)
            let named = Set(findings.places.map { form($0.nameAr) })
            localities.add(
                found: named.intersection(Set((article["localities"] as? [String] ?? []).map(form))),
                expected: Set((article["localities"] as? [String] ?? []).map(form)), file: file)
            let expectedQuantities = (article["quantities"] as? [[String: Any]] ?? []).filter { $0["optional"] as? Bool != true }
            let foundQuantities = Set(findings.quantities.compactMap { quantity in quantity.value.map { "\($0) \(quantity.qualifier ?? "-")" } })
            quantities.add(
                found: foundQuantities.intersection(
                    Set(expectedQuantities.map { "\($0["value"] as? Int ?? -1) \($0["qualifier"] as? String ?? "-")" })),
                expected: Set(expectedQuantities.map { "\($0["value"] as? Int ?? -1) \($0["qualifier"] as? String ?? "-")" }), file: file)
        }
        func key(type: String, admin1: String?, country: String?) -> String { "\(type) \(admin1 ?? country ?? "-")" }
        // Incidents: type and governorate (or country when the gold gives none); each gold
        // event matches one found; an optional one is neither missed nor an extra.
        for article in articles {
            let file = article["file"] as? String ?? "?"
            let bytes = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent(file)))
            var found = try #require(try Pipeline.derive(bytes: bytes, fileName: file).findings).incidents
                .map { key(type: $0.type, admin1: $0.admin1, country: $0.admin1 == nil ? $0.country : nil) }
            let events = article["events"] as? [[String: Any]] ?? []
            for event in events where event["optional"] as? Bool != true {
                let wanted = key(type: event["type"] as? String ?? "", admin1: event["admin1"] as? String, country: event["country"] as? String)
                if let index = found.firstIndex(of: wanted) {
                    found.remove(at: index)
                    incidents.truePositives += 1
                } else {
                    incidents.falseNegatives += 1
                    incidents.misses.append("\(file.prefix(3)):\(wanted)")
                }
            }
            for event in events where event["optional"] as? Bool == true {
                let allowed = key(type: event["type"] as? String ?? "", admin1: event["admin1"] as? String, country: event["country"] as? String)
                if let index = found.firstIndex(of: allowed) { found.remove(at: index) }
            }
            incidents.falsePositives += found.count
            incidents.extras += found.map { "\(file.prefix(3)):\($0)" }
        }
        let rows: [(String, Score, String)] = [
            ("incident (type+admin1)", incidents, "F1 >= 0.80"),
            ("governorate (admin1)", governorates, "F1 >= 0.95"), ("country", countries, "F1 >= 0.90"), ("actor", actors, "F1 >= 0.90"),
            ("people", people, "F1 >= 0.90"), ("localities", localities, "recall >= 0.90"), ("quantities", quantities, "recall >= 0.90"),
        ]
        print("extraction scored on the five samples (seeds/seeds.gold.json):")
        for (name, score, target) in rows {
            print("  \(name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(score)   target \(target)")
            if !score.misses.isEmpty { print("      missed: \(score.misses.sorted().joined(separator: ", "))") }
            if !score.extras.isEmpty { print("      extra:  \(score.extras.sorted().joined(separator: ", "))") }
        }
        #expect(governorates.f1 >= 0.95)
        #expect(countries.f1 >= 0.90)
        #expect(actors.f1 >= 0.90)
        #expect(people.f1 >= 0.90)
        #expect(localities.recall >= 0.90)
        #expect(quantities.recall >= 0.90)
        #expect(incidents.f1 >= 0.80)
    }
}
