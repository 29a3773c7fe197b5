import Foundation

/// Days as marsad writes them ("2025-10-26") and as dates to count with: one UTC calendar
/// (ISO 8601's: weeks start on Monday) for the timeline's buckets and the relative dates of
/// incidents alike.
extension Dates {
    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// "2025-10-26" as the start of that day (UTC); nil when it is not three numbers.
    public static func day(_ iso: String) -> Date? {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    /// A date's day, "2025-10-26" (UTC).
    public static func format(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
