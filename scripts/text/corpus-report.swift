// Reports what the text pipeline does to the bench corpus: the share of lines the cleaner
// removes (by rule: each removal of a real article's line is a place to look), how many
// articles the de-obfuscator edits (real news should need almost none) and the most
// frequent edits, and the cost per article. Run by scripts/text-corpus-report.
import Foundation

let root = CommandLine.arguments[1]
let files = FileManager.default.enumerator(atPath: root)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".txt") }.sorted()
var edits: [String: Int] = [:]
var removedByRule: [String: Int] = [:]
var examples: [String: String] = [:]
var filesWithEdits = 0, lines = 0, removed = 0, titled = 0
let start = Date()
for file in files {
    guard let text = try? String(contentsOfFile: root + "/" + file, encoding: .utf8) else { continue }
    lines += text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.count
    let cleaned = Cleaning.clean(text)
    _ = Normalization.indexForms(cleaned.text)
    if cleaned.title != nil { titled += 1 }
    removed += cleaned.removed.count
    for line in cleaned.removed {
        removedByRule[line.rule, default: 0] += 1
        examples[line.rule] = examples[line.rule] ?? String(line.line.prefix(80))
    }
    if !cleaned.edits.isEmpty { filesWithEdits += 1 }
    for edit in cleaned.edits { edits["\(edit.before) -> \(edit.after)", default: 0] += 1 }
}
let elapsed = Date().timeIntervalSince(start)
print("\(files.count) articles, \(lines) non-blank lines; \(String(format: "%.1f", elapsed * 1e6 / Double(files.count))) µs per article (clean + display + index forms, -O)")
print("removed \(removed) lines (\(String(format: "%.2f", 100 * Double(removed) / Double(max(lines, 1)))) %); a headline found in \(titled) articles")
for (rule, count) in removedByRule.sorted(by: { $0.value > $1.value }) { print("  \(count)\t\(rule)\te.g. \(examples[rule] ?? "")") }
print("de-obfuscation edited \(filesWithEdits) articles (\(edits.values.reduce(0, +)) edits); most frequent:")
for (edit, count) in edits.sorted(by: { $0.value > $1.value }).prefix(10) { print("  \(count)\t\(edit)") }
