import Testing

@testable import MarsadText

@Suite("Dates")
struct DatesTests {
    @Test(arguments: [
        ("● أخبار سورية ٢٦ أكتوبر ٢٠٢٥", "2025-10-26"), ("26 تشرين الأول 2025", "2025-10-26"),
        ("في 8 كانون الأول/ديسمبر 2024، تمكن الثوار", "2024-12-08"), ("15 جانفي 2017", "2017-01-15"),
        ("3 فيفري 2016", "2016-02-03"), ("السبت 1 آب 2015م", "2015-08-01"), ("26/10/2025", "2025-10-26"),
        ("2025-10-26", "2025-10-26"), ("نُشر في ٥ أيار ٢٠٢٣", "2023-05-05"), ("14 جويلية 2016", "2016-07-14"),
    ])
    func aDayDateInEitherTraditionAndAnyDigits(text: String, value: String) {
        #expect(Dates.find(in: text) == [FoundDate(value: value, precision: .day)])
    }

    @Test func aMonthAndYearIsAMonthDate() {
        #expect(Dates.find(in: "خلال أكتوبر 2025م") == [FoundDate(value: "2025-10", precision: .month)])
    }

    @Test(arguments: ["قبل 24 ساعة", "العدد 2025 من المجلة", "الساعة 10:30", "مارس الجيش ضغوطه", "10 أكتوبر"])
    func numbersAndWordsThatAreNotDatesAreNot(text: String) {
        #expect(Dates.find(in: text).isEmpty)
    }

    @Test func everyDateInATextIsFoundInOrder() {
        let dates = Dates.find(in: "في 8 ديسمبر 2024 سقط النظام، وفي 26 أكتوبر 2025 أعلنت الوزارة")
        #expect(dates.map(\.value) == ["2024-12-08", "2025-10-26"])
    }
}

@Suite("Dates in file names")
struct FileNameDateTests {
    @Test(arguments: [
        ("JA-sport-1001-20170405.txt", DateOrder.ymd, "2017-04-05"),
        ("2024-12-08_report.txt", .ymd, "2024-12-08"),
        ("report_2024.12.08.html", .ymd, "2024-12-08"),
        ("JA-sport-160-12102016.txt", .dmy, "2016-10-12"),
        ("05-04-2017 bulletin.txt", .dmy, "2017-04-05"),
        ("04-05-2017 bulletin.txt", .mdy, "2017-04-05"),
        ("2024-02-29.txt", .ymd, "2024-02-29"),
    ])
    func aDateInTheNameIsRead(_ name: String, _ order: DateOrder, _ expected: String) {
        #expect(Dates.inFileName(name, order: order) == FoundDate(value: expected, precision: .day))
    }

    @Test(arguments: [
        ("JA-sport-160-12102016.txt", DateOrder.ymd),  // no year 1210
        ("000_bfe73c63da6fecad.txt", .ymd),
        ("2023-02-29.txt", .ymd),  // not a leap year
        ("article-12345678.txt", .ymd),
        ("F-16 11 9.txt", .dmy),
    ])
    func noCalendarDateNoDate(_ name: String, _ order: DateOrder) {
        #expect(Dates.inFileName(name, order: order) == nil)
    }
}

extension FileNameDateTests {
    @Test func calendarDatesAsAFilterTakesThem() {
        for good in ["2025-10-26", "2024-02-29", "1986-01-01"] { #expect(Dates.isCalendarDate(good), "\(good)") }
        for bad in ["2025-02-30", "2023-02-29", "2025-13-01", "2025-1-011", "25-10-2026", "2025-10-26x", "2025/10/26"] {
            #expect(!Dates.isCalendarDate(bad), "\(bad)")
        }
    }
}
