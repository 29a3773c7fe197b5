import MarsadText

/// Reading people in one sentence: after a title, after a verb of saying, from a frequent
/// first name, and set off by commas with a role beside them.
extension SentenceReader {
    mutating func readTitledPeople() {
        var index = 0
        while index < tokens.count {
            // A title may be part of an actor ("وزير الخارجية العراقي" is also IQ-GOV), not of a name.
            guard !personal[index], let title = Lexicon.titles.match(tokens, at: index, forms: forms) else {
                index += 1
                continue
            }
            // "خالد عمر، مدير مكتب إعلام المفوضية": a title right after a name and a comma
            // describes that name; the words after it are the role, not another person.
            if index >= 2, commaAfter[index - 1], isLooseNameWord(index - 1) || personal[index - 1],
                isLooseNameWord(index - 2) || personal[index - 2]
            {
                index = roleEnd(from: index)
                continue
            }
            var cursor = index + title.length
            var roleEnd = cursor
            // What describes the person between title and name: nationality, organisation,
            // more titles ("قائد القيادة المركزية الأمريكية الجنرال مايكل كوريلا").
            var skipped = 0
            while cursor < tokens.count && skipped < 8 && !personal[cursor] {
                if taken[cursor] {
                    cursor += 1
                } else if let more = Lexicon.titles.match(tokens, at: cursor, forms: forms) {
                    cursor += more.length
                } else if let place = Lexicon.places.match(tokens, at: cursor, forms: forms) {
                    cursor += place.length
                } else if (tokens[cursor].hasPrefix("ال") && !Self.relativePronouns.contains(tokens[cursor]))
                    || Self.roleWords.contains(tokens[cursor])
                    || Lexicon.nationality(tokens[cursor]) != nil
                {
                    cursor += 1
                } else {
                    break
                }
                roleEnd = cursor
                skipped += 1
            }
            guard let base = nameLength(at: cursor) else {
                index += title.length
                continue
            }
            let length = extendedNameLength(at: cursor, length: base, familyNames: false)
            let name = text(cursor..<(cursor + length))
            addPerson(name, role: text(index..<roleEnd), at: index)
            take(index..<(cursor + length))
            for position in cursor..<(cursor + length) { personal[position] = true }
            index = cursor + length
        }
    }

    /// "قال تشارلز ليستر الذي يترأس…": a name right after a verb of saying, followed by a
    /// relative pronoun or "إن", is a person quoted.
    mutating func readQuotedPeople() {
        for index in tokens.indices where token(index, isOneOf: Self.speechVerbs) {
            let start = index + 1
            // "…، إن", "… الذي", or a role in apposition: "قال وليد المعلم، وزير الخارجية".
            guard let length = nameLength(at: start), start + length < tokens.count,
                Self.afterQuotedName.contains(tokens[start + length]) || Lexicon.titles.match(tokens, at: start + length) != nil
            else { continue }
            addPerson(text(start..<(start + length)), role: nil, at: start)
            take(start..<(start + length))
            for position in start..<(start + length) { personal[position] = true }
        }
    }

    /// How many tokens a person's name at `index` takes: two ("أحمد الشرع"), or three with
    /// a compound first name ("نور الدين البابا", "عبد الله الثاني"); nil when no name is there.
    mutating func nameLength(at index: Int) -> Int? {
        guard index + 1 < tokens.count else { return nil }
        let first = tokens[index]
        let second = tokens[index + 1]
        func isNameWord(_ word: String) -> Bool {
            // Not a word with a proclitic that makes it a noun phrase ("والموارد", "للحماية", "لحركة"),
            // not a place ("نداء تونس" is a party), not a title or a nationality.
            let stripped = Clitics.forms(of: word).dropFirst()
            return word.count >= 2 && !Self.notNames.contains(word) && word.allSatisfy({ $0.isLetter })
                && !stripped.contains(where: { $0.form.hasPrefix("ال") || Self.notNames.contains($0.form) })
                && Lexicon.nationality(word) == nil && Lexicon.titles.match([word], at: 0) == nil
                && !Self.isPlainPlace(Lexicon.places.match([word], at: 0)?.value)
        }
        // A first word in "ة" or "ات" that is no known first name is a noun ("قرية", "دائرة",
        // "حكومات"): "فاطمة", "أسامة" are in the first names.
        let noun = (first.hasSuffix("ه") || first.hasSuffix("ات")) && Lexicon.firstNames[first] == nil
        // "عملية سليمان الإرهابية": a nisba adjective in "ية" after a name word is no family name.
        if second.hasPrefix("ال") && second.hasSuffix("يه") { return nil }
        guard !first.hasPrefix("ال"), !noun, !commaAfter[index], isNameWord(first), isNameWord(second) || ["بن", "ابن"].contains(second),
            !personal[index],
            !personal[index + 1],
            Lexicon.actors.match(tokens, at: index, forms: forms) == nil, Lexicon.media.match(tokens, at: index, forms: forms) == nil,
            !Self.isPlainPlace(Lexicon.places.match(tokens, at: index, forms: forms)?.value)
        else { return nil }
        let compound =
            ["عبد", "ابو", "ابن", "بن"].contains(first) || ["الدين", "الله", "الرحمن", "بن", "ابن", "عبد", "ابو"].contains(second)
        if compound {
            // "محمد بن سلمان", "نور الدين البابا", "عبد الله الثاني": three words.
            guard index + 2 < tokens.count, isNameWord(tokens[index + 2]) || ["بن", "ابن"].contains(second), !personal[index + 2] else { return nil }
            // "رامي عبد الرحمن": the compound is the second name, its second word the third.
            if ["عبد", "ابو"].contains(second), index + 3 < tokens.count, isNameWord(tokens[index + 3]), !personal[index + 3] { return 4 }
            return 3
        }
        return 2
    }

    /// "اعتقل جهاز الاستخبارات يوسف نازيك", "عبد ربه منصور هادي": a frequent first name
    /// (`Resources/first-names.tsv`) and the name words after it, up to four in all; one that is
    /// also a word ("صالح", "سعيد") only before a family name with the article.
    mutating func readFirstNamedPeople() {
        var index = 0
        while index < tokens.count - 1 {
            guard !taken[index], !personal[index], let isWord = Lexicon.firstNames[tokens[index]],
                var length = nameLength(at: index)
            else {
                index += 1
                continue
            }
            // Not "يزيد التنظيم": the next word names no group or body.
            if (isWord && !tokens[index + 1].hasPrefix("ال")) || token(index + 1, isOneOf: Self.organizationWords)
                || Lexicon.actors.match(tokens, at: index + 1, forms: forms) != nil
            {
                index += 1
                continue
            }
            length = extendedNameLength(at: index, length: length)
            addPerson(text(index..<(index + length)), role: nil, at: index)
            take(index..<(index + length))
            for position in index..<(index + length) { personal[position] = true }
            index += length
        }
    }

    /// The length of the name at `index` (of `length` words so far), longer by the words that
    /// continue it.
    /// `familyNames`: whether a word with the article continues it (after a title, the name
    /// the title introduces has its family name already: "أحمد التامر العامل في …").
    mutating func extendedNameLength(at index: Int, length: Int, familyNames: Bool = true) -> Int {
        var length = length
        // A longer name: a family name with the article, another first name, the word after
        // "بن/عبد/أبو", a surname's tail ("تشاووش أوغلو"); not a role ("المتحدث") nor an
        // adjective ("الإرهابية").
        // A nasab runs longer: "مظفر بن ميلود بن علي".
        let limit = tokens[index..<min(tokens.count, index + 4)].contains { ["بن", "ابن"].contains($0) } ? 5 : 4
        while length < limit, index + length < tokens.count, !personal[index + length], !taken[index + length], !commaAfter[index + length - 1] {
            let next = tokens[index + length]
            let bound = ["بن", "ابن", "عبد", "ابو"].contains(tokens[index + length - 1])
            // After "بن", "علي" is the name Ali, not the preposition.
            guard !next.hasPrefix("و") || bound, !Self.notNames.contains(next) || (bound && next == "علي"), !Self.nameStops.contains(next),
                Lexicon.titles.match(tokens, at: index + length) == nil,
                !Self.isPlainPlace(Lexicon.places.match(tokens, at: index + length, forms: forms)?.value),
                Lexicon.actors.match(tokens, at: index + length, forms: forms) == nil, Lexicon.nationality(next) == nil,
                next.allSatisfy(\.isLetter)
            else { break }
            // One family name with the article: "عادل العلوي المندوب" ends at "العلوي".
            let familyName =
                familyNames && !tokens[index + length - 1].hasPrefix("ال") && next.hasPrefix("ال") && !next.hasSuffix("يه") && !next.hasSuffix("ين")
                && !next.hasSuffix("ون")
            guard familyName || bound || Lexicon.firstNames[next] != nil || Self.surnameTails.contains(next) else { break }
            length += 1
        }
        return length
    }

    /// A name set off by commas beside its role, the way news introduces a person:
    /// "اغتيال عزيز أسبر، مدير مركز البحوث" and "وقالت بوديل فاليرو، المتحدثة باسم …" (the
    /// name, a comma, a role), or "وقال قائممقام قضاء الحضر، علي الحمدي، إن" (a role, a
    /// comma, the name, a comma or "الذي"/"إن"). Two to four name words, none known as a
    /// place, a body or a title; with a known first name among them the name starts there.
    mutating func readAppositionPeople() {
        guard tokens.count >= 4, commaAfter.contains(true) else { return }
        for comma in tokens.indices where commaAfter[comma] && comma + 1 < tokens.count {
            // The name before the comma, the role after it.
            if isRole(at: comma + 1), let start = nameStart(endingAt: comma) {
                addAppositionPerson(start..<(comma + 1), role: roleText(from: comma + 1))
                continue
            }
            // The name after the comma, a role before it, a comma or a pronoun after it.
            let start = comma + 1
            guard let length = aliName(at: start) ?? nameLength(at: start).map({ extendedNameLength(at: start, length: $0, familyNames: true) }),
                start + length <= tokens.count, isFree(start..<(start + length)),
                commaAfter[start + length - 1] || (start + length < tokens.count && Self.afterQuotedName.contains(tokens[start + length])),
                (max(0, comma - 6)...comma).contains(where: { isRole(at: $0) })
            else { continue }
            addAppositionPerson(start..<(start + length), role: nil)
        }
    }

    /// "من مواليد 1992" after a name, "ويدعى كيان أشتر" before one: a person introduced.
    mutating func readIntroducedPeople() {
        for index in tokens.indices {
            // "بلال الغضباني (من مواليد 1992)": the name is the two or three words before.
            if index >= 2, tokens[index] == "من", index + 1 < tokens.count, tokens[index + 1].hasPrefix("مواليد"),
                let start = nameStart(endingAt: index - 1)
            {
                addAppositionPerson(start..<index, role: nil)
            }
            // "يدعى", "المدعو": the name after.
            if token(index, isOneOf: Self.namingWords), let base = nameLength(at: index + 1) {
                let length = extendedNameLength(at: index + 1, length: base)
                if isFree((index + 1)..<(index + 1 + length)) { addAppositionPerson((index + 1)..<(index + 1 + length), role: nil) }
            }
        }
    }

    /// Whether a role begins at `index`: a title ("وزير الخارجية"), or a word that ends a
    /// name ("المتحدثة", "الباحث").
    func isRole(at index: Int) -> Bool {
        guard index < tokens.count else { return false }
        return Lexicon.titles.match(tokens, at: index, forms: forms) != nil || Self.nameStops.contains(tokens[index])
    }

    /// The role words from `index`, up to the next comma (eight words at most).
    mutating func roleText(from index: Int) -> String {
        text(index..<roleEnd(from: index))
    }

    /// Where a role starting at `index` ends: after the word a comma follows, or eight words on.
    mutating func roleEnd(from index: Int) -> Int {
        var end = index
        while end < tokens.count, end - index < 8 {
            end += 1
            if commaAfter[end - 1] { break }
        }
        return end
    }

    /// Where a name that ends at `end` (inclusive) starts: at a known first name among its
    /// last four words, else two words before its end; nil when the words are no name.
    mutating func nameStart(endingAt end: Int) -> Int? {
        for start in max(0, end - 3)..<end where Lexicon.firstNames[tokens[start]] != nil || Lexicon.firstNames[Self.withoutAnd(tokens[start])] != nil
        {
            if (start...end).allSatisfy({ isLooseNameWord($0) }), !commaAfter[start..<end].contains(true) { return start }
        }
        let start = end - 1
        if start >= 0, aliName(at: start) == 2 { return start }
        guard start >= 0, isLooseNameWord(start), isLooseNameWord(end), !commaAfter[start],
            start == 0 || !isLooseNameWord(start - 1) || token(start - 1, isOneOf: Self.speechVerbs)
                || token(start - 1, isOneOf: Self.attributionWords) || commaAfter[start - 1]
        else { return nil }
        return start
    }

    /// "علي الحمدي،": the first name Ali, written as the preposition "على" is folded, with a
    /// family name and a comma after it; 2, else nil.
    mutating func aliName(at index: Int) -> Int? {
        guard index + 1 < tokens.count, tokens[index] == "علي", !taken[index], !personal[index], commaAfter[index + 1],
            tokens[index + 1].hasPrefix("ال"), isLooseNameWord(index + 1), Lexicon.places.match(tokens, at: index + 1, forms: forms) == nil
        else { return nil }
        return 2
    }

    /// A word that may be part of a name: not taken by a place, actor or title, not a word
    /// that never names anyone, no article-less noun in "ة" unless a first name.
    func isLooseNameWord(_ index: Int) -> Bool {
        guard index >= 0, index < tokens.count, !taken[index], !personal[index] else { return false }
        let word = tokens[index]
        return word.count >= 2 && word.allSatisfy(\.isLetter) && !Self.notNames.contains(word) && !Self.nameStops.contains(word)
            && !token(index, isOneOf: Self.speechVerbs) && Lexicon.nationality(word) == nil
            && Lexicon.titles.match(tokens, at: index, forms: forms) == nil
            && !(word.hasPrefix("ال") && (word.hasSuffix("يه") || word.hasSuffix("ين") || word.hasSuffix("ون")))
    }

    /// A word without the conjunction "و" it may be written with ("وأنور" -> "أنور").
    static func withoutAnd(_ word: String) -> String { word.hasPrefix("و") && word.count > 3 ? String(word.dropFirst()) : word }

    mutating func addAppositionPerson(_ range: Range<Int>, role: String?) {
        var name = text(range)
        // Words as written, letters only: not 'ب"إنزال' (a quote inside a word).
        guard name.allSatisfy({ $0.isLetter || $0 == " " }) else { return }
        // "وأنور الذيبي" in a list: the name is "أنور الذيبي" when "أنور" is a first name.
        // In a list of names after another ("… وسيف الجمالي") the "و" is the list's too.
        let first = tokens[range.lowerBound]
        if first.hasPrefix("و"), Lexicon.firstNames[first] == nil,
            Lexicon.firstNames[Self.withoutAnd(first)] != nil || (!people.isEmpty && Self.withoutAnd(first).count >= 3)
        {
            name = String(name.drop(while: { $0 != "و" }).dropFirst())
        }
        addPerson(name, role: role, at: range.lowerBound)
        take(range)
        for position in range { personal[position] = true }
    }

    /// Whether a gazetteer entry rules a word out of a name: a place that needs no cue. A
    /// town whose name is also a first name or a word ("سالم", Salem) is flagged as needing
    /// one, and names people as often.
    static func isPlainPlace(_ place: Place?) -> Bool {
        guard let place else { return false }
        return !place.needsCue
    }
}
