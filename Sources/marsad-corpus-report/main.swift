// Reports what the text pipeline does to the bench corpus: the share of lines the cleaner
// removes (by rule: each removal of a real article's line is a place to look), how many
// articles the de-obfuscator edits (real news should need almost none) and the most
// frequent edits, and the cost per article. Run by scripts/text-corpus-report.
import CSQLite
import Foundation
import MarsadModel
import MarsadPipeline
import MarsadText

let root = CommandLine.arguments[1]
let files = FileManager.default.enumerator(atPath: root)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".txt") }.sorted()
var edits: [String: Int] = [:]
var removedByRule: [String: Int] = [:]
var examples: [String: String] = [:]
var filesWithEdits = 0
var lines = 0
var removed = 0
var titled = 0
var perArticle: [Double] = []
var perExtraction: [Double] = []
var incidentTypes: [String: Int] = [:]
var placeNames: [String: Int] = [:]
var actorIDs: [String: Int] = [:]
var incidentExamples: [String] = []
// Boilerplate learned from repetition, as marsadd learns it with its default threshold
// (ingest.boilerplate_repeats = 3): the corpus is one drop folder, counted per outlet
// when the text names one; a line goes from its third article on.
let repeatsThreshold = 3
var lineCounts: [String: Int] = [:]
var learnedRemoved = 0
var learnedExamples: [String: Int] = [:]
for file in files {
    guard let data = FileManager.default.contents(atPath: root + "/" + file), let text = String(data: data, encoding: .utf8) else { continue }
    let bytes = [UInt8](data)
    lines += text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.count
    // What ingest derives from a file's bytes: the pipeline marsadd runs (decoding, input
    // format, cleaning, metadata, dates, index forms, extraction), with its bounds.
    let start = Date()
    guard let record = try? Pipeline.derive(bytes: bytes, fileName: file) else { continue }
    perArticle.append(Date().timeIntervalSince(start) * 1e6)
    // Extraction (places, actors, people, numbers, incidents) again, timed on its own.
    let extractionStart = Date()
    _ = Pipeline.findings(
        cleanText: record.cleanText, title: record.title, reference: Pipeline.referenceDate(record.metadata, receivedAt: nil))
    perExtraction.append(Date().timeIntervalSince(extractionStart) * 1e6)
    let findings = record.findings!
    for incident in findings.incidents {
        incidentTypes[incident.type, default: 0] += 1
        if incidentExamples.count < 8 && incident.confidence >= 0.9 {
            incidentExamples.append("\(incident.type) \(incident.admin1 ?? incident.country ?? "-"): \(incident.evidence.prefix(110))")
        }
    }
    for place in Set(findings.places.map(\.nameAr)) { placeNames[place, default: 0] += 1 }
    for actor in Set(findings.actors.map(\.id)) { actorIDs[actor, default: 0] += 1 }
    let scope = record.metadata.outletEn ?? record.metadata.outletAr ?? "folder"
    for (key, line) in Cleaning.learnableLines(cleanText: record.cleanText, title: record.title) {
        lineCounts[scope + "\t" + key, default: 0] += 1
        if lineCounts[scope + "\t" + key]! >= repeatsThreshold {
            learnedRemoved += 1
            learnedExamples[String(line.prefix(80)), default: 0] += 1
        }
    }
    let article = record
    if article.title != nil { titled += 1 }
    removed += article.removedLines.count
    for line in article.removedLines {
        removedByRule[line.rule, default: 0] += 1
        examples[line.rule] = examples[line.rule] ?? String(line.line.prefix(80))
    }
    if !article.edits.isEmpty { filesWithEdits += 1 }
    for edit in article.edits { edits["\(edit.before) -> \(edit.after)", default: 0] += 1 }
}
perArticle.sort()
let medianText = perArticle[perArticle.count / 2]
let meanText = perArticle.reduce(0, +) / Double(max(perArticle.count, 1))
let p95Text = perArticle[perArticle.count * 95 / 100]
perExtraction.sort()
let medianExtraction = perExtraction[perExtraction.count / 2]
let p99Extraction = perExtraction[perExtraction.count * 99 / 100]
let meanExtraction = perExtraction.reduce(0, +) / Double(max(perExtraction.count, 1))

// The store's side, in the same run: the same articles' index forms inserted into an FTS5
// table in WAL mode with synchronous=NORMAL, 100 per transaction (marsad's own default,
// FULL with a transaction per article, costs more: see the seed measurement).
var db: OpaquePointer?
let path = NSTemporaryDirectory() + "marsad-report-\(getpid()).db"
sqlite3_open(path, &db)
sqlite3_exec(
    db,
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT, words TEXT, variants TEXT); CREATE VIRTUAL TABLE f USING fts5(words, variants, content='t', content_rowid='id');",
    nil, nil, nil)
var insert: OpaquePointer?
var index: OpaquePointer?
sqlite3_prepare_v2(db, "INSERT INTO t(body, words, variants) VALUES (?, ?, ?)", -1, &insert, nil)
sqlite3_prepare_v2(db, "INSERT INTO f(rowid, words, variants) VALUES (last_insert_rowid(), ?, ?)", -1, &index, nil)
let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
var prepared: [(String, String, String)] = []
var perInsert: [Double] = []
for file in files {
    guard let text = try? String(contentsOfFile: root + "/" + file, encoding: .utf8) else { continue }
    let forms = Normalization.indexForms(text)
    prepared.append((text, forms.words, forms.variants))
}
for (number, row) in prepared.enumerated() {
    let insertStart = Date()
    if number % 100 == 0 { sqlite3_exec(db, "BEGIN", nil, nil, nil) }
    sqlite3_reset(insert)
    sqlite3_bind_text(insert, 1, row.0, -1, transient)
    sqlite3_bind_text(insert, 2, row.1, -1, transient)
    sqlite3_bind_text(insert, 3, row.2, -1, transient)
    sqlite3_step(insert)
    sqlite3_reset(index)
    sqlite3_bind_text(index, 1, row.1, -1, transient)
    sqlite3_bind_text(index, 2, row.2, -1, transient)
    sqlite3_step(index)
    if number % 100 == 99 || number == prepared.count - 1 { sqlite3_exec(db, "COMMIT", nil, nil, nil) }
    perInsert.append(Date().timeIntervalSince(insertStart) * 1e6)
}
// A commit's cost falls on every 100th insert: the mean per article is the fair figure
// for the store, the median for the text (each article pays its own).
let storeMean = perInsert.reduce(0, +) / Double(max(perInsert.count, 1))
sqlite3_finalize(insert)
sqlite3_finalize(index)
sqlite3_close(db)
for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }

print("\(files.count) articles, \(lines) non-blank lines")
print(
    String(
        format:
            "pipeline per article (decoding, input, cleaning, metadata, dates, index forms, extraction; -O): median %.1f µs, mean %.1f µs, p95 %.1f µs",
        medianText, meanText, p95Text))
print(String(format: "store insert per article, same run (row + FTS5, WAL, NORMAL, 100 per transaction, commit included): mean %.1f µs", storeMean))
print(String(format: "pipeline / store: median / mean = %.2f, mean / mean = %.2f", medianText / storeMean, meanText / storeMean))
print(
    String(
        format:
            "extraction per article (places, actors, people, numbers, incidents; -O): median %.1f µs, mean %.1f µs, p99 %.1f µs; extraction median / store mean = %.2f",
        medianExtraction, meanExtraction, p99Extraction, medianExtraction / storeMean))
print(String(format: "extraction's share of the pipeline (medians): %.0f %%", 100 * medianExtraction / max(medianText, 1)))
print(
    "incidents found: \(incidentTypes.values.reduce(0, +)) (\(incidentTypes.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))"
)
print("places in most articles: \(placeNames.sorted { $0.value > $1.value }.prefix(15).map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
print("actors in most articles: \(actorIDs.sorted { $0.value > $1.value }.prefix(12).map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
for example in incidentExamples { print("  e.g. \(example)") }
print("removed \(removed) lines (\(String(format: "%.2f", 100 * Double(removed) / Double(max(lines, 1)))) %); a headline found in \(titled) articles")
for (rule, count) in removedByRule.sorted(by: { $0.value > $1.value }) { print("  \(count)\t\(rule)\te.g. \(examples[rule] ?? "")") }
print(
    "learned from repetition (a line in \(repeatsThreshold)+ articles of one outlet or folder): \(learnedRemoved) lines "
        + "(\(String(format: "%.2f", 100 * Double(learnedRemoved) / Double(max(lines, 1)))) %) in \(learnedExamples.count) distinct lines; most frequent:"
)
for (line, count) in learnedExamples.sorted(by: { $0.value > $1.value }).prefix(12) { print("  \(count)\t\(line)") }
print("de-obfuscation edited \(filesWithEdits) articles (\(edits.values.reduce(0, +)) edits); most frequent:")
for (edit, count) in edits.sorted(by: { $0.value > $1.value }).prefix(10) { print("  \(count)\t\(edit)") }
