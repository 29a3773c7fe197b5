import MarsadText

/// A place named in an article.
public struct PlaceMention: Sendable, Equatable {
    public var place: Place
    /// How the text relates the mention to the place: "countryside", "eastern countryside", "north of"…; nil for the place itself.
    public var qualifier: String?
    public var sentence: Int
    /// The token of the sentence where the mention starts.
    var position = 0
}

public struct ActorMention: Sendable, Equatable {
    /// DESIGN §5's id: ISIS, SDF, SY-GOV…
    public var id: String
    /// The form the text used, in search form.
    public var form: String
    public var sentence: Int
    var position = 0
}

public struct PersonMention: Sendable, Equatable {
    public var name: String
    public var role: String?
    public var sentence: Int
}

public struct Quantity: Sendable, Equatable {
    /// nil for a vague count ("العشرات", "عدد من"): no number is invented.
    public var value: Int?
    /// "more-than", "at-least", "about", "less-than", "vague"; nil for an exact count.
    public var qualifier: String?
    /// The words that say it, as written.
    public var text: String
    public var sentence: Int
    var position = 0
}

/// What an article says about where, who and how many (DESIGN §5).
public struct Findings: Sendable, Equatable {
    public var sentences: [Sentence] = []
    public var places: [PlaceMention] = []
    public var actors: [ActorMention] = []
    public var people: [PersonMention] = []
    /// Media the article cites (Reuters, The National…), kept apart from actors.
    public var media: [String] = []
    public var quantities: [Quantity] = []
    public var incidents: [Incident] = []
}

/// Reads places, actors, people, cited media and quantities out of clean text, sentence by
/// sentence, by rules of the language and the data in `Resources/`.
public enum FindingsReader {
    /// Bumped whenever a rule or a data file changes what is found: stored with the findings.
    public static let version = 1

    public static func read(_ cleanText: String, title: String? = nil, published: FoundDate? = nil) -> Findings {
        var findings = Findings()
        findings.sentences = Sentence.split(cleanText)
        var lastGroup: String?
        for (number, sentence) in findings.sentences.enumerated() {
            var reader = SentenceReader(tokens: sentence.tokens, forms: sentence.forms, text: sentence.text, sentence: number)
            reader.read(lastGroup: &lastGroup)
            findings.places += reader.places
            findings.actors += reader.actors
            for person in reader.people {
                let key = Normalization.search(person.name)
                if let index = findings.people.firstIndex(where: { Normalization.search($0.name) == key }) {
                    if findings.people[index].role == nil { findings.people[index].role = person.role }
                } else {
                    findings.people.append(person)
                }
            }
            findings.quantities += reader.quantities
            for medium in reader.media where !findings.media.contains(medium) { findings.media.append(medium) }
        }
        // A place that needs a cue also needs its country in the article: "بمنطقة المنصورة" in a
        // Tunisian story is not the Syrian town.
        let countries = Set(findings.places.filter { !$0.place.needsCue }.map(\.place.country))
        findings.places.removeAll { $0.place.needsCue && !countries.contains($0.place.country) }
        findings.incidents = IncidentReader(findings: findings, published: published, title: title).read()
        return findings
    }

    /// The words of a display-form sentence, one per search-form token (a joined word's
    /// parts both show the word), to quote names and numbers as written.
    static func displayWords(_ sentence: String) -> [String] {
        let chunks = sentence.split(whereSeparator: { $0.isWhitespace })
        // The search form keeps white space where it is, so its chunks are the display
        // chunks' search forms: one fold for the sentence, not one per chunk.
        let folded = Normalization.search(sentence).split(separator: " ", omittingEmptySubsequences: true)
        var words: [String] = []
        for (number, chunk) in chunks.enumerated() {
            let count: Int
            if folded.count == chunks.count {
                count = Normalization.words(folded[number]).reduce(0) { $0 + max(1, Normalization.joinedWordParts($1).count) }
            } else {
                count = Sentence.tokens(of: String(chunk)).count
            }
            // Cut by index: building the word Character by Character cost a third of extraction.
            let isWordCharacter = { (character: Character) in character.isLetter || character.isNumber }
            let trimmed =
                chunk.firstIndex(where: isWordCharacter).map { first in
                    String(chunk[first...chunk.lastIndex(where: isWordCharacter)!])
                } ?? ""
            words += Array(repeating: trimmed, count: count)
        }
        return words
    }
}

/// The rules, over one sentence's tokens.
struct SentenceReader {
    let tokens: [String]
    let forms: [[Clitics.Form]]
    let sentenceText: String
    /// The words as written, one per token: made only when a name or a number is quoted.
    lazy var display: [String] = {
        let words = FindingsReader.displayWords(sentenceText)
        return words.count == tokens.count ? words : tokens
    }()
    let sentence: Int
    var taken: [Bool]
    /// Tokens that are a person's name.
    var personal: [Bool]
    var places: [PlaceMention] = []
    var actors: [ActorMention] = []
    var people: [PersonMention] = []
    var media: [String] = []
    var quantities: [Quantity] = []

    init(tokens: [String], forms: [[Clitics.Form]], text: String, sentence: Int) {
        self.tokens = tokens
        self.forms = forms
        self.sentenceText = text
        self.sentence = sentence
        taken = Array(repeating: false, count: tokens.count)
        personal = taken
    }

    // MARK: words of the language (search form)

    /// Words that introduce a place: "مدينة X", "ريف X", "شمال X".
    static let placeWords: WordSet = [
        "مدينه", "بلده", "قريه", "حي", "مخيم", "منطقه", "مناطق", "ناحيه", "محافظه", "مقاطعه", "ريف",
        "ضواحي", "اطراف", "محيط", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط",
        "قرب", "بالقرب", "مركز", "العاصمه", "مدن", "بلدات", "قري", "احياء", "بادیه", "باديه", "مدينتي",
    ]
    /// Nouns of institutions named after a place ("معهد واشنطن", "جامعة دمشق"): the place
    /// there is neither a place of the news nor a government.
    static let namedAfter: WordSet = [
        "معهد", "جامعه", "صحيفه", "مركز", "منتدي", "مءتمر", "اتفاق", "اتفاقيه", "مسار", "بيان", "اعلان",
        "محادثات", "مفاوضات", "قمه", "مجموعه", "بوست", "تايمز", "برنامج", "ريال", "نادي", "فريق", "منتخب",
    ]
    /// Words after which a capital is the city, not its government.
    static let locatives: WordSet = [
        "في", "الي", "من", "نحو", "باتجاه", "قرب", "داخل", "العاصمه", "مدينه", "ضواحي", "ريف", "شوارع",
        "محيط", "حول", "عبر", "منها", "مطار", "زار", "زياره", "وصل", "وصول", "توجه", "غادر", "سفاره", "لقاء",
    ]
    static let directions: WordMap<String> = [
        "الشرقي": "eastern", "الغربي": "western", "الشمالي": "northern", "الجنوبي": "southern",
        "الشمالي الشرقي": "north-eastern", "الشمالي الغربي": "north-western",
        "الجنوبي الشرقي": "south-eastern", "الجنوبي الغربي": "south-western",
    ]
    static let relativeQualifiers: WordMap<String> = [
        "ريف": "countryside", "ضواحي": "suburbs", "اطراف": "outskirts", "محيط": "surroundings",
        "شمال": "north of", "جنوب": "south of", "شرق": "east of", "غرب": "west of",
        "شمالي": "north of", "جنوبي": "south of", "شرقي": "east of", "غربي": "west of",
    ]
    /// Verbs after a country's name that make it a government acting.
    static let governmentVerbs: WordSet = [
        "شارك", "شاركت", "يشارك", "تشارك", "اعلن", "اعلنت", "يعلن", "تعلن", "اكد", "اكدت", "نفذ", "نفذت", "تنفذ", "قصف", "قصفت", "تقصف",
        "دعا", "دعت", "تدعو", "طالب", "طالبت", "تطالب", "رحب", "رحبت", "ادان", "ادانت", "تدين", "تعهد", "تعهدت", "قرر", "قررت", "وافق",
        "وافقت", "رفض", "رفضت", "ترفض", "اتهم", "اتهمت", "تتهم", "هدد", "هددت", "تهدد", "ارسل", "ارسلت", "سلم", "سلمت", "تسلمت",
        "استضاف", "استضافت", "تستضيف", "شن", "شنت", "تشن", "ساهم", "ساهمت", "دعمت", "تدعم", "تواصل", "واصلت", "تواجه", "واجهت",
        "تطلب", "طلبت", "يطلب", "تريد", "ارادت", "سمحت", "تسمح", "منعت", "تمنع", "فرضت", "تفرض", "رفعت", "ترفع", "اعترفت", "تعترف",
        "نشرت", "اعتقلت", "ضبطت", "احبطت", "سحبت", "ابلغت", "حذرت", "تحذر", "تسعي", "سعت", "تمكنت",
    ]
    /// Nouns after which a country acts as a government: "برئاسة مشتركة من إسبانيا".
    static let agencyNouns: WordSet = [
        "برءاسه", "بقياده", "بدعم", "بمشاركه", "بوساطه", "برعايه", "بتنسيق", "بالتنسيق", "قادته",
        "قادها", "تقوده", "يقوده", "تقودها", "يقودها", "تدعمه", "تدعمها", "بدعوه", "بطلب",
    ]
    /// Nouns of a state's institutions: with a nationality they name its government.
    static let institutions: WordSet = [
        "الجيش", "جيش", "القوات", "قوات", "الحكومه", "حكومه", "وزاره", "الوزاره", "الامن", "امن", "رءاسه", "الاستخبارات", "استخبارات",
        "المخابرات", "مخابرات", "النيابه", "نيابه", "المحكمه", "محكمه",
        "جهاز", "القياده", "قياده", "الرءيس", "الرءاسه", "السلطات", "سلطات", "الشرطه", "الطيران", "سلاح", "مصدر", "مصادر", "مسءول",
        "مسءولين", "المسءولين", "مسءولون", "وزير", "الوزير", "الخارجيه", "الداخليه", "الدفاع", "البحريه", "الحرس", "الاجهزه", "اجهزه",
        "وحدات", "عناصر", "قوي", "الادارة", "الاداره", "ادارة", "اداره", "المبعوث", "السفير", "السفاره", "الدبلوماسيه", "دبلوماسيين",
        "المسءولين", "طاءرات", "مقاتلات", "حرس", "الرءيس", "عسكري", "امني", "حكومي", "دبلوماسي",
    ]
    /// Words that make a mention history rather than news: "سقوط نظام الأسد".
    static let fallWords: WordSet = [
        "سقوط", "انهيار", "الاطاحه", "اسقاط", "رحيل", "هروب", "فرار", "بسقوط", "بانهيار", "بالاطاحه",
        "وسقوط", "وانهيار", "الاطاحه", "اطاحه", "زوال", "حقبه", "عهد", "ابان", "ايام", "بعهد", "لسقوط", "سابقين", "السابقين", "فلول",
        "بقايا", "منشقين", "المنشقين",
    ]
    /// Words between a title and a name that belong to the role: "المتحدث باسم وزارة
    /// الداخلية", "الباحث في معهد واشنطن".
    static let roleWords: WordSet = [
        "باسم", "لدي", "في", "وزاره", "قياده", "مجلس", "هيءه", "جهاز", "معهد", "مركز", "جامعه",
        "برنامج", "مءسسه", "منظمه", "شبكه", "صحيفه", "وكاله", "موقع", "قناه", "حزب", "حركه", "لجنه",
        "مكتب", "اداره", "دائره", "فرع", "قسم", "شءون", "لشءون", "بوزاره", "ب", "قوات", "قوي", "مديريه",
    ]
    /// "التنظيم": the armed group named last.
    static let organizationWords: WordSet = ["التنظيم", "تنظيم"]
    /// "الذي", "التي"…: after a title they end the role; a name does not follow.
    static let relativePronouns: WordSet = ["الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"]

    /// Verbs of saying: a name right after one, then "الذي", "إن"…, is a person quoted.
    static let speechVerbs: WordSet = [
        "قال", "قالت", "اضاف", "اضافت", "اكد", "اكدت", "اوضح", "اوضحت", "صرح", "صرحت", "اشار", "اشارت",
        "ذكر", "ذكرت", "كتب", "كتبت", "يقول", "تقول", "راي", "رات", "يري", "تري", "لفت", "لفتت", "اعتبر", "اعتبرت",
    ]
    static let afterQuotedName: WordSet = ["الذي", "التي", "ان", "انه", "انها", "لـ", "ل", "في", "خلال"]

    /// Words that never begin a person's name.
    static let notNames: WordSet = [
        "في", "من", "علي", "الي", "عن", "ان", "قد", "لا", "ما", "لم", "لن", "التي", "الذي", "هذا", "هذه", "ذلك", "تلك", "كان", "كانت",
        "قال", "يقول", "بعد", "قبل", "خلال", "عند", "مع", "حول", "ضد", "بين", "ايضا", "انه", "انها", "الي", "او", "ثم", "حيث", "كما",
        "منذ", "لدي", "امام", "اكد", "اضاف", "اوضح", "اشار", "يوم", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد",
        "باسم", "السابق", "الحالي", "الجديد", "الاسبق", "الخاص", "العام", "الرسمي", "الاممي", "ان", "بان", "لان", "عبر", "وفق", "حسب",
        "وكان", "وقال", "واكد", "واضاف", "هو", "هي", "هم", "له", "لها", "فيه", "فيها", "به", "بها", "عليه", "عليها", "اليه", "منه",
        "فيما", "يخص", "بشان", "الذين", "اللذين", "اللواتي", "عدد", "بعض", "كل", "جميع", "غير", "سوي", "مصدر", "مصادر", "مسءول", "مسءولين",
        "اليوم", "امس", "غدا", "حاليا", "سابقا", "اخيرا", "مءخرا", "جديد", "جديده", "كبير", "كبيره",
        // Words that name a body or a thing, never a person: "قال وزارة الداخلية إن", "ذات المصدر".
        "ذات", "نفس", "المصدر", "نواب", "الشعب", "عام", "شرطه", "الشرطه", "قنوات", "قناه", "وزاره", "الوزاره", "الداخليه", "الخارجيه",
        "الدفاع", "مجلس", "المجلس", "هيءه", "الهيءه", "جهاز", "الجهاز", "حكومه", "الحكومه", "رءاسه", "الرءاسه", "ولايه", "الولايه",
        "بلديه", "البلديه", "لجنه", "اللجنه", "نقابه", "النقابه", "اتحاد", "الاتحاد", "حركه", "الحركه", "حزب", "الحزب", "جمعيه", "الجمعيه",
        "منظمه", "المنظمه", "مكتب", "المكتب", "محكمه", "المحكمه", "النيابه", "بيان", "البيان", "تصريح", "تصريحات", "موقع", "صحيفه",
        "وكاله", "اذاعه", "الاذاعه", "تلفزيون", "التلفزيون", "ادارة", "اداره", "الاداره", "فرع", "الفرع", "مديريه", "المديريه",
        "عنه", "عنها", "عنهم", "لهم", "منها", "منهم", "اليها", "اليهم", "معه", "معها", "معهم", "بهم", "لديه", "لديها", "فقد", "كذلك",
        "الا", "اذ", "اذا", "لقد", "هناك", "هنا", "ايضا", "لكن", "بل", "حتي", "لدي", "ثلاثه", "اثنين", "مرات", "مره", "ضيف", "زياره",
        "كتله", "تيار", "كره", "مكافحه", "نداء", "افاق", "جبهه", "ءتلاف", "ائتلاف", "قاءمه", "شركه", "مءسسه", "فريق", "نادي", "منتخب",
        "تكنولوجيات", "شهود", "تقارير", "جامعه", "حفظ", "بعثه", "صندوق", "مصالح",
    ]

    // MARK: reading

    mutating func read(lastGroup: inout String?) {
        readMedia()
        readKnownPeople()
        readActors(lastGroup: &lastGroup)
        readPlaces()
        readTitledPeople()
        readQuotedPeople()
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
                addPerson(match.value.name, role: match.value.role)
                take(index..<(index + match.length))
                for position in index..<(index + match.length) { personal[position] = true }
                index += match.length
            } else {
                index += 1
            }
        }
    }

    mutating func addPerson(_ name: String, role: String?) {
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
                } else {
                    addActor(match.value.id, range)
                    if Lexicon.organizations.contains(match.value.id) { lastGroup = match.value.id }
                }
                index += match.length
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
            // An institution with a nationality: "وزارة الداخلية السورية", "القيادة المركزية الأمريكية".
            if token(index, isOneOf: Self.institutions) {
                var end = index + 1
                while end < min(tokens.count, index + 5) {
                    if let state = Lexicon.nationality(tokens[end]) {
                        if !isHistory(before: index) { addActor(state + "-GOV", index..<(end + 1)) }
                        index = end
                        break
                    }
                    if taken[end] || Lexicon.places.match(tokens, at: end, forms: forms) != nil { break }
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
        var index = 0
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
            if token(start - 1, isOneOf: Self.namedAfter) {
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
            guard let length = nameLength(at: cursor) else {
                index += title.length
                continue
            }
            let name = text(cursor..<(cursor + length))
            addPerson(name, role: text(index..<roleEnd))
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
            guard let length = nameLength(at: start), start + length < tokens.count,
                Self.afterQuotedName.contains(tokens[start + length])
            else { continue }
            addPerson(text(start..<(start + length)), role: nil)
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
        guard !first.hasPrefix("ال"), isNameWord(first), isNameWord(second) || ["بن", "ابن"].contains(second), !personal[index], !personal[index + 1],
            Lexicon.actors.match(tokens, at: index, forms: forms) == nil, Lexicon.media.match(tokens, at: index, forms: forms) == nil,
            Lexicon.places.match(tokens, at: index, forms: forms) == nil
        else { return nil }
        let compound = ["عبد", "ابو", "ابن", "بن"].contains(first) || ["الدين", "الله", "الرحمن", "بن", "ابن"].contains(second)
        if compound {
            // "محمد بن سلمان", "نور الدين البابا", "عبد الله الثاني": three words.
            guard index + 2 < tokens.count, isNameWord(tokens[index + 2]) || ["بن", "ابن"].contains(second), !personal[index + 2] else { return nil }
            return 3
        }
        return 2
    }

    // MARK: quantities

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
        } else {
            // With the article: "الأربع والعشرين"; but "الاثنين" is Monday.
            value = Self.units[word] ?? (word.startsWith(word: "ال") && word != "الاثنين" ? Self.units[String(word.dropFirst(2))] : nil)
            // "أربع وعشرين": a unit and its tens.
            if let unit = value, unit < 10, index + 1 < tokens.count {
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
                    quantities.append(Quantity(value: nil, qualifier: "vague", text: text(index..<(index + 3)), sentence: sentence, position: index))
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
            quantities.append(Quantity(value: value, qualifier: qualifier, text: text(start..<(nounIndex + 1)), sentence: sentence, position: index))
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
