import Foundation
import MarsadProtocol
import MarsadText

/// Incidents per day, or per week starting on Monday, with the empty days and weeks
/// between the first and the last filled in (a timeline shows the quiet days too).
/// At most `maxBuckets`, the newest: older incidents are counted in `earlier`, so that two
/// incidents dated centuries apart cost no more than any other timeline.
enum Timeline {
    static let maxBuckets = 3_660
    /// The default span of a timeline: the 12 weeks up to the newest incident.
    static let recentDays = 84

    /// The days of the last `recentDays` up to the newest one, and how many incidents are
    /// older (a corpus of old news still shows its own last weeks, not today's empty ones).
    static func recentWindow(_ days: [(day: String, count: Int)]) -> (days: [(day: String, count: Int)], older: Int) {
        guard let newest = days.map(\.day).max(), let end = Dates.day(newest) else { return (days, 0) }
        let cutoff = Dates.format(end.addingTimeInterval(-Double(recentDays - 1) * 86_400))
        let recent = days.filter { $0.day >= cutoff }
        return (recent, days.filter { $0.day < cutoff }.map(\.count).reduce(0, +))
    }

    static func buckets(_ days: [(day: String, count: Int)], by: String) -> (buckets: [TimelineBucket], earlier: Int) {
        func start(_ day: Date) -> Date {
            by == "week" ? Dates.calendar.dateInterval(of: .weekOfYear, for: day)!.start : day
        }
        var counts: [Date: Int] = [:]
        for (day, count) in days {
            guard let parsed = Dates.day(day) else { continue }
            counts[start(parsed), default: 0] += count
        }
        guard let newest = counts.keys.max() else { return ([], 0) }
        let unit: Calendar.Component = by == "week" ? .weekOfYear : .day
        let oldest = Dates.calendar.date(byAdding: unit, value: -(maxBuckets - 1), to: newest)!
        let first = max(counts.keys.min()!, oldest)
        let earlier = counts.filter { $0.key < first }.values.reduce(0, +)
        var result: [TimelineBucket] = []
        result.reserveCapacity(min(maxBuckets, counts.count * 8))
        var cursor = first
        let last = newest
        while cursor <= last {
            result.append(TimelineBucket(start: Dates.format(cursor), count: counts[cursor] ?? 0))
            cursor = Dates.calendar.date(byAdding: unit, value: 1, to: cursor)!
        }
        return (result, earlier)
    }
}
