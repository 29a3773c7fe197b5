import Foundation
import MarsadProtocol

/// Incidents per day, or per week starting on Monday, with the empty days and weeks
/// between the first and the last filled in (a timeline shows the quiet days too).
enum Timeline {
    static func buckets(_ days: [(day: String, count: Int)], by: String) -> [TimelineBucket] {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func date(_ text: String) -> Date? {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
        }
        func text(_ date: Date) -> String {
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        }
        func start(_ day: Date) -> Date {
            by == "week" ? calendar.dateInterval(of: .weekOfYear, for: day)!.start : day
        }
        var counts: [Date: Int] = [:]
        for (day, count) in days {
            guard let parsed = date(day) else { continue }
            counts[start(parsed), default: 0] += count
        }
        guard let first = counts.keys.min(), let last = counts.keys.max() else { return [] }
        var result: [TimelineBucket] = []
        var cursor = first
        while cursor <= last {
            result.append(TimelineBucket(start: text(cursor), count: counts[cursor] ?? 0))
            cursor = calendar.date(byAdding: by == "week" ? .weekOfYear : .day, value: 1, to: cursor)!
        }
        return result
    }
}
