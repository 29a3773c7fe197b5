import Foundation
import MarsadModel
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
    /// Figures by role: killed, injured, captured, kidnapped.
    public var figures: [Figure.Role: Figure] = [:]
    /// What else the same operation did (a raid that also arrested: `[.arrest]`).
    public var also: [Kind] = []
    /// Where `date` comes from: "stated", "relative", or the reference date's basis
    /// ("published", "filename", "received").
    public var dateBasis: String?
    /// The sentence the incident was first read from.
    var sentence = 0
    /// Whether that sentence is an item of a list ("* القبض على …"): items are happenings apart.
    var listed = false
}

/// What the incident rules look at in one sentence, made once: its tokens and their forms,
/// each token's lookup keys (`IncidentRules.keys`), and its numbers with their roles.
struct SentenceView {
    let number: Int
    let tokens: [String]
    let forms: [[Clitics.Form]]
    let keys: [[String]]
    let quantities: [(quantity: Quantity, role: Figure.Role?)]
    /// The actors the sentence names.
    let actors: [ActorMention]
}

/// Reads incidents sentence by sentence: a trigger word of a type, the actors, places and
/// counts around it, the agent carried over from the sentences before when the sentence
/// does not name one ("* القبض على 3 عناصر…" in a list after "أعلنت قسد…").
struct IncidentReader {
    let findings: Findings
    /// The article's reference date (see `FindingsReader.read`) and its basis.
    let published: FoundDate?
    let title: String?
    var basis = "published"

    /// Triggers, senses, fixed expressions and word sets: `Resources/incidents.rules`.
    var rules = IncidentRules.shared

    /// Agents of counter-terrorism and of state force.
    static func isState(_ id: String) -> Bool {
        id.hasSuffix("-GOV") || ["COALITION", "ARAB-COALITION", "SDF", "KRG", "PMF", "ASSAD-REGIME", "UN"].contains(id)
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
            let keys = tokens.indices.map { IncidentRules.keys(tokens[$0], forms[$0]) }
            guard !keys.contains(where: { rules.set("speculation", containsAnyOf: $0) }) else { continue }
            // History, a trend, a tally ("منذ تدخل موسكو", "في الشهور الأخيرة", "سلسلة اغتيالات").
            guard
                !keys.indices.contains(where: { start in
                    keys[start].contains { key in
                        rules.backgroundByFirstWord[key]?.contains { IncidentRules.matches($0, at: start, keys: keys) } == true
                    }
                })
            else { continue }
            let view = SentenceView(
                number: number, tokens: tokens, forms: forms, keys: keys,
                quantities: findings.quantities.filter { $0.sentence == number }.map { ($0, role(of: $0, tokens: tokens, forms: forms)) },
                actors: actors)
            var all = triggers(in: view)
            // "الانفجار" alone refers to a happening told before, or to a kind in general: it
            // tells one only with figures ("ارتفعت حصيلة الهجوم إلى 12 قتيلا").
            if !all.definite.isEmpty && !view.quantities.contains(where: { $0.role != nil }) {
                all.specific.removeAll { all.definite.contains($0.1) }
                all.generic.removeAll { all.definite.contains($0.1) }
            }
            var found = all.specific
            let generic = found.isEmpty
            if generic { found = all.generic }
            // "قتل … خمسة رهائن بعد أيام من اختطافهم": the killing of the captives is an
            // execution of its own, beside the kidnapping the sentence recalls.
            let captives = captivesKilled(in: view)
            if !generic, !found.contains(where: { $0.0 == .attack || $0.0 == .execution }),
                let killing = all.generic.first(where: { $0.0 == .attack }), captives
            {
                found.append(killing)
            }
            // "إحباط هجومين", "محاولة تفجير": what a foiled plot foiled did not happen.
            if let foiled = found.first(where: { $0.0 == .foiledPlot })?.1 {
                found.removeAll { [.attack, .explosion, .assassination].contains($0.0) && $0.1 > foiled && $0.1 <= foiled + 6 }
            }
            let groups = unique(actors.filter { !Self.isState($0.id) }.map(\.id))
            // The parties to an attack: not the source that reports it.
            let sources = speakers(in: view)
            let parties = actors.filter { actor in !sources.contains { $0.contains(actor.position) } }
            // The UN is named as investigating, counting or condemning: an agent only by the words.
            let partyStates = unique(parties.filter { Self.isState($0.id) && $0.id != "UN" }.map(\.id))
            let partyGroups = unique(parties.filter { !Self.isState($0.id) }.map(\.id))
            for (trigger, position) in found {
                var kind = trigger
                // "مشتبه به في هجوم": the crime a suspect is charged with, told elsewhere if at all.
                if [.attack, .explosion, .assassination].contains(kind), isAccusation(at: position, in: view) { continue }
                // "قتل … بعد أيام من اختطافهم": the killing of captives is an execution.
                if kind == .attack, captives { kind = .execution }
                var agents: [String]
                var target: String?
                var confidence = generic ? 0.7 : 0.9
                switch kind {
                case .execution where groups.isEmpty && trigger == .execution:
                    // A state's execution of a sentence ("نفذت وزارة الداخلية حكم القتل").
                    agents = states
                case .attack, .explosion, .assassination, .abduction, .execution:
                    // A group named as the victim's ("قيادياً في فصائل المعارضة", "أحد عناصرها")
                    // is the target, not the agent.
                    let victims = Set(parties.filter { isMembership(before: $0.position, forms: forms) }.map(\.id))
                    agents = partyGroups.filter { !victims.contains($0) }
                    target = partyStates.first(where: { !agents.contains($0) }) ?? partyGroups.first(where: victims.contains)
                case .clash:
                    agents = unique(states + groups)
                case .airstrike:
                    agents = partyStates
                    target = partyGroups.first
                default:
                    agents = states
                    // Counter-terrorism is against the group the article is about.
                    target = groups.first ?? (kind == .seizure ? nil : mainGroup)
                }
                if kind != .execution || !groups.isEmpty || trigger != .execution,
                    [.attack, .explosion, .assassination, .abduction, .execution, .airstrike, .clash].contains(kind)
                {
                    (agents, target) = assignRoles(
                        kind: kind, trigger: position, generic: generic, actors: parties, in: view, agents: agents, target: target)
                }
                // An arrest, a raid, a strike told without its agent: the state named in the
                // sentences just before, unless that state is what was hit.
                if agents.isEmpty, [.arrest, .raid, .seizure, .foiledPlot, .airstrike].contains(kind), number - recentSentence <= 3 {
                    agents = recentStateAgents.filter { $0 != target }
                    confidence -= 0.2
                }
                // "أسفر عن مقتل 7 إرهابيين": those who killed militants are the state's forces,
                // named in the sentences before or, failing that, the article's country's.
                // A clash with an armed group and no other side named: the state's forces.
                let fightsGroup = kind == .clash && target.map { !Self.isState($0) } != false
                if agents.isEmpty, [.attack, .airstrike, .clash].contains(kind), militantsKilled(in: view) || fightsGroup {
                    if number - recentSentence <= 3, !recentStateAgents.isEmpty {
                        agents = recentStateAgents
                    } else if let home {
                        agents = [home + "-GOV"]
                    }
                    if let first = target, agents.contains(first) { target = nil }
                    confidence -= 0.1
                }
                // Soldiers, police, a checkpoint hit with no group named as victim: the target is
                // the state whose forces they are, the article's country's ("مقتل خمسة بينهم
                // عناصر أمن" in a report from Aden).
                if target == nil, [.attack, .explosion, .assassination].contains(kind), let home, !agents.contains(home + "-GOV"),
                    view.keys.indices.contains(where: { index in
                        rules.set("forces-hit", containsAnyOf: view.keys[index]) && !sources.contains { $0.contains(index) }
                    })
                {
                    target = home + "-GOV"
                }
                // "الجيش", "قوات الأمن", "الحرس الوطني" with no country named: the forces of
                // the country the article is about.
                if agents.isEmpty, [.arrest, .raid, .airstrike, .seizure, .foiledPlot, .clash].contains(kind), let home,
                    view.keys.contains(where: { rules.set("state-forces", containsAnyOf: $0) })
                {
                    agents = [home + "-GOV"]
                    confidence -= 0.1
                }
                // Places of the incident: not those a visit goes to ("… قبل زيارة … إلى واشنطن").
                var near = findings.places.filter {
                    $0.sentence == number && $0.position >= position - 12 && $0.position <= position + 32
                        && !isVisitDestination($0.position, forms: forms) && !isSponsor($0.position, forms: forms)
                        && !isAcrossBorder($0.position, forms: forms)
                        && !clauseBreak(between: position, and: $0.position, tokens: tokens)
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
                var counted = count(for: kind, at: position, in: view)
                var figures = self.figures(in: view, trigger: position, triggers: found.map(\.1))
                // The type's own count is its role's figure ("القبض على 3" captured 3); a count
                // of something else (two cars, a strike) counts only what the type counts.
                if let role = Self.countRole[kind], figures[role] == nil, let (value, qualifier) = counted {
                    figures[role] = Figure(value: value, qualifier: qualifier)
                }
                if !Self.countedKinds.contains(kind) { counted = nil }
                let date = self.date(in: number, tokens: tokens)
                func make(admin1: String?, country: String?, places: [Place], count: (Int, String?)?, confidence: Double) -> Incident {
                    var distinct: [Place] = []
                    for place in places where !distinct.contains(where: { $0.nameAr == place.nameAr }) { distinct.append(place) }
                    return Incident(
                        kind: kind, agents: agents, target: target, places: distinct, admin1: admin1, country: country,
                        count: count?.0, countQualifier: count?.1, date: date.value, datePrecision: date.precision,
                        relativeDate: date.relative, evidence: sentence.text, evidenceStart: sentence.start, evidenceEnd: sentence.end,
                        confidence: max(0.5, confidence), figures: figures, dateBasis: date.basis, sentence: number,
                        listed: sentence.text.first.map { "*-•·▪◦".contains($0) } == true)
                }
                if governorates.isEmpty {
                    // No place in the sentence: a state's arrest, raid, seizure or foiled plot is
                    // on its own soil ("أعلنت البحرين القبض على 116 عنصرا مدعومين من إيران");
                    // otherwise the article's country.
                    // Of several states, the one whose country the sentence names ("الداخلية
                    // لمملكة البحرين … القبض على 116").
                    let named = Set(findings.places.filter { $0.sentence == number }.map(\.place.country))
                    let states = agents.filter { agent in
                        agent.hasSuffix("-GOV") && agent.count == 6 && findings.actors.contains { $0.sentence == number && $0.id == agent }
                    }
                    let domestic =
                        [.arrest, .raid, .seizure, .foiledPlot].contains(kind)
                        ? (states.first { named.contains(String($0.prefix(2))) } ?? states.first).map { String($0.prefix(2)) } : nil
                    let country = near.first(where: { $0.place.kind == .country || $0.place.admin1 == nil })?.place.country ?? domestic ?? home
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
                        if governorates.count > 1 { incidents[incidents.count - 1].figures = [:] }
                    }
                }
            }
        }
        return placedInTheArticlesGovernorate(claimed(happenings(incidents)))
    }
}
