/// An absolute date written in a text.
public struct FoundDate: Sendable, Equatable {
    public enum Precision: String, Sendable, Codable {
        case day, month, year
    }
    /// "2025-10-26", "2025-10" or "2025", by precision.
    public var value: String
    public var precision: Precision

    public init(value: String, precision: Precision) {
        self.value = value
        self.precision = precision
    }
}

/// Reads absolute Gregorian dates (DESIGN §4): "٢٦ أكتوبر ٢٠٢٥", "26 تشرين الأول 2025",
/// "8 كانون الأول/ديسمبر 2024", "15 جانفي 2017", "أكتوبر 2025م", "26/10/2025", "2025-10-26".
/// Works on the search form, so letter forms, diacritics and digit scripts do not matter.
public enum Dates {
    /// Month names in search form: the Egyptian/Gulf names, the Levantine/Iraqi names and
    /// the Maghrebi names.
    static let months: [String: Int] = {
        let names: [(String, Int)] = [
            ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("ابريل", 4), ("إبريل", 4), ("مايو", 5), ("يونيو", 6), ("يونيه", 6),
            ("يوليو", 7), ("يوليه", 7), ("اغسطس", 8), ("سبتمبر", 9), ("اكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12),
            ("كانون الثاني", 1), ("شباط", 2), ("اذار", 3), ("نيسان", 4), ("ايار", 5), ("حزيران", 6), ("تموز", 7),
            ("اب", 8), ("ايلول", 9), ("تشرين الاول", 10), ("تشرين الثاني", 11), ("كانون الاول", 12),
            ("جانفي", 1), ("فيفري", 2), ("افريل", 4), ("ماي", 5), ("جوان", 6), ("جويليه", 7), ("جويلية", 7), ("اوت", 8),
        ]
        var table: [String: Int] = [:]
        for (name, month) in names { table[Normalization.search(name)] = month }
        return table
    }()

    /// Whether a search-form word (or two words) names a month in either tradition.
    public static func isMonthName(_ words: String) -> Bool {
        months[words] != nil
    }

    /// First words of the two-word month names (كانون، تشرين).
    static let twoWordStarts: Set<String> = Set(
        months.keys.filter { $0.contains(" ") }.compactMap { $0.split(separator: " ").first.map(String.init) })

    /// Every date written in `text`, in order.
    public static func find(in text: String) -> [FoundDate] {
        let searchForm = Normalization.search(text)
        guard hasFourDigits(searchForm) else { return [] }
        return find(in: SearchText(searchForm: searchForm))
    }

    /// Every date in a text already in search form, in order.
    public static func find(in text: SearchText) -> [FoundDate] {
        // Years are 4 digits, or 4 digits and "م" (6 bytes): only those words are read.
        let words = text.words
        let years = text.wordRanges.indices.filter { text.wordRanges[$0].count == 4 || text.wordRanges[$0].count == 6 }
        return find(inWords: words, yearCandidates: years.filter { year(words[$0]) != nil })
    }

    /// Every date in a list of search-form words, in order.
    public static func find(inWords words: [Substring]) -> [FoundDate] {
        find(inWords: words, yearCandidates: words.indices.filter { year(words[$0]) != nil })
    }

    static func find<Words: RandomAccessCollection<Substring>>(inWords words: Words, yearCandidates: [Int]) -> [FoundDate] where Words.Index == Int {
        // Every date here has a year, and takes at most 6 words ending with it (day, a month
        // of two words in both traditions, the year) or 3 starting with it ("2025 10 26"):
        // a date can start only at a word at most 5 before a year.
        var found: [FoundDate] = []
        var index = 0
        for yearIndex in yearCandidates {
            index = max(index, yearIndex - 5)
            while index <= yearIndex {
                if let (date, used) = date(at: index, in: words) {
                    found.append(date)
                    index += used
                } else {
                    index += 1
                }
            }
        }
        return found
    }

    /// Whether the text holds four ASCII digits in a row: every date here has a year.
    public static func hasFourDigits(_ searchForm: String) -> Bool {
        var run = 0
        return searchForm.utf8.contains(where: { byte in
            run = (0x30...0x39).contains(byte) ? run + 1 : 0
            return run == 4
        })
    }

    /// A month name starting at `index`: its number and how many words it takes.
    static func month<Words: RandomAccessCollection<Substring>>(at index: Int, in words: Words) -> (Int, Int)? where Words.Index == Int {
        guard index < words.count else { return nil }
        if index + 1 < words.count, twoWordStarts.contains(String(words[index])), let month = months[words[index] + " " + words[index + 1]] {
            return (month, 2)
        }
        return months[String(words[index])].map { ($0, 1) }
    }

    static func year(_ word: Substring) -> Int? {
        // "2025م" (م for the Gregorian era) counts as 2025. Cheap tests first: this runs on every word.
        let utf8 = word.utf8
        guard utf8.count == 4 || utf8.count == 6, let first = utf8.first, first == 0x31 || first == 0x32 else { return nil }
        let digits = utf8.count == 6 ? word.dropLast() : word
        guard digits.utf8.count == 4, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let year = Int(digits),
            (1900...2100).contains(year)
        else { return nil }
        if utf8.count == 6 && word.unicodeScalars.last != "م" { return nil }
        return year
    }

    /// A number of one or two ASCII digits.
    static func smallNumber(_ word: Substring) -> Int? {
        guard word.utf8.count <= 2, word.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(word)
    }

    static func date<Words: RandomAccessCollection<Substring>>(at index: Int, in words: Words) -> (FoundDate, Int)? where Words.Index == Int {
        var position = index
        var day: Int?
        if let number = smallNumber(words[position]), (1...31).contains(number) {
            // Numeric: day month year ("26/10/2025" arrives as three words).
            if position + 2 < words.count, let month = smallNumber(words[position + 1]), (1...12).contains(month),
                let year = year(words[position + 2])
            {
                return (make(year, month, number), 3)
            }
            day = number
            position += 1
        }
        if position < words.count, let year = year(words[position]), position + 2 < words.count,
            let month = smallNumber(words[position + 1]), (1...12).contains(month), let dayNumber = smallNumber(words[position + 2]),
            (1...31).contains(dayNumber), day == nil
        {
            return (make(year, month, dayNumber), 3)  // 2025-10-26
        }
        guard let (month, length) = month(at: position, in: words) else { return nil }
        position += length
        // "كانون الأول/ديسمبر": the same month in the other tradition may follow.
        if let (_, otherLength) = self.month(at: position, in: words) { position += otherLength }
        guard position < words.count, let year = year(words[position]) else { return nil }
        position += 1
        return (make(year, month, day), position - index)
    }

    static func make(_ year: Int, _ month: Int, _ day: Int?) -> FoundDate {
        let yearMonth = "\(year)-\(month < 10 ? "0" : "")\(month)"
        guard let day else { return FoundDate(value: yearMonth, precision: .month) }
        return FoundDate(value: yearMonth + "-\(day < 10 ? "0" : "")\(day)", precision: .day)
    }
}
