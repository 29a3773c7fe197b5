import Foundation
import MarsadText

/// Something that happened (DESIGN §5, ACLED-aligned types), read from one sentence.
public struct Incident: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case arrest, airstrike, raid, attack, explosion, assassination, clash, abduction, execution
        case foiledPlot = "foiled-plot"
        case seizure
    }
    public var kind: Kind
    /// Who did it (actor ids).
    public var agents: [String]
    /// Who it was done to (an actor id), when the text says.
    public var target: String?
    /// The most specific place and the places of the sentence that it concerns.
    public var places: [Place]
    /// The Syrian governorate (OCHA p-code), when in Syria and known.
    public var admin1: String?
    /// ISO country code, when known.
    public var country: String?
    /// How many (arrested, killed, plots…), with a qualifier ("more-than"…); nil when the text does not say.
    public var count: Int?
    public var countQualifier: String?
    /// "2025-10-26", "2025-10" or "2025"; nil when unknown.
    public var date: String?
    public var datePrecision: String?
    /// A relative date the text gives when the publication date is unknown ("قبل يومين").
    public var relativeDate: String?
    /// The sentence that says so, and where it is in the clean text (Unicode scalars).
    public var evidence: String
    public var evidenceStart: Int
    public var evidenceEnd: Int
    /// 0.5–0.95: higher when agent, place and trigger are all in the sentence itself.
    public var confidence: Double
}

/// Reads incidents sentence by sentence: a trigger word of a type, the actors, places and
/// counts around it, the agent carried over from the sentences before when the sentence
/// does not name one ("* القبض على 3 عناصر…" in a list after "أعلنت قسد…").
struct IncidentReader {
    let findings: Findings
    let published: FoundDate?
    let title: String?

    /// Triggers by type, in search form; a trigger may be several words. A trigger that
    /// needs an object ("تفكيك" a cell, "ضبط" weapons) lists it after "+": one of those
    /// words must follow within three words.
    static let triggers: [(Incident.Kind, [String])] = [
        (
            .foiledPlot,
            [
                "احباط", "احبط", "احبطت", "افشال", "افشلت", "محاوله تفجير", "محاوله اغتيال", "محاوله استهداف", "كان يستهدف",
                "كان احدهما يستهدف",
            ]
        ),
        (.assassination, ["اغتيال", "اغتال", "اغتالت", "تصفيه", "اغتيالات"]),
        (.execution, ["اعدام", "اعدم", "اعدمت", "اعدامات", "حكم القتل", "حكم الاعدام"]),
        (.abduction, ["اختطاف", "خطف", "اختطف", "اختطفت", "خطفت"]),
        (
            .airstrike,
            [
                "غاره جويه", "غارات جويه", "ضربه جويه", "ضربات جويه", "قصف جوي", "غاره", "غارات", "ضربات دقيقه", "استهدافات دقيقه",
                "طاءره مسيره", "طاءرات مسيره", "قصفت طاءرات", "شنت طاءرات",
            ]
        ),
        (
            .raid,
            [
                "انزال جوي", "انزال", "عمليه انزال", "مداهمه", "مداهمات", "دهم", "داهم", "داهمت", "دهمت", "يداهم", "تداهم", "اقتحام",
                "اقتحم", "اقتحمت",
            ]
        ),
        (
            .arrest,
            [
                "القبض", "قبض", "اعتقال", "اعتقالات", "اعتقل", "اعتقلت", "يعتقل", "تعتقل", "توقيف", "اوقف", "اوقفت", "يوقف", "احتجاز",
                "احتجز", "احتجزت", "القت القبض", "القي القبض", "تسليم انفسهم",
                "تفكيك+خليه خلايا شبكه شبكات", "فككت+خليه خلايا شبكه شبكات",
            ]
        ),
        (.explosion, ["انفجار", "انفجارات", "تفجير", "تفجيرات", "عبوه ناسفه", "سياره مفخخه", "انتحاري", "لغم", "فجر", "فجرت", "انفجرت"]),
        (.clash, ["اشتباك", "اشتباكات", "مواجهات", "معارك", "اشتبك", "اشتبكت"]),
        (.attack, ["هجوم", "هاجم", "هاجمت", "كمين", "اعتداء", "اعتداءات", "هجوما"]),
        (
            .seizure,
            [
                "ضبط+مواد اسلحه ذخاءر عبوات متفجرات مخدرات اموال وثاءق اسلحتهم معدات", "مصادره", "صادرت",
                "ضبطت+مواد اسلحه ذخاءر عبوات متفجرات مخدرات اموال وثاءق معدات", "بحوزته", "بحوزتهم", "استحواذ",
            ]
        ),
    ]

    /// A trigger ready to match: its words, and the objects one of which must follow.
    struct Trigger: Sendable {
        var kind: Incident.Kind
        var parts: [String]
        var objects: Set<String>?
        var generic = false
    }

    static func compile(_ table: [(Incident.Kind, [String])]) -> [(Incident.Kind, [Trigger])] {
        table.map { kind, words in
            (
                kind,
                words.map { word in
                    let pattern = word.split(separator: "+", maxSplits: 1)
                    return Trigger(
                        kind: kind, parts: pattern[0].split(separator: " ").map(String.init),
                        objects: pattern.count == 2 ? Set(pattern[1].split(separator: " ").map(String.init)) : nil)
                }
            )
        }
    }

    /// Every trigger by its first word: one dictionary lookup per form of a token.
    static let triggersByFirstWord: [String: [Trigger]] = {
        var index: [String: [Trigger]] = [:]
        for (generic, table) in [(false, compile(triggers)), (true, compile(genericTriggers))] {
            for (_, list) in table {
                for var trigger in list {
                    trigger.generic = generic
                    index[trigger.parts[0], default: []].append(trigger)
                }
            }
        }
        return index
    }()

    /// Words that say something happened without saying what: they make an incident only
    /// when no trigger above is in the sentence, and only with a place.
    static let genericTriggers: [(Incident.Kind, [String])] = [
        (.raid, ["عمليه امنيه", "عمليات امنيه", "حمله امنيه", "حملات امنيه", "عمليه عسكريه", "حمله عسكريه"]),
        (.attack, ["هجمات", "هجماته", "هجماتها", "قتل", "مقتل", "استهدف", "استهدفت"]),
    ]

    /// Words that make a sentence analysis or a forecast, not a report: "يتوقع مراقبون أن…".
    static let speculation: WordSet = [
        "يتوقع", "يتوقعون", "المتوقع", "توقعات", "توقع", "يرجح", "يرجحون", "يخشي", "مخاوف", "تخوف",
        "سيناريو", "احتمال", "محتمل", "محتمله", "ربما", "يحذر", "حذر", "تحذيرات", "حذرت",
        "سيزيد", "سيعمل", "سيتم", "خطط", "يخطط", "خبراء", "الخبراء", "مراقبون", "محللون", "يري", "يرون",
        "تحليل", "استراتيجيه", "استراتيجيتها", "يحاول", "تحاول",
    ]
    /// Agents of counter-terrorism and of state force.
    static func isState(_ id: String) -> Bool {
        id.hasSuffix("-GOV") || ["COALITION", "SDF", "KRG", "PMF", "ASSAD-REGIME", "UN"].contains(id)
    }

    func read() -> [Incident] {
        var incidents: [Incident] = []
        var recentStateAgents: [String] = []
        var recentSentence = -10
        let home = homeCountry()
        let mainGroup = mostNamedGroup()
        for (number, sentence) in findings.sentences.enumerated() {
            let tokens = sentence.tokens
            let actors = findings.actors.filter { $0.sentence == number }
            let states = unique(actors.filter { Self.isState($0.id) }.map(\.id))
            defer {
                if !states.isEmpty {
                    recentStateAgents = states
                    recentSentence = number
                }
            }
            // The headline restates the story the text tells.
            if number == 0, let title, sentence.text == title { continue }
            let forms = sentence.forms
            guard !forms.contains(where: { token in token.contains { Self.speculation.contains($0.form) } }) else { continue }
            let all = triggers(in: tokens, forms: forms)
            var found = all.specific
            let generic = found.isEmpty
            if generic { found = all.generic }
            let groups = unique(actors.filter { !Self.isState($0.id) }.map(\.id))
            for (kind, position) in found {
                var agents: [String]
                var target: String?
                var confidence = generic ? 0.7 : 0.9
                // An attack is by armed people or on them: with no actor and no armed or
                // civilian victim in the sentence it is something else ("هاجم أسد طفلا", a lion).
                if kind == .attack && actors.isEmpty && !forms.contains(where: { $0.contains { Self.armedOrCivilian.contains($0.form) } }) {
                    continue
                }
                switch kind {
                case .execution where groups.isEmpty:
                    // A state's execution of a sentence ("نفذت وزارة الداخلية حكم القتل").
                    agents = states
                case .attack, .explosion, .assassination, .abduction, .execution:
                    // A group named as the victim's ("قيادياً في فصائل المعارضة", "أحد عناصرها")
                    // is the target, not the agent.
                    let victims = Set(actors.filter { isMembership(before: $0.position, forms: forms) }.map(\.id))
                    agents = groups.filter { !victims.contains($0) }
                    target = states.first(where: { !agents.contains($0) }) ?? groups.first(where: victims.contains)
                case .clash:
                    agents = unique(states + groups)
                default:
                    agents = states
                    target = groups.first ?? (kind == .seizure ? nil : mainGroup)
                    if agents.isEmpty, number - recentSentence <= 3 {
                        agents = recentStateAgents
                        confidence -= 0.2
                    }
                }
                // Places of the incident: not those a visit goes to ("… قبل زيارة … إلى واشنطن").
                var near = findings.places.filter {
                    $0.sentence == number && $0.position >= position - 12 && $0.position <= position + 32
                        && !isVisitDestination($0.position, forms: forms) && !clauseBreak(between: position, and: $0.position, tokens: tokens)
                }
                var syrian = near.filter { $0.place.admin1 != nil }
                // "في العاصمة" with no name after it: the capital of the article's country.
                if let capital = unnamedCapital(tokens: tokens, forms: forms, after: position, home: home) {
                    if capital.place.admin1 != nil { syrian.append(capital) } else { near.append(capital) }
                }
                if generic && near.isEmpty && syrian.isEmpty { continue }
                // "طريق دير الزور – تدمر": a road's far end is not another place of the incident.
                let candidates = syrian
                syrian.removeAll { mention in
                    candidates.contains { road in
                        road.position < mention.position && road.position > 0
                            && forms[road.position - 1].contains { Self.roadWords.contains($0.form) }
                            && !((road.position + 1)..<mention.position).contains { tokens[$0] == "في" } && mention.position - road.position <= 4
                    }
                }
                let governorates = unique(syrian.compactMap { $0.place.admin1 })
                let counted = count(for: kind, at: position, in: number, tokens: tokens)
                let date = self.date(in: number, tokens: tokens)
                func make(admin1: String?, country: String?, places: [Place], count: (Int, String?)?, confidence: Double) -> Incident {
                    var distinct: [Place] = []
                    for place in places where !distinct.contains(where: { $0.nameAr == place.nameAr }) { distinct.append(place) }
                    return Incident(
                        kind: kind, agents: agents, target: target, places: distinct, admin1: admin1, country: country,
                        count: count?.0, countQualifier: count?.1, date: date.value, datePrecision: date.precision,
                        relativeDate: date.relative, evidence: sentence.text, evidenceStart: sentence.start, evidenceEnd: sentence.end,
                        confidence: max(0.5, confidence))
                }
                if governorates.isEmpty {
                    let country = near.first(where: { $0.place.kind == .country || $0.place.admin1 == nil })?.place.country ?? home
                    incidents.append(
                        make(
                            admin1: nil, country: country, places: near.map(\.place), count: counted,
                            confidence: near.isEmpty ? confidence - 0.2 : confidence))
                } else {
                    // One incident per governorate the sentence names ("ضربات في دير الزور والرقة وتدمر").
                    for governorate in governorates {
                        let specific = syrian.filter { $0.place.admin1 == governorate }.sorted { specificity($0.place) > specificity($1.place) }
                        incidents.append(
                            make(
                                admin1: governorate, country: "SY", places: specific.map(\.place),
                                count: governorates.count == 1 ? counted : nil, confidence: confidence))
                    }
                }
            }
        }
        return merged(incidents)
    }

    /// The same incident told again (the lead, the statement quoted, its outcome): same type,
    /// same place, same target and count. Kept once, with every agent named.
    func merged(_ incidents: [Incident]) -> [Incident] {
        var result: [Incident] = []
        for incident in incidents {
            if let index = result.firstIndex(where: {
                $0.kind == incident.kind && $0.admin1 == incident.admin1 && $0.country == incident.country
                    && $0.target == incident.target && $0.count == incident.count
            }) {
                result[index].agents = unique(result[index].agents + incident.agents)
                if result[index].date == nil {
                    result[index].date = incident.date
                    result[index].datePrecision = incident.datePrecision
                }
                continue
            }
            result.append(incident)
        }
        return result
    }

    static let armedOrCivilian: WordSet = [
        "جنود", "جندي", "عناصر", "عنصر", "حاجز", "حواجز", "دوريه", "دوريات", "مقر", "مقرات", "ثكنه", "نقطه", "مدنيين", "المدنيين",
        "مواطنين", "مسلحين", "مسلح", "المسلحين", "ارهابي", "ارهابيين", "ارهابيه", "عسكري", "عسكريين", "عسكريه", "امني", "امنيه", "شرطه",
        "الشرطه", "قوات", "القوات", "الجيش", "جيش", "مسلحون", "انتحاري", "مليشيا", "ميليشيا", "فصاءل", "كتيبه", "لواء", "ضابط", "ضباط",
    ]

    /// Words that open another clause: a place after one is not where the incident was
    /// ("… في الوقت الذي يعزز حضوره في مناطق حلب").
    static let clauseBreaks: WordSet = ["الوقت", "بينما", "فيما", "حين", "لكن", "اما", "بالتزامن", "بالتوازي"]

    func clauseBreak(between trigger: Int, and place: Int, tokens: [String]) -> Bool {
        guard place > trigger + 1 else { return false }
        return ((trigger + 1)..<place).contains { Self.clauseBreaks.contains(tokens[$0]) }
    }

    /// Nouns of a member: "قيادي في", "عنصر من", "أحد عناصر".
    static let memberNouns: WordSet = [
        "قيادي", "قياديا", "قياديين", "عنصر", "عنصرا", "عناصر", "عضو", "عضوا", "اعضاء", "مقاتل", "مقاتلا",
        "مقاتلي", "احد", "منتسب", "منتسبي", "ضابط", "ضابطا", "جندي", "جنديا", "امير", "اميرا",
    ]

    /// Whether the actor at `position` is named as the group of a victim: a member noun,
    /// maybe "سابقاً", then "في"/"من" (or the noun itself in construct: "عناصر داعش").
    func isMembership(before position: Int, forms: [[Clitics.Form]]) -> Bool {
        let window = max(0, position - 3)..<position
        return window.contains { index in forms[index].contains { Self.memberNouns.contains($0.form) } }
            && (window.contains { index in forms[index].contains { $0.form == "في" || $0.form == "من" } }
                || position > 0
                    && forms[position - 1].contains { Self.memberNouns.contains($0.form) })
    }

    static let roadWords: WordSet = ["طريق", "الطريق", "اوتوستراد", "اوتستراد", "خط"]

    static let visitWords: WordSet = ["زياره", "زار", "يزور", "تزور", "وصول", "وصل", "سفر", "توجه", "يتوجه", "رحله", "جوله"]

    /// Whether the place at `position` is where a visit goes: a visit word within eight words before it.
    func isVisitDestination(_ position: Int, forms: [[Clitics.Form]]) -> Bool {
        (max(0, position - 9)..<position).contains { index in forms[index].contains { Self.visitWords.contains($0.form) } }
    }

    /// The capitals "العاصمة" names in an article about their country.
    static let capitals = [
        "SY": "دمشق", "IQ": "بغداد", "LB": "بيروت", "JO": "عمان", "TR": "انقره", "SA": "الرياض", "EG": "القاهره",
        "YE": "صنعاء", "LY": "طرابلس", "TN": "العاصمه تونس",
    ]

    /// "في العاصمة" (no name after it): the capital of the article's country.
    func unnamedCapital(tokens: [String], forms: [[Clitics.Form]], after position: Int, home: String?) -> PlaceMention? {
        guard let home, let name = Self.capitals[home], let capital = Lexicon.places.entries[name], capital.country == home else { return nil }
        for index in position..<min(tokens.count, position + 32) where forms[index].contains(where: { $0.form == "العاصمه" }) {
            if index + 1 < tokens.count, Lexicon.places.match(tokens, at: index + 1, forms: forms) != nil { continue }
            return PlaceMention(place: capital, qualifier: nil, sentence: -1, position: index)
        }
        return nil
    }

    func unique(_ ids: [String]) -> [String] {
        var seen: [String] = []
        for id in ids where !seen.contains(id) { seen.append(id) }
        return seen
    }

    func specificity(_ place: Place) -> Int {
        switch place.kind {
        case .site, .town: return 4
        case .city, .district, .region: return 3
        case .province, .governorate: return 2
        case .country: return 1
        }
    }

    /// Each type with a trigger in the sentence, at its first trigger: the specific triggers,
    /// and the generic ones (used only when there is no specific one).
    func triggers(in tokens: [String], forms: [[Clitics.Form]]) -> (specific: [(Incident.Kind, Int)], generic: [(Incident.Kind, Int)]) {
        var matches: [(trigger: Trigger, index: Int)] = []
        for index in tokens.indices {
            for form in forms[index] {
                guard let candidates = Self.triggersByFirstWord[form.form] else { continue }
                for trigger in candidates where index + trigger.parts.count <= tokens.count {
                    if trigger.parts.count > 1 && !(1..<trigger.parts.count).allSatisfy({ tokens[index + $0] == trigger.parts[$0] }) { continue }
                    if let objects = trigger.objects {
                        let after = (index + trigger.parts.count)..<min(tokens.count, index + trigger.parts.count + 3)
                        guard after.contains(where: { position in forms[position].contains { objects.contains($0.form) } }) else { continue }
                    }
                    matches.append((trigger, index))
                }
            }
        }
        // A word inside a trigger of several words ("تفجير" in "محاولة تفجير") is that trigger's.
        var covered = Set<Int>()
        for match in matches where match.trigger.parts.count > 1 {
            covered.formUnion((match.index + 1)..<(match.index + match.trigger.parts.count))
        }
        var specific: [(Incident.Kind, Int)] = []
        var generic: [(Incident.Kind, Int)] = []
        for match in matches where !covered.contains(match.index) {
            if match.trigger.generic {
                if !generic.contains(where: { $0.0 == match.trigger.kind }) { generic.append((match.trigger.kind, match.index)) }
            } else if !specific.contains(where: { $0.0 == match.trigger.kind }) {
                specific.append((match.trigger.kind, match.index))
            }
        }
        return (specific, generic)
    }

    /// The count the sentence gives for the incident: a number after the trigger ("القبض على
    /// 3 عناصر", "إحباط ما لا يقل عن 12 مخططا"), or one for a singular ("القبض على عنصر").
    func count(for kind: Incident.Kind, at position: Int, in sentence: Int, tokens: [String]) -> (Int, String?)? {
        // After the trigger first ("القبض على 3 عناصر"), else just before it ("قتل 5 أشخاص في انفجار").
        let counts = findings.quantities.filter { $0.sentence == sentence && $0.value != nil }
        if let quantity = counts.first(where: { $0.position > position && $0.position <= position + 8 })
            ?? counts.last(where: { $0.position < position && $0.position >= position - 8 })
        {
            return (quantity.value!, quantity.qualifier)
        }
        guard [.arrest, .assassination, .abduction, .execution].contains(kind) else { return nil }
        // "القبض على عنصر", "اعتقال أحد عناصر": one.
        for index in (position + 1)..<min(tokens.count, position + 4) {
            let word = tokens[index]
            if [
                "احد", "عنصر", "عنصرا", "شخص", "شخصا", "قيادي", "قياديا", "امير", "اميرا", "مسلح", "مسلحا", "مطلوب", "مطلوبا", "ضابط",
                "ضابطا", "جندي", "جنديا",
            ].contains(word) {
                return (1, nil)
            }
        }
        return nil
    }

    static let weekdays: WordMap<Int> = ["الاحد": 1, "الاثنين": 2, "الثلاثاء": 3, "الاربعاء": 4, "الخميس": 5, "الجمعه": 6, "السبت": 7]

    /// The incident's date: a date the sentence writes; else a relative one resolved against
    /// the publication date ("أمس", "قبل يومين", "الخميس"); else, in a report, its publication
    /// date. Without a publication date a relative date stays relative.
    func date(in sentence: Int, tokens: [String]) -> (value: String?, precision: String?, relative: String?) {
        if let written = Dates.find(in: tokens.joined(separator: " ")).first { return (written.value, written.precision.rawValue, nil) }
        var daysBack: Int?
        var relative: String?
        for (index, token) in tokens.enumerated() {
            if token == "امس" {
                daysBack = 1
                relative = "أمس"
            }
            if token == "اليوم" {
                daysBack = 0
                relative = "اليوم"
            }
            if token == "قبل", index + 1 < tokens.count {
                switch tokens[index + 1] {
                case "يومين":
                    daysBack = 2
                    relative = "قبل يومين"
                case "يوم":
                    daysBack = 1
                    relative = "قبل يوم"
                case "ايام": relative = "قبل أيام"
                case "اسبوع":
                    daysBack = 7
                    relative = "قبل أسبوع"
                default:
                    if let number = Int(tokens[index + 1]), index + 2 < tokens.count, tokens[index + 2] == "ايام" {
                        daysBack = number
                        relative = "قبل \(number) أيام"
                    }
                }
            }
            if let weekday = Self.weekdays[token], relative == nil {
                relative = token
                if let published, published.precision == .day, let day = Self.day(published.value) {
                    let calendar = Self.calendar
                    let back = (calendar.component(.weekday, from: day) - weekday + 7) % 7
                    daysBack = back
                }
            }
        }
        guard let published, published.precision == .day, let day = Self.day(published.value) else {
            return (nil, nil, relative)
        }
        guard let daysBack else { return relative == nil ? (published.value, "day", nil) : (nil, nil, relative) }
        let date = Self.calendar.date(byAdding: .day, value: -daysBack, to: day)!
        return (Self.format(date), "day", relative)
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func day(_ iso: String) -> Date? {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    static func format(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// The country most of the article's places are in: where an incident without a place happened.
    func homeCountry() -> String? {
        var counts: [String: Int] = [:]
        for mention in findings.places { counts[mention.place.country, default: 0] += 1 }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    /// The armed group the article names most: the target of counter-terrorism it reports.
    func mostNamedGroup() -> String? {
        var counts: [String: Int] = [:]
        for mention in findings.actors where !Self.isState(mention.id) { counts[mention.id, default: 0] += 1 }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }
}
