import Foundation

/// RFC 3339 timestamps in UTC with milliseconds, as stored and shown: "2026-11-23T09:14:03.120Z".
public enum Timestamps {
    public static func string(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    /// The archive folder of a moment: "YYYY/MM" in UTC.
    public static func yearMonth(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d/%02d", parts.year ?? 1970, parts.month ?? 1)
    }
}
