import Foundation
import MarsadText

/// Plain-text tables aligned by display width (Arabic marks take no column).
enum Table {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : DisplayWidth.pad(cell, to: widths[column])
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func keyValue(_ pairs: [(String, String)]) -> String {
        let width = pairs.map { DisplayWidth.of($0.0) }.max() ?? 0
        return pairs.map { DisplayWidth.pad($0.0, to: width) + "  " + $0.1 }.joined(separator: "\n")
    }
}

enum Format {
    /// What stands for an article in a list: its headline, or, when it has none, the first
    /// sentence of its text marked as such; at most 70 columns.
    static func heading(title: String?, lead: String?) -> String {
        truncate(title ?? "(no headline) " + firstSentence(lead ?? ""), width: 70)
    }

    /// "2026-11-23T09:14:03.120Z" -> "2026-11-23 09:14:03".
    static func time(_ rfc3339: String) -> String {
        String(rfc3339.prefix(19)).replacingOccurrences(of: "T", with: " ")
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds)
        if whole < 60 { return String(format: "%.1f s", seconds) }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        if whole < 86400 { return "\(whole / 3600) h \(whole / 60 % 60) min" }
        return "\(whole / 86400) d \(whole / 3600 % 24) h"
    }

    /// The text's first sentence, shortened: what stands in for a missing headline.
    static func firstSentence(_ text: String) -> String {
        let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let end = firstLine.firstIndex(where: { ".!?؟".contains($0) }).map { firstLine.index(after: $0) } ?? firstLine.endIndex
        return truncate(String(firstLine[..<end]), width: 90)
    }

    static func truncate(_ text: String, width: Int) -> String {
        DisplayWidth.truncate(text.split(whereSeparator: \.isNewline).joined(separator: " "), to: width)
    }
}
