import MarsadModel
import MarsadText

/// Figures by role: which of a sentence's numbers are the killed, the injured, the captured
/// or the kidnapped ("قُتل 4 من مجندي الشرطة وأصيب 9 آخرون": killed 4, injured 9).
extension IncidentReader {
    /// Words that give a number its role, in search form (clitics are taken off before the
    /// lookup: "وأصيب" is "اصيب"). `before`: the word stands before the number ("مقتل 16",
    /// "القبض على 3"); `noun`: the counted noun is the role ("16 قتيلا"); `after`: a verb
    /// after the counted noun ("25 شخصا على الأقل قتلوا").
    static let roleWords: [(role: Figure.Role, before: WordSet, noun: WordSet, after: WordSet)] = [
        (
            .killed,
            [
                "قتل", "مقتل", "مصرع", "استشهاد", "استشهد", "قتلت", "قتلوا", "قتلي", "وفاه", "حصيله", "اعدام", "اعدم", "اعدمت", "تصفيه",
                "قضي", "القضاء", "مقتلهم", "سقوط", "لقي", "لقوا", "اغتيال", "اغتال", "اغتالت",
            ],
            ["قتيل", "قتيلا", "قتلي", "شهيد", "شهيدا", "شهداء", "ضحيه", "ضحايا", "جثه", "جثث", "جثامين", "قتيلان", "قتيلين"],
            ["قتلوا", "قتل", "لقوا", "لقي", "قضوا", "استشهدوا", "قتلا", "حتفهم", "حتفه", "مصرعهم", "مصرعه"]
        ),
        (
            .injured,
            ["اصيب", "اصابه", "اصابات", "جرح", "اصيبت", "جراح", "اصابتهم"],
            ["جريح", "جريحا", "جرحي", "مصاب", "مصابا", "مصابين", "جريحان", "جريحين", "مصابون"],
            ["اصيبوا", "جرحوا", "اصيب", "جرح", "اصيبا"]
        ),
        (
            .captured,
            [
                "القبض", "قبض", "اعتقال", "اعتقل", "اعتقلت", "توقيف", "اوقف", "اوقفت", "احتجاز", "احتجز", "احتجزت", "اسر", "اسرت",
                "اعتقالات", "تسليم",
            ],
            ["معتقل", "معتقلا", "معتقلين", "موقوف", "موقوفا", "موقوفين", "اسير", "اسيرا", "اسري", "محتجز", "محتجزين"],
            ["اعتقلوا", "اوقفوا", "احتجزوا", "اسروا"]
        ),
        (
            .kidnapped,
            ["اختطاف", "خطف", "اختطف", "اختطفت", "خطفت"],
            ["مختطف", "مختطفا", "مختطفين", "رهينه", "رهاءن", "مخطوف", "مخطوفين"],
            ["اختطفوا", "خطفوا"]
        ),
    ]

    /// Vague numbers as ACLED reads them, conservatively: "tens" 10, "hundreds" 100,
    /// "thousands" 1,000 (ACLED's "and so on"); "some" ("عدد من") has no estimate.
    static let vagueFigures: WordMap<(qualifier: String, estimate: Int?)> = [
        "العشرات": ("tens", 10), "عشرات": ("tens", 10), "المءات": ("hundreds", 100), "مءات": ("hundreds", 100),
        "الالاف": ("thousands", 1000), "الاف": ("thousands", 1000), "العديد": ("some", nil), "عدد": ("some", nil),
        "بضع": ("some", nil), "بضعه": ("some", nil),
    ]

    /// Words that may stand between a role word and its number: qualifiers, prepositions.
    static let figureFillers: WordSet = [
        "علي", "عن", "الي", "ما", "لا", "يقل", "يزيد", "اكثر", "اقل", "من", "نحو", "حوالي", "قرابه", "زهاء", "يقارب", "يقرب",
        "الاقل", "فيها", "فيه", "خلاله", "خلالها", "اليوم", "امس", "ليله", "ليل", "صباح", "مساء",
    ]

    /// The figures of sentence `number` for the incident whose trigger is at `trigger`, by
    /// role: the first figure of each role nearer this trigger than any other of `triggers`.
    func figures(in view: SentenceView, trigger: Int, triggers: [Int]) -> [Figure.Role: Figure] {
        let (tokens, forms) = (view.tokens, view.forms)
        var found: [Figure.Role: Figure] = [:]
        for (quantity, role) in view.quantities {
            let distance = abs(quantity.position - trigger)
            guard !triggers.contains(where: { $0 != trigger && abs(quantity.position - $0) < distance }) else { continue }
            guard let role, found[role] == nil else { continue }
            if let value = quantity.value {
                found[role] = Figure(value: value, qualifier: quantity.qualifier)
            } else if let vague = Self.vagueFigures[tokens[quantity.position]] {
                found[role] = Figure(value: nil, qualifier: vague.qualifier, estimate: vague.estimate)
            }
        }
        // One named victim: "مقتل القيادي الحوثي", "إصابة ضابط", "اعتقال مرشح".
        for (index, _) in tokens.enumerated() where index + 1 < tokens.count && abs(index - trigger) <= 12 {
            guard let entry = Self.roleWords.first(where: { entry in forms[index].contains { entry.before.contains($0.form) } }),
                found[entry.role] == nil,
                view.keys[index + 1].contains(where: Self.singleVictims.contains),
                !view.quantities.contains(where: { $0.quantity.start == index + 1 })
            else { continue }
            found[entry.role] = Figure(value: 1)
        }
        return found
    }

    /// Nouns of one person, victim of a killing, a wound, an arrest or a kidnapping.
    static let singleVictims: WordSet = [
        "قيادي", "عنصر", "شخص", "مرشح", "ضابط", "جندي", "مدني", "طفل", "امراه", "رجل", "صحفي", "صحفيه", "ناشط", "ناشطه",
        "شاب", "مواطن", "مسؤول", "امير", "قاءد", "نجل", "مطلوب", "ارهابي", "مسلح", "عسكري", "مدير", "رءيس", "نائب", "عضو",
        "زعيم", "شرطي", "قاض", "محام", "طبيب", "مهندس", "اخر",
    ]

    func role(of quantity: Quantity, tokens: [String], forms: [[Clitics.Form]]) -> Figure.Role? {
        func has(_ index: Int, _ words: WordSet) -> Bool {
            index >= 0 && index < tokens.count && forms[index].contains { words.contains($0.form) }
        }
        // The counted noun itself: "16 قتيلا", "العشرات من الجرحى"; but "70 قتيل وجريح" counts
        // the dead and the wounded together: neither figure.
        for index in quantity.position..<min(quantity.end + 1, tokens.count) {
            guard let entry = Self.roleWords.first(where: { has(index, $0.noun) }) else { continue }
            let joined = Self.roleWords.contains { other in
                other.role != entry.role && tokens[min(index + 1, tokens.count - 1)].hasPrefix("و") && has(index + 1, other.noun)
            }
            if joined { return nil }
            if index < quantity.end { return entry.role }
        }
        // A role word before the number, across qualifiers and prepositions.
        var index = quantity.start - 1
        while index >= 0, quantity.start - index <= 4 {
            if let entry = Self.roleWords.first(where: { has(index, $0.before) }) { return entry.role }
            guard has(index, Self.figureFillers) else { break }
            index -= 1
        }
        // A verb after the counted noun, maybe past an adjective or a qualifier: "25 شخصا على
        // الأقل قتلوا", "7 جنود أتراك قتلوا"; not past another number.
        index = quantity.end
        while index < tokens.count, index - quantity.end < 4 {
            if let entry = Self.roleWords.first(where: { has(index, $0.after) }) { return entry.role }
            if findings.quantities.contains(where: { $0.sentence == quantity.sentence && $0.start == index }) { break }
            index += 1
        }
        return nil
    }
}
