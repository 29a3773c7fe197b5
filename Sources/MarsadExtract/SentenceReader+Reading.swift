import MarsadText

/// Reading one sentence: media, known people, actors, places, people.
extension SentenceReader {
    mutating func read(lastGroup: inout String?) {
        readMedia()
        readKnownPeople()
        readActors(lastGroup: &lastGroup)
        readPlaces()
        readUnknownLocalities()
        readTitledPeople()
        readQuotedPeople()
        readFirstNamedPeople()
        readQuantities()
    }

    mutating func text(_ range: Range<Int>) -> String {
        display[range].joined(separator: " ")
    }

    mutating func take(_ range: Range<Int>) {
        for index in range { taken[index] = true }
    }

    func isFree(_ range: Range<Int>) -> Bool {
        range.allSatisfy { !taken[$0] }
    }

    /// The token without its proclitics, when it is one of `words`.
    func token(_ index: Int, isOneOf words: WordSet) -> Bool {
        guard index >= 0 && index < tokens.count else { return false }
        return forms[index].contains { words.contains($0.form) }
    }

    mutating func readMedia() {
        var index = 0
        while index < tokens.count {
            if let match = Lexicon.media.match(tokens, at: index, forms: forms), isFree(index..<(index + match.length)) {
                if !media.contains(match.value.nameAr) { media.append(match.value.nameAr) }
                take(index..<(index + match.length))
                index += match.length
            } else {
                index += 1
            }
        }
    }

    mutating func readKnownPeople() {
        var index = 0
        while index < tokens.count {
            if let match = Lexicon.knownPeople.match(tokens, at: index, forms: forms), isFree(index..<(index + match.length)) {
                addPerson(match.value.name, role: match.value.role, at: index)
                take(index..<(index + match.length))
                for position in index..<(index + match.length) { personal[position] = true }
                index += match.length
            } else {
                index += 1
            }
        }
    }

    mutating func addPerson(_ name: String, role: String?, at position: Int) {
        named.append(position)
        guard !people.contains(where: { Normalization.search($0.name) == Normalization.search(name) }) else { return }
        people.append(PersonMention(name: name, role: role, sentence: sentence))
    }

    mutating func addActor(_ id: String, _ range: Range<Int>) {
        actors.append(ActorMention(id: id, form: tokens[range].joined(separator: " "), sentence: sentence, position: range.lowerBound))
        take(range)
    }

    /// Whether the words before `index` make the mention history ("سقوط نظام الأسد").
    func isHistory(before index: Int) -> Bool {
        (max(0, index - 2)..<index).contains { token($0, isOneOf: Self.fallWords) }
    }

    mutating func readActors(lastGroup: inout String?) {
        var index = 0
        while index < tokens.count {
            guard !taken[index] else {
                index += 1
                continue
            }
            if let match = Lexicon.actors.match(tokens, at: index, forms: forms) {
                let range = index..<(index + match.length)
                if isHistory(before: index) {
                    take(range)
                } else if match.value.id == "HOME-GOV", range.upperBound < tokens.count, let state = Lexicon.nationality(tokens[range.upperBound]) {
                    // "القوات الموالية للحكومة السورية": the state is named after all.
                    addActor(state + "-GOV", index..<(range.upperBound + 1))
                    index += 1
                } else {
                    addActor(match.value.id, range)
                    if Lexicon.organizations.contains(match.value.id) { lastGroup = match.value.id }
                }
                index += match.length
                continue
            }
            // "التحالف" alone, not "التحالف الحاكم": the coalition the article names in full
            // (resolved by `FindingsReader.read`; dropped when it names none).
            if token(index, isOneOf: ["التحالف"]), !(index + 1 < tokens.count && tokens[index + 1].hasPrefix("ال")),
                !isHistory(before: index)
            {
                addActor(Self.bareCoalition, index..<(index + 1))
                index += 1
                continue
            }
            // "التنظيم": the armed group named last.
            if token(index, isOneOf: Self.organizationWords), let group = lastGroup,
                !(index + 1 < tokens.count && Lexicon.actors.match(tokens, at: index + 1, forms: forms) != nil)
            {
                addActor(group, index..<(index + 1))
                index += 1
                continue
            }
            // An attack with a nationality: "قصف روسي", "غارات جوية تركية", "اعتداء إسرائيلي".
            if token(index, isOneOf: Self.attackNouns) {
                var end = index + 1
                if token(end, isOneOf: Self.attackManners) { end += 1 }
                if end < tokens.count, !taken[end], let state = Lexicon.nationality(tokens[end]), !isHistory(before: index) {
                    // The adjective only: the noun stays free to be read as the trigger it is.
                    addActor(state + "-GOV", end..<(end + 1))
                    index = end + 1
                    continue
                }
            }
            // An institution with a nationality: "وزارة الداخلية السورية", "القيادة المركزية الأمريكية".
            if token(index, isOneOf: Self.institutions) {
                var end = index + 1
                while end < min(tokens.count, index + 5) {
                    if let state = Lexicon.nationality(tokens[end]) {
                        if !isHistory(before: index) { addActor(state + "-GOV", index..<(end + 1)) }
                        index = end
                        break
                    }
                    // Not across another actor: "عناصر قوات النظام السوري" is the regime's.
                    if taken[end] || Lexicon.places.match(tokens, at: end, forms: forms) != nil
                        || Lexicon.actors.match(tokens, at: end, forms: forms) != nil
                    {
                        break
                    }
                    end += 1
                }
            }
            index += 1
        }
    }

    mutating func readPlaces() {
        struct Candidate {
            var place: Place
            var range: Range<Int>
            var prefix: String
        }
        var candidates: [Candidate] = []
        // A dateline's places say where the report was filed.
        var index = min(Sentence.datelineWords(sentenceText), tokens.count)
        while index < tokens.count {
            if !taken[index], let match = Lexicon.places.match(tokens, at: index, forms: forms), isFree(index..<(index + match.length)) {
                candidates.append(Candidate(place: match.value, range: index..<(index + match.length), prefix: match.prefix))
                index += match.length
            } else {
                index += 1
            }
        }
        // Countries with a place beside: a town that needs a cue is accepted beside another place of its country.
        let countriesBeside = Set(candidates.filter { !$0.place.needsCue && !$0.place.isCapital && $0.place.kind != .country }.map(\.place.country))
        var previousAccepted: Int?
        var previousWasGovernment = false
        for (number, candidate) in candidates.enumerated() {
            let start = candidate.range.lowerBound
            // "معهد واشنطن"; "حي دمشق" (a quarter of Tripoli), "شارع بغداد": a street or a
            // quarter named after a city or a country is not that place.
            if token(start - 1, isOneOf: Self.namedAfter)
                || (token(start - 1, isOneOf: Self.streetWords) && [.city, .governorate, .province, .country].contains(candidate.place.kind))
            {
                take(candidate.range)
                continue
            }
            let afterPlaceWord = token(start - 1, isOneOf: Self.placeWords)
            let inList = candidate.prefix.hasPrefix("و") && (previousAccepted.map { candidates[$0].range.upperBound == start } ?? false)
            if candidate.place.needsCue && !(afterPlaceWord || countriesBeside.contains(candidate.place.country) || inList) { continue }
            if candidate.place.kind == .country {
                // "الأردن شارك", "تطلب الولايات المتحدة": the country is the subject of a government's verb.
                let nextIsVerb = token(candidate.range.upperBound, isOneOf: Self.governmentVerbs) || token(start - 1, isOneOf: Self.governmentVerbs)
                let afterAgency = (max(0, start - 3)..<start).contains { token($0, isOneOf: Self.agencyNouns) }
                let coordinated =
                    previousWasGovernment && number > 0 && candidates[number - 1].range.upperBound == start && candidate.prefix.hasPrefix("و")
                if nextIsVerb || afterAgency || coordinated {
                    addActor(candidate.place.country + "-GOV", candidate.range)
                    previousWasGovernment = true
                    continue
                }
            }
            previousWasGovernment = false
            if candidate.place.isCapital {
                let located =
                    candidate.prefix.contains("ب") || token(start - 1, isOneOf: Self.locatives) || afterPlaceWord || inList
                    || isDateline(candidate.range)
                guard located else {
                    addActor(candidate.place.country + "-GOV", candidate.range)
                    continue
                }
            }
            var qualifier: String?
            if start > 0, let relative = forms[start - 1].lazy.compactMap({ Self.relativeQualifiers[$0.form] }).first {
                qualifier = relative
                if relative == "countryside", let direction = directionAfter(candidate.range.upperBound) { qualifier = direction + " countryside" }
            }
            places.append(PlaceMention(place: candidate.place, qualifier: qualifier, sentence: sentence, position: start))
            take(candidate.range)
            previousAccepted = number
        }
        // "حي الحميدية في مدينة حلب", "قرية X بريف Y": a neighbourhood, village or town placed
        // in another place is in that place's governorate, whatever a namesake elsewhere says.
        for index in places.indices.dropLast() {
            let inner = places[index]
            let outer = places[index + 1]
            guard inner.place.country == "SY", outer.place.country == "SY", [.town, .site, .district].contains(inner.place.kind),
                let admin1 = outer.place.admin1, inner.place.admin1 != admin1, outer.position > inner.position,
                outer.position - inner.position <= 5,
                ((inner.position + 1)..<outer.position).contains(where: { token($0, isOneOf: Self.containment) })
                    || forms[outer.position].contains(where: { $0.prefix.hasSuffix("ب") })
            else { continue }
            places[index].place.admin1 = admin1
            places[index].place.lat = outer.place.lat
            places[index].place.lon = outer.place.lon
        }
    }

    /// Words that put a place inside the next one: "في", "ريف", "التابع(ة) لـ", "مدينة".
    static let containment: WordSet = ["في", "ريف", "التابع", "التابعه", "مدينه", "محافظه", "منطقه", "بمدينه", "بمحافظه", "بمنطقه"]

    /// "بغداد - أعلنت…", "أنقرة (رويترز) -": the city an article opens with, before a dash or
    /// a parenthesis, is where it was filed: a place, not a government acting.
    func isDateline(_ range: Range<Int>) -> Bool {
        guard sentence == 0, range.lowerBound == 0 else { return false }
        // Skip the city's words as written, then look at what follows them.
        var rest = Substring(sentenceText)
        let ends: Set<Character> = ["(", "-", "–", "،", ":"]
        for _ in range {
            rest = rest.drop(while: { $0.isWhitespace }).drop(while: { !$0.isWhitespace && !ends.contains($0) })
        }
        return rest.drop(while: { $0.isWhitespace }).first.map(ends.contains) ?? false
    }

    func directionAfter(_ index: Int) -> String? {
        guard index < tokens.count else { return nil }
        if index + 1 < tokens.count, let two = Self.directions[tokens[index] + " " + tokens[index + 1]] { return two }
        return Self.directions[tokens[index]]
    }

    mutating func readTitledPeople() {
        var index = 0
        while index < tokens.count {
            // A title may be part of an actor ("وزير الخارجية العراقي" is also IQ-GOV), not of a name.
            guard !personal[index], let title = Lexicon.titles.match(tokens, at: index, forms: forms) else {
                index += 1
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
    func nameLength(at index: Int) -> Int? {
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
                && Lexicon.places.match([word], at: 0) == nil
        }
        // A first word in "ة" or "ات" that is no known first name is a noun ("قرية", "دائرة",
        // "حكومات"): "فاطمة", "أسامة" are in the first names.
        let noun = (first.hasSuffix("ه") || first.hasSuffix("ات")) && Lexicon.firstNames[first] == nil
        guard !first.hasPrefix("ال"), !noun, isNameWord(first), isNameWord(second) || ["بن", "ابن"].contains(second), !personal[index],
            !personal[index + 1],
            Lexicon.actors.match(tokens, at: index, forms: forms) == nil, Lexicon.media.match(tokens, at: index, forms: forms) == nil,
            Lexicon.places.match(tokens, at: index, forms: forms) == nil
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
    func extendedNameLength(at index: Int, length: Int, familyNames: Bool = true) -> Int {
        var length = length
        // A longer name: a family name with the article, another first name, the word after
        // "بن/عبد/أبو", a surname's tail ("تشاووش أوغلو"); not a role ("المتحدث") nor an
        // adjective ("الإرهابية").
        while length < 4, index + length < tokens.count, !personal[index + length], !taken[index + length] {
            let next = tokens[index + length]
            let bound = ["بن", "ابن", "عبد", "ابو"].contains(tokens[index + length - 1])
            guard !next.hasPrefix("و") || bound, !Self.notNames.contains(next), !Self.nameStops.contains(next),
                Lexicon.titles.match(tokens, at: index + length) == nil, Lexicon.places.match(tokens, at: index + length, forms: forms) == nil,
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
}
