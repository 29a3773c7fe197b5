import MarsadText

/// Reading numbers and counts: digits, number words, duals and plurals, qualifiers.
extension SentenceReader {
    static let units: WordMap<Int> = [
        "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5,
        "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمان": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
        "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40, "خمسون": 50, "خمسين": 50, "ستون": 60,
        "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90, "مءه": 100, "ماءه": 100,
        "مءتين": 200, "مءتي": 200, "ماءتين": 200, "ماءتي": 200, "مءتان": 200, "الف": 1000, "الفين": 2000, "الفي": 2000, "الفان": 2000,
    ]
    static let multipliers: WordMap<Int> = ["الاف": 1000, "الف": 1000, "مليون": 1_000_000, "ملايين": 1_000_000, "مليار": 1_000_000_000, "مءات": 100]
    /// Counted nouns with a broken plural, so that noun + ين/ان is a dual: "عنصرين" = 2.
    static let dualStems: WordSet = [
        "عنصر", "هجوم", "شخص", "قتيل", "جندي", "طفل", "انفجار", "صاروخ", "هدف", "سجين", "لغم", "مخطط", "موقع", "مقر", "حاجز",
        "مستودع", "زورق", "منزل", "مبني", "شاب", "رجل", "ضابط", "قاءد", "امير", "جريح", "تفجير", "مخزن", "معسكر", "سلاح", "مدفع",
    ]
    /// Nouns with a sound plural (مدنيين): their "ين" form is ambiguous, but "ان" is a dual
    /// ("مدنيان", "مسلحان").
    static let soundPluralStems: WordSet = [
        "مدني", "مسلح", "مقاتل", "قيادي", "انتحاري", "معتقل", "مصاب", "مسءول", "مواطن", "ارهابي",
        "صحفي", "ناشط", "عسكري", "مطلوب", "مدرس", "طالب", "مهندس", "موظف",
    ]
    /// Feminine nouns: noun without ه + تين/تان is a dual: "خليتين" = 2.
    static let feminineDualStems: WordSet = ["خلي", "عملي", "غار", "ضرب", "عبو", "سيار", "طاءر", "دراج", "قذيف", "مسير", "شاحن", "امرا"]
    static let timeUnits: WordSet = [
        "يوم", "يوما", "ايام", "الايام", "الساعات", "الاسابيع", "الاشهر", "السنوات", "الاعوام", "الشهور", "ساعه", "ساعات", "اسبوع", "اسابيع", "شهر",
        "اشهر", "شهور", "عام", "اعوام",
        "سنه", "سنوات", "سنين", "دقيقه", "دقاءق", "يومين", "ساعتين", "اسبوعين", "شهرين", "عامين", "سنتين",
        "بالمءه", "بالماءه", "٪", "عاما",
    ]
    /// "الثلاثة الماضية", "الأربع الأولى": after a number, these make it a time span or an ordinal.
    static let timeAdjectives: WordSet = [
        "الماضيه", "الماضي", "المقبله", "المقبل", "الاخيره", "الاخير", "الاولي", "الاول", "القادمه",
        "القادم", "المنصرمه", "الفاءته", "الفاءت", "السابقه",
    ]
    static let vagueCounts: WordSet = ["العشرات", "عشرات", "المءات", "مءات", "الالاف", "الاف", "العديد", "عدد", "بضع", "بضعه"]
    static let qualifiers: [(words: [String], qualifier: String)] = [
        (["ما", "لا", "يقل", "عن"], "at-least"), (["لا", "يقل", "عن"], "at-least"), (["علي", "الاقل"], "at-least"),
        (["ما", "يزيد", "عن"], "more-than"), (["ما", "يزيد", "علي"], "more-than"), (["اكثر", "من"], "more-than"), (["اقل", "من"], "less-than"),
        (["ما", "يقارب"], "about"), (["نحو"], "about"), (["حوالي"], "about"), (["قرابه"], "about"), (["زهاء"], "about"), (["قراب"], "about"),
        (["ما", "يقرب", "من"], "about"),
    ]

    /// The number at `index`: its value and how many tokens it takes.
    func number(at index: Int) -> (Int, Int)? {
        let word = tokens[index]
        var value: Int?
        var length = 1
        if word.utf8.count <= 9, word.isASCIIDigits {
            value = Int(word)
        } else if word.hasPrefix("و"), word.utf8.count <= 11, word.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }), word.count > 1 {
            value = Int(word.dropFirst())  // "و20 جريحا": the conjunction written onto the digits
        } else {
            // With the article: "الأربع والعشرين"; but "الاثنين" is Monday.
            value = Self.units[word] ?? (word.startsWith(word: "ال") && word != "الاثنين" ? Self.units[String(word.dropFirst(2))] : nil)
            // "اثنا عشر", "ثلاثة عشر": a unit and "عشر" are 11 to 19 ("أحد عشر" is 11).
            let firstForm = word.startsWith(word: "ال") ? String(word.dropFirst(2)) : word
            if ["احد", "احدي"].contains(firstForm) || ["اثنا", "اثني", "اثنتا", "اثنتي"].contains(firstForm) {
                value = firstForm.hasPrefix("اثن") ? 2 : 1
            }
            if let unit = value, unit < 10, index + 1 < tokens.count, ["عشر", "عشره"].contains(tokens[index + 1]) {
                value = unit + 10
                length = 2
            } else if ["احد", "احدي", "اثنا", "اثني", "اثنتا", "اثنتي"].contains(firstForm) {
                value = nil  // "أحد" alone is "one of", not a count; "اثنا" needs its "عشر"
            }
            // "أربع وعشرين": a unit and its tens.
            if let unit = value, unit < 10, length == 1, index + 1 < tokens.count {
                let next = forms[index + 1].lazy.map { $0.form.startsWith(word: "ال") ? String($0.form.dropFirst(2)) : $0.form }
                    .compactMap { Self.units[$0] }.first
                if let tens = next, tens >= 20, tens < 100, tokens[index + 1].startsWith(word: "و") {
                    value = unit + tens
                    length = 2
                }
            }
        }
        guard var found = value else { return nil }
        if index + length < tokens.count, let multiplier = Self.multipliers[tokens[index + length]], found < 1000 {
            found *= multiplier
            length += 1
        }
        return (found, length)
    }

    mutating func readQuantities() {
        var index = 0
        while index < tokens.count {
            let word = tokens[index]
            if Self.vagueCounts.contains(word) {
                // "العشرات من عناصر", "عدد من": a count without a number, kept as vague.
                if index + 2 < tokens.count, tokens[index + 1] == "من", !Self.timeUnits.contains(tokens[index + 2]) {
                    quantities.append(
                        Quantity(
                            value: nil, qualifier: "vague", text: text(index..<(index + 3)), sentence: sentence, position: index, start: index,
                            end: index + 3))
                    index += 3
                } else {
                    index += 1
                }
                continue
            }
            var value: Int
            var nounIndex: Int
            if let (found, used) = number(at: index) {
                // "F-16", "MQ-9", "T4": a number after Latin letters names a model, not a count.
                if index > 0, tokens[index - 1].isASCIILetters {
                    index += used
                    continue
                }
                value = found
                nounIndex = index + used
                // "ثلاثة من عناصر": the counted noun comes after "من".
                if nounIndex + 1 < tokens.count, tokens[nounIndex] == "من", !Self.notNames.contains(tokens[nounIndex + 1]) {
                    nounIndex += 1
                }
            } else if dualStem(at: index) != nil {
                value = 2
                nounIndex = index  // the dual is the counted noun itself
            } else {
                index += 1
                continue
            }
            // A count counts something: a noun follows. Years, times, durations, dates are not counts.
            guard nounIndex < tokens.count else { break }
            let noun = tokens[nounIndex]
            let isYear = (1900...2100).contains(value) && word.count == 4 && word.allSatisfy(\.isNumber)
            // "الأيام الثلاثة الماضية": a number after its noun is an ordinal or a duration, not a count.
            let afterTimeUnit = index > 0 && Self.timeUnits.contains(tokens[index - 1])
            let isDuration = forms[nounIndex].contains { Self.timeUnits.contains($0.form) }
            // "26 أكتوبر 2025" is a date, not 26 of anything.
            let isDate = Dates.isMonthName(noun) || (nounIndex + 1 < tokens.count && Dates.isMonthName(noun + " " + tokens[nounIndex + 1]))
            if isYear || isDuration || isDate || afterTimeUnit || Self.notNames.contains(noun) || Self.timeAdjectives.contains(noun)
                || noun.first?.isNumber == true || (nounIndex > index && number(at: nounIndex) != nil)
            {
                index = nounIndex + 1
                continue
            }
            var start = index
            var qualifier: String?
            for (words, name) in Self.qualifiers where index >= words.count {
                let before = tokens[(index - words.count)..<index]
                if zip(before.indices, words).allSatisfy({ position, word in forms[position].contains { $0.form == word } }) {
                    qualifier = name
                    start = index - words.count
                    break
                }
            }
            // "16 شخصا على الأقل": the qualifier after the counted noun.
            var end = nounIndex + 1
            if qualifier == nil, end + 1 < tokens.count, tokens[end] == "علي", forms[end + 1].contains(where: { $0.form == "الاقل" }) {
                qualifier = "at-least"
                end += 2
            }
            quantities.append(
                Quantity(
                    value: value, qualifier: qualifier, text: text(start..<end), sentence: sentence, position: index, start: start, end: end))
            index = nounIndex + 1
        }
    }

    /// The singular of a dual counted noun ("عنصرين" -> "عنصر"), or nil.
    func dualStem(at index: Int) -> String? {
        // Most words do not end like a dual: decide that before looking at their forms.
        guard tokens[index].endsWith(word: "ين") || tokens[index].endsWith(word: "ان") else { return nil }
        for form in forms[index].map(\.form) {
            let bare = form.hasPrefix("ال") ? String(form.dropFirst(2)) : form
            for ending in ["ين", "ان"] where bare.hasSuffix(ending) {
                let stem = String(bare.dropLast(2))
                if Self.dualStems.contains(stem) || (ending == "ان" && Self.soundPluralStems.contains(stem)) { return stem }
                if stem.hasSuffix("ت"), Self.feminineDualStems.contains(String(stem.dropLast())) { return stem }
            }
        }
        return nil
    }
}
