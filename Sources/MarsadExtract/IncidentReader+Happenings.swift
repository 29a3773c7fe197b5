import MarsadModel
import MarsadText

/// One record per happening: the types one operation combines, and the sentences that tell
/// one happening again (headline, lead, body, the statement quoted), merged.
extension IncidentReader {
    /// Types that one operation may combine, each family in the order that names it: a raid
    /// that kills and arrests is a raid; an arrest made in a raid is an arrest ("القبض على 3
    /// عناصر بعملية إنزال"); a car bomb that kills an official is an assassination; an
    /// airstrike retold as "القصف" is the airstrike.
    static let families: [[Incident.Kind]] = [
        [.assassination, .airstrike, .explosion, .attack],
        [.arrest, .raid, .seizure],
    ]

    /// Kinds whose own count is one role's figure.
    static let countRole: [Incident.Kind: Figure.Role] = [
        .arrest: .captured, .abduction: .kidnapped, .execution: .killed, .assassination: .killed,
    ]
    /// Kinds whose count means something of its own (arrested, plots, strikes, seizures).
    static let countedKinds: Set<Incident.Kind> = [.arrest, .abduction, .execution, .foiledPlot, .seizure, .airstrike]

    /// Date bases the text itself gives (the others are the article's reference date).
    static let told: Set<String?> = ["stated", "relative"]

    static func family(_ kind: Incident.Kind) -> Int? { families.firstIndex { $0.contains(kind) } }

    /// The same happening: one family (or one type), places that agree (one may only name the
    /// country), and no figure, date or agent that says otherwise.
    func sameHappening(_ first: Incident, _ second: Incident) -> Bool {
        guard first.kind == second.kind || (Self.family(first.kind) != nil && Self.family(first.kind) == Self.family(second.kind)) else {
            return false
        }
        if let one = first.admin1, let other = second.admin1, one != other { return false }
        // Two items of a list tell two operations.
        if first.listed, second.listed, first.sentence != second.sentence { return false }
        if first.admin1 == nil && second.admin1 == nil, first.country != second.country { return false }
        // Outside Syria, two first-level divisions ("الجوف", "صعدة") are two places.
        if let one = first.location.division, let other = second.location.division, one != other { return false }
        if first.admin1 != nil || second.admin1 != nil, first.country != nil, second.country != nil, first.country != second.country {
            return false
        }
        // An attack of the same parties (a target named by both, agents that agree or one
        // unnamed): a toll told again with another figure ("35 قتيلا" after "26 على الأقل"),
        // not another happening. Otherwise figures that differ tell two happenings apart.
        let tolls: Set<Incident.Kind> = [.attack, .explosion, .airstrike, .assassination]
        let toldDays = Self.told.contains(first.dateBasis) && Self.told.contains(second.dateBasis)
        let sameParties =
            tolls.contains(first.kind) && tolls.contains(second.kind) && first.target != nil && first.target == second.target
            && (first.agents.isEmpty || second.agents.isEmpty || Set(first.agents) == Set(second.agents))
            // but not strikes the text dates to other days ("… السبت", "… الخميس").
            && !(toldDays && first.date != second.date)
        if !sameParties {
            for role in Figure.Role.allCases {
                if let one = first.figures[role]?.value, let other = second.figures[role]?.value, one != other { return false }
            }
        }
        // Dates the text writes out that differ. A weekday or "أمس" often dates the report
        // rather than the happening ("أفاد المرصد الأحد أن…" of an attack on Wednesday), and
        // the article's reference date says nothing: neither tells two happenings apart.
        if let one = first.date, let other = second.date, one != other, first.dateBasis == "stated", second.dateBasis == "stated" {
            return false
        }
        if !first.agents.isEmpty, !second.agents.isEmpty, Set(first.agents).isDisjoint(with: second.agents) { return false }
        return true
    }

    /// The type that names an operation of several (`kinds` in the order told): a raid told
    /// first ("داهم … وأوقف خمسة") or with casualties is a raid; otherwise the family's order
    /// decides ("القبض على 3 عناصر … بعملية إنزال" is an arrest).
    func leading(_ kinds: [Incident.Kind], killed: Bool) -> Incident.Kind {
        if kinds.contains(.raid), killed || kinds[0] == .raid || !kinds.contains(.arrest) { return .raid }
        guard let family = Self.family(kinds[0]) else { return kinds[0] }
        return Self.families[family].first(where: kinds.contains) ?? kinds[0]
    }

    func happenings(_ incidents: [Incident]) -> [Incident] {
        var result: [Incident] = []
        for incident in incidents {
            // Words of one family in one sentence tell one happening ("قتل في قصف … بغارة"),
            // whatever roles each word's neighbours gave.
            let sameSentence = result.firstIndex { other in
                other.sentence == incident.sentence && Self.family(other.kind) != nil && Self.family(other.kind) == Self.family(incident.kind)
                    && other.admin1 == incident.admin1 && other.country == incident.country
            }
            guard let index = sameSentence ?? result.firstIndex(where: { sameHappening($0, incident) }) else {
                result.append(incident)
                continue
            }
            var merged = result[index]
            let kinds = unique([merged.kind] + merged.also + [incident.kind])
            merged.kind = leading(kinds, killed: merged.figures[.killed] != nil || incident.figures[.killed] != nil)
            merged.also = kinds.filter { $0 != merged.kind }
            let conflict =
                merged.target.map(incident.agents.contains) == true || incident.target.map(merged.agents.contains) == true
            if index == sameSentence, conflict {
                // Roles the words gave each trigger disagree: the type that names the happening
                // (its family's order) has them.
                let order = Self.families[Self.family(incident.kind)!]
                if order.firstIndex(of: incident.kind)! < order.firstIndex(of: result[index].kind)! {
                    merged.agents = incident.agents
                    merged.target = incident.target
                }
            } else {
                merged.agents = unique(merged.agents + incident.agents)
            }
            merged.target = merged.target ?? incident.target
            if let target = merged.target, merged.agents.contains(target) { merged.target = nil }
            if merged.admin1 == nil, incident.admin1 != nil {
                merged.admin1 = incident.admin1
                merged.country = incident.country
                merged.places = incident.places + merged.places.filter { place in !incident.places.contains { $0.nameAr == place.nameAr } }
            } else {
                merged.places += incident.places.filter { place in !merged.places.contains { $0.nameAr == place.nameAr } }
            }
            for (role, figure) in incident.figures {
                // A lower bound retold as a larger figure ("26 على الأقل", then "35") is refined by it.
                if let known = merged.figures[role], let bound = known.value, let value = figure.value,
                    ["at-least", "more-than"].contains(known.qualifier), value > bound
                {
                    merged.figures[role] = figure
                } else if merged.figures[role] == nil {
                    merged.figures[role] = figure
                }
            }
            if merged.count == nil {
                merged.count = incident.count
                merged.countQualifier = incident.countQualifier
            }
            // A date the text tells wins over the reference date another sentence fell back on.
            if merged.date == nil || (!Self.told.contains(merged.dateBasis) && Self.told.contains(incident.dateBasis) && incident.date != nil) {
                merged.date = incident.date
                merged.datePrecision = incident.datePrecision
                merged.dateBasis = incident.dateBasis
            }
            merged.relativeDate = merged.relativeDate ?? incident.relativeDate
            merged.confidence = max(merged.confidence, incident.confidence)
            result[index] = merged
        }
        return result
    }

    /// Kinds a group claims: an attack, a bombing, a killing, a kidnapping.
    static let claimable: Set<Incident.Kind> = [.attack, .explosion, .assassination, .abduction, .execution]

    /// A group's claim ("تبنى تنظيم داعش الهجوم", "أعلنت حركة الشباب مسؤوليتها") names the
    /// agent of the article's attacks that name none: when one group, and one only, claims.
    func claimed(_ incidents: [Incident]) -> [Incident] {
        var claimers: [String] = []
        for (number, sentence) in findings.sentences.enumerated()
        where sentence.forms.contains(where: { $0.contains { rules.set("claims", contains: $0.form) } }) {
            claimers += findings.actors.filter { $0.sentence == number && !Self.isState($0.id) }.map(\.id)
        }
        let groups = unique(claimers)
        guard groups.count == 1, let group = groups.first else { return incidents }
        return incidents.map { incident in
            var incident = incident
            if incident.agents.isEmpty, Self.claimable.contains(incident.kind), incident.target != group { incident.agents = [group] }
            return incident
        }
    }

    /// An incident in Syria whose sentence names no place (or the country only) is in the
    /// governorate named in the sentences beside it (the one before, the one after, and the
    /// headline for the lead), when they name one and no other: the
    /// story goes on there ("اعتقلت السلطات السورية …" before "… في أحد شوارع اللاذقية"); not
    /// one that dates itself.
    /// Merged afterwards with one already there.
    func placedInTheArticlesGovernorate(_ incidents: [Incident]) -> [Incident] {
        // The one governorate the article names, and names more than once: the story's.
        let named = findings.places.compactMap { $0.place.admin1 }
        let articleGovernorates = Set(named).count == 1 && named.count > 1 ? Set(named) : []
        let placed = incidents.map { incident in
            var incident = incident
            guard incident.country == "SY", incident.admin1 == nil, incident.places.allSatisfy({ $0.admin1 == nil }) else { return incident }
            // Not a sentence that dates itself: it tells another time ("وفي 8 ديسمبر 2024 …").
            // In the lead, the headline too: it names where the story is ("… على بلدتين بإدلب").
            let headline = incident.sentence <= 2 && title != nil ? [0] : []
            let around = (headline + Array((incident.sentence - 1)...(incident.sentence + 1))).filter { number in
                number == incident.sentence
                    || (findings.sentences.indices.contains(number) && Dates.find(inWords: findings.sentences[number].tokens.map { $0[...] }).isEmpty)
            }
            let governorates = Set(findings.places.filter { around.contains($0.sentence) }.compactMap { $0.place.admin1 })
            if governorates.count == 1 {
                incident.admin1 = governorates.first
            } else if governorates.isEmpty, articleGovernorates.count == 1 {
                // An article that names one governorate only (and more than once) tells its story there.
                incident.admin1 = articleGovernorates.first
            }
            return incident
        }
        return happenings(placed)
    }
}
