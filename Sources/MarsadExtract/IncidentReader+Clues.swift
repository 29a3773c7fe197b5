import Foundation
import MarsadText

/// What an incident's sentence and article tell besides its trigger: repeats merged, clause
/// breaks, membership, visits, the capital unnamed, counts, dates, the home country and group.
extension IncidentReader {
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
        "مقاتلي", "احد", "منتسب", "منتسبي", "ضابط", "ضابطا", "جندي", "جنديا", "امير", "اميرا", "زعيم", "قاءد", "مسءول", "مءسس",
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

    /// Words that make the place after them a sponsor or an origin, not where it happened:
    /// "عناصر مدعومين من إيران", "بدعم تركي", "خلية تابعة لسوريا", "قادمين من تركيا".
    static let sponsorWords: WordSet = [
        "دعم", "مدعوم", "مدعومه", "مدعومين", "مدعومون", "تدعمها", "يدعمها", "تابع", "تابعه", "تابعين", "موالي", "مواليه", "موالين",
        "مرتبط", "مرتبطه", "مرتبطين", "قادم", "قادمه", "قادمين", "قادما", "لصالح", "ممول", "ممولين", "مموله", "عملاء",
    ]

    /// Whether a sponsor or origin word is among the three words before the place (with the
    /// article stripped: "المدعومة من إيران").
    func isSponsor(_ position: Int, forms: [[Clitics.Form]]) -> Bool {
        (max(0, position - 3)..<position).contains { index in
            forms[index].contains { form in
                Self.sponsorWords.contains(form.form) || IncidentRules.withoutArticle(form.form).map(Self.sponsorWords.contains) == true
            }
        }
    }

    /// Whether the place at `position` is across a border, not where the incident was
    /// (`SentenceReader.isAcrossBorder`).
    func isAcrossBorder(_ position: Int, forms: [[Clitics.Form]]) -> Bool {
        SentenceReader.isAcrossBorder(position, forms: forms)
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

    func unique<Item: Equatable>(_ items: [Item]) -> [Item] {
        var seen: [Item] = []
        for item in items where !seen.contains(item) { seen.append(item) }
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
    /// and the generic ones (used only when there is no specific one); a trigger counts in
    /// its security sense only (its conditions in `incidents.rules`) and not inside a fixed
    /// expression. `definite`: the positions of triggers matched only with the article
    /// ("الانفجار"): they name a happening already told, or a kind in general, and count
    /// only with figures.
    func triggers(in view: SentenceView) -> (specific: [(Incident.Kind, Int)], generic: [(Incident.Kind, Int)], definite: Set<Int>) {
        let (tokens, forms, keys) = (view.tokens, view.forms, view.keys)
        func word(_ index: Int, is candidate: String) -> Bool { keys[index].contains(candidate) }
        func inSet(_ index: Int, _ name: String) -> Bool {
            index >= 0 && index < tokens.count && rules.set(name, containsAnyOf: keys[index])
        }
        // Fixed expressions: the positions they cover, by the type they block.
        var blocked: [(kind: Incident.Kind?, range: Range<Int>)] = []
        for start in tokens.indices {
            for key in keys[start] {
                for (kind, parts) in rules.expressionsByFirstWord[key] ?? [] where IncidentRules.matches(parts, at: start, keys: keys) {
                    blocked.append((kind, start..<(start + parts.count)))
                }
            }
        }
        lazy var security: Bool = {
            findings.actors.contains { $0.sentence == view.number }
                || tokens.indices.contains { inSet($0, "armed") || inSet($0, "weapons") }
                || view.quantities.contains { $0.role != nil && $0.role != .captured }
        }()
        func holds(_ test: IncidentRules.Test, at index: Int, length: Int) -> Bool {
            let after = (index + length)..<min(tokens.count, index + length + 6)
            switch test {
            case .object(let set): return after.contains { inSet($0, set) }
            case .unless(let set): return !after.contains { inSet($0, set) }
            case .notAfter(let set): return !inSet(index + length, set)
            case .notBefore(let set): return !inSet(index - 1, set)
            case .unlessSentence(let set): return !tokens.indices.contains { inSet($0, set) }
            case .security: return security
            }
        }
        var matches: [(trigger: IncidentRules.Trigger, index: Int)] = []
        var definite = Set<Int>()
        for index in tokens.indices {
            for form in forms[index] {
                // A noun with the article is the same trigger: "الانفجار", "الغارة الجوية".
                let exact = rules.triggersByFirstWord[form.form]
                guard let candidates = exact ?? IncidentRules.withoutArticle(form.form).flatMap({ rules.triggersByFirstWord[$0] }) else {
                    continue
                }
                for trigger in candidates where index + trigger.parts.count <= tokens.count {
                    let length = trigger.parts.count
                    guard (1..<length).allSatisfy({ word(index + $0, is: trigger.parts[$0]) }) else { continue }
                    guard !blocked.contains(where: { ($0.kind == nil || $0.kind == trigger.kind) && $0.range.contains(index) }) else { continue }
                    guard !inSet(index - 1, "negations") && !inSet(index - 2, "negations") else { continue }
                    guard trigger.clauses.allSatisfy({ clause in clause.contains { holds($0, at: index, length: length) } }) else { continue }
                    if exact == nil { definite.insert(index) }
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
        // At one word, the longest trigger wins: "قصفت طائرات" is an airstrike, not the
        // shelling "قصفت" is alone.
        let longest = Dictionary(matches.map { ($0.index, $0.trigger.parts.count) }, uniquingKeysWith: max)
        for match in matches where !covered.contains(match.index) && match.trigger.parts.count == longest[match.index] {
            if match.trigger.generic {
                if !generic.contains(where: { $0.0 == match.trigger.kind }) { generic.append((match.trigger.kind, match.index)) }
            } else if !specific.contains(where: { $0.0 == match.trigger.kind }) {
                specific.append((match.trigger.kind, match.index))
            }
        }
        return (specific, generic, definite)
    }

    /// The count the sentence gives for the incident: a number after the trigger ("القبض على
    /// 3 عناصر", "إحباط ما لا يقل عن 12 مخططا"), or one for a singular ("القبض على عنصر").
    func count(for kind: Incident.Kind, at position: Int, in view: SentenceView) -> (Int, String?)? {
        // After the trigger first ("القبض على 3 عناصر"), else just before it ("قتل 5 أشخاص في انفجار");
        // never a number that counts another role ("القضاء على 13 واعتقال 86": 86 arrested).
        let own = Self.countRole[kind]
        let tokens = view.tokens
        // A person named right after the trigger ("اعتقل يوسف نازيك", "اختطفوا الصحفية أفراح
        // شوقي"): one, unless a number comes first.
        if [.arrest, .assassination, .abduction, .execution].contains(kind),
            let named = findings.peopleAt[view.number]?.first(where: { $0 > position && $0 <= position + 4 }),
            !view.quantities.contains(where: { $0.quantity.position > position && $0.quantity.position < named })
        {
            return (1, nil)
        }
        // The captives an execution kills are counted as kidnapped ("قتل خمسة رهائن"), and
        // the killed captives are the kidnapped ("قتل 9 رجال بعد أيام من اختطافهم").
        let counts = view.quantities.filter {
            $0.quantity.value != nil
                && ($0.role == nil || $0.role == own || (kind == .execution && $0.role == .kidnapped)
                    || (kind == .abduction && $0.role == .killed && captivesKilled(in: view)))
        }.map(\.quantity)
        let singular = [.arrest, .assassination, .abduction, .execution].contains(kind)
        // A number right after the trigger ("القبض على 3 عناصر"); else one person right after
        // it ("القبض على عنصر", "اختطفوا الصحفية أفراح شوقي").
        if let quantity = counts.first(where: { $0.position > position && $0.position <= position + 3 }) {
            return (quantity.value!, quantity.qualifier)
        }
        if singular,
            ((position + 1)..<min(tokens.count, position + 4)).contains(where: { index in
                Self.singles.contains(tokens[index]) || view.keys[index].contains(where: Self.singleVictims.contains)
            })
        {
            return (1, nil)
        }
        if let quantity = counts.first(where: { $0.position > position && $0.position <= position + 8 })
            ?? counts.last(where: { $0.position < position && $0.position >= position - 8 })
        {
            return (quantity.value!, quantity.qualifier)
        }
        guard singular else { return nil }
        // "اعتقلت السلطات اليوم فلان، أحد أقارب…", "اعتقل يوسف نازيك، وهو مواطن تركي": one.
        for index in (position + 1)..<min(tokens.count, position + 9) {
            if view.quantities.contains(where: { $0.quantity.position == index }) { break }
            if ["احد", "وهو", "وهي"].contains(tokens[index]) { return (1, nil) }
        }
        return nil
    }

    /// Words of one person, as written after an arrest or a killing.
    static let singles: WordSet = [
        "احد", "عنصر", "عنصرا", "شخص", "شخصا", "قيادي", "قياديا", "امير", "اميرا", "مسلح", "مسلحا", "مطلوب", "مطلوبا", "ضابط",
        "ضابطا", "جندي", "جنديا",
    ]

    static let weekdays: WordMap<Int> = ["الاحد": 1, "الاثنين": 2, "الثلاثاء": 3, "الاربعاء": 4, "الخميس": 5, "الجمعه": 6, "السبت": 7]

    /// The incident's date: a date the sentence writes; else a relative one resolved against
    /// the publication date ("أمس", "قبل يومين", "الخميس"); else, in a report, its publication
    /// date. Without a publication date a relative date stays relative.
    func date(in sentence: Int, tokens: [String]) -> (value: String?, precision: String?, relative: String?, basis: String?) {
        if let written = Dates.find(in: tokens.joined(separator: " ")).first {
            return (written.value, written.precision.rawValue, nil, "stated")
        }
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
                if let published, published.precision == .day, let day = Dates.day(published.value) {
                    let calendar = Dates.calendar
                    let back = (calendar.component(.weekday, from: day) - weekday + 7) % 7
                    daysBack = back
                }
            }
        }
        guard let published, published.precision == .day, let day = Dates.day(published.value) else {
            return (nil, nil, relative, nil)
        }
        guard let daysBack else { return relative == nil ? (published.value, "day", nil, basis) : (nil, nil, relative, nil) }
        let date = Dates.calendar.date(byAdding: .day, value: -daysBack, to: day)!
        return (Dates.format(date), "day", relative, "relative")
    }

    /// The country most of the article's places are in: where an incident without a place happened.
    func homeCountry() -> String? {
        var counts: [String: Int] = [:]
        // The headline (the first sentence) names what the story is about: its places count twice.
        // (A locality the gazetteer does not know has no country yet: it waits for this one.)
        for mention in findings.places where !mention.place.country.isEmpty {
            counts[mention.place.country, default: 0] += mention.sentence == 0 ? 2 : 1
        }
        // A dateline is not a place of the news, but says where the story is told from: its
        // country counts once ("عمان، الأردن (CNN) --" over a story of Jordan's security).
        for sentence in findings.sentences.prefix(3) {
            let words = Sentence.datelineWords(sentence.text)
            var datelined: Set<String> = []
            var index = 0
            while index < min(words, sentence.tokens.count) {
                if let match = Lexicon.places.match(sentence.tokens, at: index, forms: sentence.forms) {
                    datelined.insert(match.value.country)
                    index += match.length
                } else {
                    index += 1
                }
            }
            for country in datelined { counts[country, default: 0] += 1 }
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    /// The armed group the article names most: the target of counter-terrorism it reports.
    func mostNamedGroup() -> String? {
        var counts: [String: Int] = [:]
        for mention in findings.actors where !Self.isState(mention.id) { counts[mention.id, default: 0] += 1 }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }
}
