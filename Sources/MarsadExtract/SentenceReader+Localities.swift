import MarsadText

/// Towns and villages the gazetteer does not know, named after a word that says what they
/// are ("قرية سديرة", "ناحية القيارة", "بلدتا الفوعة وكفريا", "جبل السلوم"): localities of the
/// nearest known place of the sentence (its country, governorate and division), or of the
/// article's country (`FindingsReader.read` fills that in).
extension SentenceReader {
    /// Words that make the name after them a locality.
    static let localityCues: WordSet = [
        "مدينه", "بلده", "قريه", "ناحيه", "قضاء", "مخيم", "معبر", "مطار", "قاعده", "ولايه", "اقليم", "بلدتا", "بلدتي", "قريتي",
        "مدينتي", "منطقه",
    ]
    /// Cues of two or more: the names joined by "و" after them are localities too ("بلدتا
    /// الفوعة وكفريا").
    static let pluralCues: WordSet = ["بلدتا", "بلدتي", "قريتي", "مدينتي"]
    /// Words that are part of the name they begin ("جبل السلوم", "وادي زبيد", "سد الموصل").
    static let landformCues: WordSet = ["جبل", "جبال", "وادي", "سد", "تلال", "جزيره"]
    /// Words that head compound place names: "كفر جنه", "عين تموشنت", "سيدي بوزيد".
    static let nameHeads: WordSet = [
        "عين", "سيدي", "كفر", "تل", "دير", "بني", "ابو", "ام", "راس", "بءر", "برج", "سد", "جسر", "بيت", "خان", "قصر", "مرج", "رام",
        "زور", "حاسي", "بن", "سان", "سانت", "نيو", "جبل", "وادي", "تلال", "جبال",
    ]
    /// Words after a cue that are no name: relatives, adjectives and nouns of a place's
    /// description, directions, pronouns of reference.
    static let notLocalityNames: WordSet = [
        "التي", "الذي", "الواقعه", "الواقع", "القريبه", "القريب", "المحاذيه", "المجاوره", "نفسها", "ذاتها", "نفسه", "ذاته", "المذكوره",
        "المحرره", "الجديده", "القديمه", "الكبري", "الصغري", "امنه", "عازله", "واسعه", "جديده", "اخري", "كبيره", "صغيره", "خضراء",
        "ناءيه", "محرره", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "قرب", "داخل", "خارج", "في", "من",
        "الي", "علي", "عن", "مع", "بين", "حيث", "او", "ثم", "تابعه", "التابعه", "تقع", "يقع", "ريف", "محافظه", "العاصمه", "هذه", "تلك",
        "كل", "بعض", "عده", "احدي", "الحدود", "النزاع", "العمليات", "الاشتباكات", "المعارك", "الصراع", "الشرق", "الخليج", "اليورو",
        "السكنيه", "الصناعيه", "الحرة", "الحره", "اخر", "مجاوره", "محاذيه", "قريبه", "بعيده", "الامن", "امن", "الشرطه", "الحرس",
        "الثقافه", "المكان", "الخطر", "الاستثمارات", "الاستثمار", "التجاره", "الصناعه", "العمليات", "الاقليم", "المدينه", "القريه",
        "البلده", "المنطقه", "الولايه", "عطله", "الشتاء", "الصيف", "ذلك", "وذلك", "وقد", "قد", "هذا", "هي", "هو", "حي", "صباح",
        "مساء", "اليوم", "امس", "فجر", "ليل", "ليله", "يوم", "ما", "وما", "ارتفاع", "متكامله",
    ]

    /// Whether `word` reads as a name after a cue: not a word of the list, not an adjective
    /// of relation ("الحدودية", "عسكرية"), not a number.
    func readsAsName(_ index: Int) -> Bool {
        guard index < tokens.count, !taken[index], !personal[index] else { return false }
        let word = tokens[index]
        guard word.count >= 2, !word.contains(where: \.isNumber) else { return false }
        if forms[index].contains(where: { Self.notLocalityNames.contains($0.form) }) { return false }
        if word.hasSuffix("يه") || word.hasSuffix("يين") || word.hasSuffix("يون") { return false }
        return Lexicon.actors.match(tokens, at: index, forms: forms) == nil && Lexicon.nationality(word) == nil
    }

    mutating func readUnknownLocalities() {
        var index = 0
        while index < tokens.count - 1 {
            let landform = token(index, isOneOf: Self.landformCues)
            guard !taken[index], landform || token(index, isOneOf: Self.localityCues), readsAsName(index + 1) else {
                index += 1
                continue
            }
            // One word, or two: after a word that heads compound names ("كفر جنه", "سيدي
            // ثابت"), or a second word with the article that is no adjective of the first
            // ("زور الكنعوص", "القلعة الخصباء"; not "عطيرة القريبة", not "أورلي قتل").
            var end = index + 2
            if readsAsName(end), !tokens[end].hasPrefix("و"),
                token(index + 1, isOneOf: Self.nameHeads)
                    || (tokens[end].hasPrefix("ال") && !(tokens[end].hasSuffix("ه") && !tokens[index + 1].hasPrefix("ال")))
            {
                end += 1
            }
            var names = [(landform ? index : index + 1)..<end]
            if token(index, isOneOf: Self.pluralCues), end < tokens.count, tokens[end].hasPrefix("و"), tokens[end].count > 3,
                !taken[end], Lexicon.places.match(tokens, at: end, forms: forms) == nil
            {
                names.append(end..<(end + 1))
            }
            for range in names {
                var name = text(range)
                // "بجبل سمامة": the landform word without its preposition.
                if landform, range.lowerBound == index, let first = name.first, "بلوفك".contains(first),
                    !forms[index].contains(where: { $0.form == tokens[index] && Self.landformCues.contains($0.form) })
                {
                    name.removeFirst()
                }
                if range.count == 1, range.lowerBound == end - 1 || names.count > 1, name.hasPrefix("و"), range.lowerBound != index + 1 {
                    name.removeFirst()
                }
                addLocality(name, at: range)
            }
            index = names.last!.upperBound
        }
    }

    /// A locality named `name`, in the place of this sentence nearest to it (or, with none,
    /// the article's country: its country is left empty for `FindingsReader.read`).
    mutating func addLocality(_ name: String, at range: Range<Int>) {
        // Not a place across a border ("القريبة من الحدود السورية مع لواء إسكندرون"), and
        // near it: a place further off may be in another country of the sentence.
        let near = places.filter { mention in
            abs(mention.position - range.lowerBound) <= 10 && !Self.isAcrossBorder(mention.position, forms: forms)
        }.min { abs($0.position - range.lowerBound) < abs($1.position - range.lowerBound) }
        // "بولاية فلوريدا الأمريكية": a nationality right after the name says its country.
        let stated = range.upperBound < tokens.count ? Lexicon.nationality(tokens[range.upperBound]) : nil
        let anchor = stated == nil ? near?.place : nil
        let place = Place(
            kind: .town, nameAr: name, nameEn: "", country: stated ?? anchor?.country ?? "", admin1: anchor?.admin1, pcode: nil,
            division: anchor?.division, lat: nil, lon: nil, needsCue: false, isCapital: false)
        places.append(PlaceMention(place: place, qualifier: nil, sentence: sentence, position: range.lowerBound))
        take(range)
    }

    /// Words of a border: the country named after "الحدود مع" is across it ("عطيرة القريبة من
    /// الحدود السورية مع لواء إسكندرون"): neither where an incident was nor what a locality
    /// beside it is in.
    static let borderWords: WordSet = ["الحدود", "حدود", "الحدوديه", "الحدودي", "الشريط"]

    /// Whether a border word is among the three words before the place at `position`.
    static func isAcrossBorder(_ position: Int, forms: [[Clitics.Form]]) -> Bool {
        (max(0, position - 3)..<position).contains { index in forms[index].contains { borderWords.contains($0.form) } }
    }
}
