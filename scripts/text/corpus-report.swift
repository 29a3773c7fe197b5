// Reports what the text pipeline does to the bench corpus: how many articles the
// de-obfuscator edits (real news should need almost none: each edit is a place to look),
// the most frequent edits, and the cost per article. Run by scripts/text-corpus-report.
import Foundation
let root = CommandLine.arguments[1]
let files = FileManager.default.enumerator(atPath: root)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".txt") }
var edits: [String: Int] = [:]
var filesWithEdits = 0
var scalars = 0
let start = Date()
for file in files {
    guard let text = try? String(contentsOfFile: root + "/" + file, encoding: .utf8) else { continue }
    scalars += text.unicodeScalars.count
    let result = Normalization.display(text)
    _ = Normalization.searchTerms(result.text)
    if !result.edits.isEmpty { filesWithEdits += 1 }
    for edit in result.edits { edits["\(edit.before) -> \(edit.after)", default: 0] += 1 }
}
let elapsed = Date().timeIntervalSince(start)
print("\(files.count) files, \(filesWithEdits) with edits, \(edits.values.reduce(0, +)) edits; \(String(format: "%.1f", elapsed * 1e6 / Double(files.count))) µs per article (display+terms)")
for (edit, count) in edits.sorted(by: { $0.value > $1.value }).prefix(25) { print(count, edit) }
