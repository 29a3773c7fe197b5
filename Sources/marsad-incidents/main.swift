// Lists the incidents marsad's pipeline reads in a folder of articles, and how many per 100
// articles: on news that reports none (sport, culture, economy, technology), every one is a
// false alarm. Run by scripts/false-alarms.
//
//   marsad-incidents FOLDER [PREFIX...]     only files whose names start with a PREFIX
import Foundation
import MarsadPipeline

let arguments = Array(CommandLine.arguments.dropFirst())
guard let root = arguments.first else {
    FileHandle.standardError.write(Data("usage: marsad-incidents FOLDER [PREFIX...]\n".utf8))
    exit(2)
}
let prefixes = Array(arguments.dropFirst())
let files = (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? [])
    .filter { $0.hasSuffix(".txt") }
    .filter { file in prefixes.isEmpty || prefixes.contains { (file as NSString).lastPathComponent.hasPrefix($0) } }
    .sorted()
var articles = 0
var incidents = 0
var byType: [String: Int] = [:]
for file in files {
    guard let data = FileManager.default.contents(atPath: root + "/" + file),
        let record = try? Pipeline.derive(bytes: [UInt8](data), fileName: (file as NSString).lastPathComponent)
    else { continue }
    articles += 1
    for incident in record.findings?.incidents ?? [] {
        incidents += 1
        byType[incident.type, default: 0] += 1
        print("\((file as NSString).lastPathComponent)\t\(incident.type)\t\(incident.evidence.prefix(160))")
    }
}
print(
    String(
        format: "%d incidents in %d articles: %.2f per 100 articles (%@)", incidents, articles, 100 * Double(incidents) / Double(max(articles, 1)),
        byType.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
