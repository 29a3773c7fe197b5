/// The order of day, month and year in a date written with digits only, as in file names
/// (paperless-ngx's FILENAME_DATE_ORDER): "YMD" reads 20170405 and 2017-04-05, "DMY" reads
/// 05042017 and 05-04-2017.
public enum DateOrder: String, Sendable, CaseIterable {
    case ymd = "YMD"
    case dmy = "DMY"
    case mdy = "MDY"
}

extension Dates {
    /// The date a file name carries, read in `order`: eight digits ("JA-sport-1001-20170405.txt")
    /// or three numbers joined by "-", "_" or "." ("2024-12-08_report.txt"). The last such
    /// date when there are several; nil when none is a calendar date between 1900 and 2100.
    public static func inFileName(_ name: String, order: DateOrder) -> FoundDate? {
        // Runs of digits and what separates them.
        var runs: [(digits: Substring, separatorAfter: Character?)] = []
        var index = name.startIndex
        while index < name.endIndex {
            guard name[index].isASCII, name[index].isNumber else {
                index = name.index(after: index)
                continue
            }
            let start = index
            while index < name.endIndex, name[index].isASCII, name[index].isNumber { index = name.index(after: index) }
            runs.append((name[start..<index], index < name.endIndex ? name[index] : nil))
        }
        var found: FoundDate?
        for (position, run) in runs.enumerated() {
            var parts: [Substring]?
            if run.digits.count == 8 {
                let digits = run.digits
                let cut = order == .ymd ? [4, 2, 2] : [2, 2, 4]
                let first = digits.index(digits.startIndex, offsetBy: cut[0])
                let second = digits.index(first, offsetBy: cut[1])
                parts = [digits[..<first], digits[first..<second], digits[second...]]
            } else if position + 2 < runs.count, let separator = run.separatorAfter, "-_.".contains(separator),
                runs[position + 1].separatorAfter == separator
            {
                parts = [run.digits, runs[position + 1].digits, runs[position + 2].digits]
            }
            guard let parts, parts.allSatisfy({ $0.count <= 4 }), let date = date(parts, order: order) else { continue }
            found = date
        }
        return found
    }

    static func date(_ parts: [Substring], order: DateOrder) -> FoundDate? {
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == 3 else { return nil }
        let (year, month, day) =
            switch order {
            case .ymd: (numbers[0], numbers[1], numbers[2])
            case .dmy: (numbers[2], numbers[1], numbers[0])
            case .mdy: (numbers[2], numbers[0], numbers[1])
            }
        let yearDigits = order == .ymd ? parts[0].count : parts[2].count
        guard yearDigits == 4, (1900...2100).contains(year), (1...12).contains(month), day >= 1,
            day <= daysIn(month: month, year: year)
        else { return nil }
        return FoundDate(value: String(format: "%04d-%02d-%02d", year, month, day), precision: .day)
    }

    /// Whether `text` is a calendar date written YYYY-MM-DD ("2025-02-30" is not).
    public static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.map(\.count) == [4, 2, 2], parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        return (1...12).contains(month) && day >= 1 && day <= daysIn(month: month, year: year)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
