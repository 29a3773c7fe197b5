import MarsadModel
import MarsadText

/// Who did it to whom: the role the words around each actor give it in the happening its
/// sentence tells ("هجوم شنه تنظيم داعش على رتل لقوات النظام": ISIS the agent, the regime
/// the target), and the conclusions the victims allow ("مقتل 7 إرهابيين": the state's forces).
extension IncidentReader {
    enum Role { case agent, target }

    /// The role the words next to the actor give it, or nil when they say nothing.
    /// `trigger` is the trigger's first word, `generic` whether it is a generic one ("قتل",
    /// "استهدف": the word after those is the victim as often as the agent).
    func role(of actor: ActorMention, trigger: Int, generic: Bool, in view: SentenceView) -> Role? {
        let (keys, forms) = (view.keys, view.forms)
        let start = actor.position
        // Words about another happening of the sentence, far from this trigger, say nothing of it.
        guard abs(start - trigger) <= 12 else { return nil }
        func any(_ range: Range<Int>, _ set: String) -> Bool {
            range.contains { $0 >= 0 && $0 < keys.count && rules.set(set, containsAnyOf: keys[$0]) }
        }
        // "هجوم شنه تنظيم داعش", "قامت قوات النظام بقصف"; "الجيش الوطني قام بقصف".
        if any(max(0, start - 4)..<start, "agent-cues") { return .agent }
        if start < trigger, any((start + 1)..<min(keys.count, start + 4, trigger + 1), "agent-cues") { return .agent }
        // "استهدف تنظيم الدولة مبنى حكوميا": a sentence that opens with the verb has its
        // subject right after it.
        if start <= 2, start >= 1, (0..<start).allSatisfy({ index in keys[index].contains { $0 == "و" } || index == start - 1 }),
            keys[start - 1].contains(where: { ["استهدف", "استهدفت", "يستهدف", "تستهدف"].contains($0) })
        {
            return .agent
        }
        // "هجوم على رتل لقوات النظام", "35 مقاتلا من قوات النظام", "24 من القوات الموالية".
        if any(max(0, start - 3)..<start, "target-cues") { return .target }
        if isMembership(before: start, forms: forms) { return .target }
        let window = max(0, start - 3)..<start
        if window.contains(where: { index in forms[index].contains { $0.form == "من" } }),
            view.quantities.contains(where: { $0.role != nil && window.contains($0.quantity.position) })
        {
            return .target
        }
        let free = { (range: Range<Int>) in
            !range.contains(where: { index in forms[index].contains { ["في", "علي", "ضد", "من", "بين", "مع", "ب"].contains($0.form) } })
        }
        // Another actor right before the trigger is its subject ("مسلحو التنظيم هاجموا قوات
        // الشرطة"): the one right after is then the object.
        let subjectBefore = view.actors.contains { other in
            let end = other.position + other.length
            return other.position < trigger && end >= trigger - 1 && end <= trigger && free(end..<trigger)
        }
        if !generic, start >= trigger - 1 - actor.length, start + actor.length <= trigger, free((start + actor.length)..<trigger) {
            return .agent
        }
        // The attacker right after its attack: "غارات التحالف", "قصفت طائرات روسية",
        // "غارات جوية للطيران التركي", "هجوم لداعش".
        if !generic, start > trigger, start <= trigger + 2, free((trigger + 1)..<start) {
            return subjectBefore ? .target : .agent
        }
        return nil
    }

    /// Agents and target of an attack, a bombing, a strike, a clash… from the roles the words
    /// give, over the defaults the type gives (`agents`, `target`).
    func assignRoles(
        kind: Incident.Kind, trigger: Int, generic: Bool, actors: [ActorMention], in view: SentenceView,
        agents: [String], target: String?
    ) -> (agents: [String], target: String?) {
        var cuedAgents: [String] = []
        var cuedTargets: [String] = []
        var previous: (actor: ActorMention, role: Role?)?
        for actor in actors {
            var found = role(of: actor, trigger: trigger, generic: generic, in: view)
            // "عناصر قوات النظام وقوات الأمن الكردية": the second of two joined by "و" shares
            // the role of the first.
            if found == nil, let previous, previous.actor.position + previous.actor.length == actor.position,
                view.tokens[actor.position].hasPrefix("و")
            {
                found = previous.role
            }
            previous = (actor, found)
            switch found {
            case .agent?: if !cuedAgents.contains(actor.id) { cuedAgents.append(actor.id) }
            case .target?: if !cuedTargets.contains(actor.id) { cuedTargets.append(actor.id) }
            case nil: break
            }
        }
        cuedTargets.removeAll { cuedAgents.contains($0) }
        var agents = unique(cuedAgents + agents.filter { !cuedTargets.contains($0) })
        var target = cuedTargets.first ?? target.flatMap { agents.contains($0) ? nil : $0 }
        if kind == .clash {
            // Two sides: the state (or the side named first) the agent, the other the target;
            // "قتل عناصر من X و Y في مواجهات بين الطرفين": the two sides both lost men.
            let sides = unique(actors.filter { Self.isState($0.id) }.map(\.id) + actors.filter { !Self.isState($0.id) }.map(\.id))
            if cuedAgents.isEmpty, cuedTargets.count > 1 {
                agents = [cuedTargets[0]]
                target = cuedTargets[1]
            } else if target == nil, cuedAgents.isEmpty, sides.count > 1 {
                target = sides[1]
                agents = [sides[0]]
            }
        }
        if let first = target, agents.contains(first) { target = nil }
        return (agents, target)
    }

    /// Where the sentence names the source of a report: after "وفقا ل/بحسب", or between a verb of saying
    /// and the "أن/إن" that opens what they say ("وصرح علي المقرحي، آمر غرفة عمليات سرت
    /// التابعة للجيش الوطني الليبي، بأن…").
    func speakers(in view: SentenceView) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        for (index, keys) in view.keys.enumerated() where rules.set("according", containsAnyOf: keys) {
            spans.append((index + 1)..<min(view.keys.count, index + 5))
        }
        for (index, keys) in view.keys.enumerated() where rules.set("speech", containsAnyOf: keys) {
            let reach = (index + 1)..<min(view.keys.count, index + 16)
            guard let opening = reach.first(where: { rules.set("complementizers", containsAnyOf: view.keys[$0]) }) else { continue }
            spans.append((index + 1)..<opening)
        }
        return spans
    }

    /// Whether the killed the sentence counts are militants ("مقتل 7 إرهابيين"): those who
    /// killed them are the state's forces.
    func militantsKilled(in view: SentenceView) -> Bool {
        view.quantities.contains { entry in
            entry.role == .killed
                && (entry.quantity.position..<min(view.keys.count, entry.quantity.position + 4)).contains {
                    rules.set("militants", containsAnyOf: view.keys[$0])
                }
        }
    }

    /// Whether the sentence's killed were held captive: the killing is an execution.
    func captivesKilled(in view: SentenceView) -> Bool {
        view.keys.contains { rules.set("captives", containsAnyOf: $0) }
    }

    /// Whether the trigger names the crime a suspect is charged with ("مشتبه به في هجوم").
    func isAccusation(at trigger: Int, in view: SentenceView) -> Bool {
        (max(0, trigger - 5)..<trigger).contains { rules.set("charged-or-planned", containsAnyOf: view.keys[$0]) }
    }
}

extension ActorMention {
    /// How many words of the sentence the mention takes.
    var length: Int { form.split(separator: " ").count }
}
