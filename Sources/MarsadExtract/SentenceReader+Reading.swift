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
        readAppositionPeople()
        readIntroducedPeople()
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
                // As written in the text ("نيجرفان بارزاني", "جان ايف لودريان"): what the analyst reads.
                addPerson(text(index..<(index + match.length)), role: match.value.role, at: index)
                take(index..<(index + match.length))
                for position in index..<(index + match.length) { personal[position] = true }
                index += match.length
            } else {
                index += 1
            }
        }
    }

    mutating func addPerson(_ name: String, role: String?, at position: Int) {
        // "الاثنين،سليمان هلال": a word written glued to the one before across a comma.
        var name = name
        if let comma = name.split(separator: " ").first?.lastIndex(where: { $0 == "،" || $0 == "," }) {
            name = String(name[name.index(after: comma)...])
        }
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
            // "جنيف 2", "أستانا 8": a round of talks named after its city, no place of the news.
            if [.city, .town].contains(candidate.place.kind), candidate.range.upperBound < tokens.count,
                tokens[candidate.range.upperBound].allSatisfy(\.isNumber)
            {
                take(candidate.range)
                continue
            }
            // Not when the name carries its division word: "مركز محافظة ديالى" is its seat.
            let withDivisionWord = token(start, isOneOf: Self.placeWords)
            if (token(start - 1, isOneOf: Self.namedAfter) && !withDivisionWord)
                || (token(start - 1, isOneOf: Self.streetWords) && [.city, .governorate, .province, .country].contains(candidate.place.kind))
            {
                take(candidate.range)
                continue
            }
            let afterPlaceWord = token(start - 1, isOneOf: Self.placeWords)
            let inList = candidate.prefix.hasPrefix("و") && (previousAccepted.map { candidates[$0].range.upperBound == start } ?? false)
            // A list of states ("كل من روسيا وتركيا") is no list of places.
            let inPlaceList =
                inList && (places.last.map { $0.namedAsPlace && $0.position == candidates[previousAccepted!].range.lowerBound } ?? false)
            // Abroad, "في" or the locative "ب" is cue enough ("في طبرق", "بجنيف"): the article
            // must still name the country as a place (FindingsReader). A Syrian town that needs
            // a cue is a common word ("في الباب" is "in the door" as often).
            let locatedAbroad = candidate.place.country != "SY" && (token(start - 1, isOneOf: ["في"]) || candidate.prefix.contains("ب"))
            if candidate.place.needsCue && !(afterPlaceWord || countriesBeside.contains(candidate.place.country) || inList || locatedAbroad) {
                continue
            }
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
            // A country is a place where the text puts something in it, on it or from it
            // ("في سوريا", "بسوريا", "على سوريا", "شمال سوريا", "سوريا، العراق" after one that
            // is): "كل من روسيا وتركيا", "تدعم تركيا", "نشكر إيران" name states, not places.
            let namedAsPlace =
                candidate.place.kind != .country || Self.isNamedAsPlace(self, candidate.range, prefix: candidate.prefix, afterPlaceWord, inPlaceList)
            if candidate.place.isCapital {
                // "بالعاصمة التركية، أنقرة،": the capital named a few words after "العاصمة".
                let afterCapitalWord = (max(0, start - 3)..<start).contains { token($0, isOneOf: ["العاصمه"]) }
                let located =
                    candidate.prefix.contains("ب") || token(start - 1, isOneOf: Self.locatives) || afterPlaceWord || inList
                    || afterCapitalWord || isDateline(candidate.range)
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
            places.append(
                PlaceMention(place: candidate.place, qualifier: qualifier, sentence: sentence, position: start, namedAsPlace: namedAsPlace))
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

    /// Whether a country's name at `range` is used as a place: after a preposition of place
    /// or movement, a place word, "على", "أراضي", with the locative "ب", in a list after a
    /// country so used, or in a dateline.
    static func isNamedAsPlace(_ reader: SentenceReader, _ range: Range<Int>, prefix: String, _ afterPlaceWord: Bool, _ inList: Bool) -> Bool {
        let start = range.lowerBound
        // "كل من روسيا وتركيا": "each of", not "from"; "المدعومة من السعودية": "by".
        if reader.token(start - 1, isOneOf: ["من"]),
            reader.token(start - 2, isOneOf: ["كل", "المدعوم", "المدعومه", "المدعومين", "مدعوم", "مدعومه", "مدعومين", "بدعم"])
        {
            return false
        }
        // "الحدود مع سوريا", "المثلث الحدودي بين سوريا والعراق": the border's sides.
        let border =
            reader.token(start - 1, isOneOf: ["مع", "بين"])
            && reader.token(start - 2, isOneOf: ["الحدود", "حدود", "حدودها", "حدوده", "الحدودي", "الحدوديه", "المثلث", "الفاصله", "الفاصل"])
        return prefix.contains("ب") || prefix.hasSuffix("ل") || afterPlaceWord || inList || border
            || reader.token(start - 1, isOneOf: countryPlaceWords) || reader.isDateline(range)
    }

    /// Words after which a country's name is a place: of place and movement, "على", "أراضي".
    static let countryPlaceWords: WordSet = [
        "في", "الي", "من", "نحو", "باتجاه", "قرب", "داخل", "خارج", "عبر", "حول", "محيط", "علي", "اراضي", "الاراضي", "حدود",
        "انحاء", "ارض", "اجواء", "سماء", "شمالي", "جنوبي", "شرقي", "غربي", "زار", "زياره", "وصل", "غادر", "توجه",
    ]

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
}
