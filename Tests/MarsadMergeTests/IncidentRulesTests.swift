import MarsadModel
import Testing

@testable import MarsadMerge

/// When two reports are one incident, and what the merged incident says.
@Suite("Incidents across articles")
struct IncidentRulesTests {
    static func incident(
        _ type: String, places: [String] = ["الباب"], division: String? = "SY-HL", country: String? = "SY", precision: Int? = 1,
        date: String? = nil, basis: String? = nil, agents: [String] = [], target: String? = nil, killed: Int? = nil
    ) -> FindingsRecord.Incident {
        var incident = FindingsRecord.Incident(
            type: type, agents: agents, target: target, places: places, admin1: nil, country: country, lat: nil, lon: nil, count: nil,
            countQualifier: nil, date: date, datePrecision: date == nil ? nil : "day", relativeDate: nil, evidence: "…", evidenceStart: 0,
            evidenceEnd: 1, confidence: 0.9)
        incident.division = division
        incident.geoPrecision = precision
        incident.dateBasis = basis
        if let killed { incident[.killed] = Figure(value: killed) }
        return incident
    }

    static func mention(_ article: Int64, _ incident: FindingsRecord.Incident, day: String = "2025-05-10", story: Int64? = nil, outlet: String? = nil)
        -> IncidentMention
    {
        IncidentMention(articleID: article, position: 0, storyID: story ?? article, outlet: outlet, reportDay: DayNumber.of(day), incident: incident)
    }

    func verdict(_ a: IncidentMention, _ b: IncidentMention) -> IncidentRules.Verdict { IncidentRules.compare(a, b) }

    @Test func anAttackAndTheExplosionThatWasItAreOne() {
        let a = Self.mention(1, Self.incident("attack", agents: ["ISIS"]))
        let b = Self.mention(2, Self.incident("explosion"), day: "2025-05-11")
        guard case .same(let agreement) = verdict(a, b) else {
            Issue.record("expected one incident")
            return
        }
        #expect(agreement.fields == ["type", "place", "date"])
        #expect(agreement.level == 1)
    }

    @Test func twoTownsAreTwoIncidents() {
        let a = Self.mention(1, Self.incident("explosion"))
        let b = Self.mention(2, Self.incident("explosion", places: ["منبج"]))
        #expect(verdict(a, b) == .conflict(.init(.places, "الباب", "منبج")))
    }

    @Test func aTownAndItsDivisionAgreeAtTheDivision() {
        let a = Self.mention(1, Self.incident("airstrike"))
        let b = Self.mention(2, Self.incident("airstrike", places: ["حلب"], precision: 3))
        guard case .same(let agreement) = verdict(a, b) else {
            Issue.record("expected one incident")
            return
        }
        #expect(agreement.level == 3)
    }

    @Test func twoDaysTheTextsGiveAreTwoIncidents() {
        let a = Self.mention(1, Self.incident("explosion", date: "2025-05-09", basis: "stated"))
        let b = Self.mention(2, Self.incident("explosion", date: "2025-05-10", basis: "stated"))
        #expect(verdict(a, b) == .conflict(.init(.dates, "2025-05-09", "2025-05-10")))
        // "الأحد" read a day off by one of two reports of one day: still one incident.
        let c = Self.mention(3, Self.incident("explosion", date: "2025-05-10", basis: "relative"))
        if case .same = verdict(a, c) {} else { Issue.record("a relative day a day off, in reports of one day") }
        // The same distance between reports of two days is two days.
        let d = Self.mention(4, Self.incident("explosion", date: "2025-05-11", basis: "relative"), day: "2025-05-11")
        #expect(verdict(c, d) == .conflict(.init(.dates, "2025-05-10", "2025-05-11")))
    }

    @Test func twoSpellingsOfATownAreOnePlace() {
        let a = Self.mention(1, Self.incident("attack", places: ["مُنستر"]))
        let b = Self.mention(2, Self.incident("attack", places: ["منستر"]))
        if case .same = verdict(a, b) {} else { Issue.record("diacritics do not make another town") }
        var near = Self.incident("attack", places: ["بزاعة"])
        near.lat = 36.33
        near.lon = 37.66
        var far = Self.incident("attack", places: ["الباب"])
        far.lat = 36.37
        far.lon = 37.52
        if case .same = verdict(Self.mention(3, near), Self.mention(4, far)) {} else { Issue.record("13 km apart: one place") }
    }

    @Test func reportsDaysApartAreNotShownTheSame() {
        let a = Self.mention(1, Self.incident("explosion"))
        let b = Self.mention(2, Self.incident("explosion"), day: "2025-05-13")
        #expect(verdict(a, b) == .unknown)
    }

    @Test func aCountryAloneMergesOnlyWithinAStory() {
        let a = Self.mention(1, Self.incident("arrest", places: ["العراق"], division: nil, country: "IQ", precision: 4))
        let b = Self.mention(2, Self.incident("arrest", places: ["العراق"], division: nil, country: "IQ", precision: 4))
        if case .coarse = verdict(a, b) {} else { Issue.record("a country alone is coarse outside one story") }
        let c = Self.mention(3, Self.incident("arrest", places: ["العراق"], division: nil, country: "IQ", precision: 4), story: 2)
        if case .same(let agreement) = verdict(b, c) { #expect(agreement.fields.contains("story")) } else { Issue.record("one story") }
    }

    @Test func conflictingActorsOrTypesKeepReportsApart() {
        // Beyond one town, who did it decides.
        let a = Self.mention(1, Self.incident("attack", places: ["حلب"], precision: 3, agents: ["ISIS"]))
        let b = Self.mention(2, Self.incident("attack", places: ["حلب"], precision: 3, agents: ["SDF"]))
        #expect(verdict(a, b) == .conflict(.init(.actors, "ISIS", "SDF")))
        let c = Self.mention(3, Self.incident("arrest"))
        #expect(verdict(a, c) == .conflict(.init(.types, "attack", "arrest")))
        // At one town on one day, it is noted, not decisive.
        let d = Self.mention(4, Self.incident("attack", agents: ["ISIS"]))
        let e = Self.mention(5, Self.incident("attack", agents: ["SDF"]))
        if case .same(let agreement) = verdict(d, e) { #expect(!agreement.fields.contains("actors")) } else { Issue.record("one town, one day") }
        // Within one story, neither divisions nor actors read from the rest of the texts decide.
        let f = Self.mention(6, Self.incident("attack", places: ["حلب"], precision: 3, agents: ["SDF"]), story: 1)
        if case .same(let agreement) = verdict(a, f) { #expect(agreement.fields.contains("story")) } else { Issue.record("one story") }
    }

    @Test func oneArticlesReportsOfATypeAtTwoPlacesAreTwoOperations() {
        // A statement listing arrests in two towns of one governorate: two incidents; its
        // report without a place of its own joins one of them.
        let mansoura = IncidentMention(
            articleID: 1, position: 0, storyID: 1, outlet: nil, reportDay: DayNumber.of("2025-05-10"),
            incident: Self.incident("arrest", places: ["المنصورة", "الرقة"], division: "SY-RA"))
        let raqqa = IncidentMention(
            articleID: 1, position: 1, storyID: 1, outlet: nil, reportDay: DayNumber.of("2025-05-10"),
            incident: Self.incident("arrest", places: ["الرقة"], division: "SY-RA", precision: 3))
        let vague = IncidentMention(
            articleID: 1, position: 2, storyID: 1, outlet: nil, reportDay: DayNumber.of("2025-05-10"),
            incident: Self.incident("arrest", places: [], division: nil, precision: 4, agents: ["SDF"]))
        #expect(verdict(mansoura, raqqa) == .conflict(.init(.places, "المنصورة", "الرقة")))
        if case .conflict = verdict(mansoura, vague) { Issue.record("the vaguer mention is one of them") }
    }

    @Test func aReportLocatedOnlyToACountryJoinsTheOnlyIncidentItCouldBe() {
        let located = Self.mention(1, Self.incident("attack", places: ["مونستر"], division: nil, country: "DE"))
        let vague = Self.mention(2, Self.incident("attack", places: [], division: nil, country: "DE", precision: 4))
        let one = IncidentGrouping.place(vague, among: [.init(id: 3, mentions: [located])], IncidentRules.Options())
        #expect(one.groups == [3])
        let other = Self.mention(4, Self.incident("attack", places: ["برلين"], division: nil, country: "DE"))
        let two = IncidentGrouping.place(vague, among: [.init(id: 3, mentions: [located]), .init(id: 5, mentions: [other])], IncidentRules.Options())
        #expect(two.groups.isEmpty)
    }

    @Test func aLaterReportJoinsTwoEarlierIncidents() {
        // One report named the town, another only the division and a day two days later:
        // apart, they are not shown the same; a report between them shows they are one.
        let a = Self.mention(1, Self.incident("explosion"), day: "2025-05-10")
        let b = Self.mention(2, Self.incident("explosion", places: ["حلب"], precision: 3), day: "2025-05-12")
        let c = Self.mention(3, Self.incident("explosion"), day: "2025-05-11")
        let groups = [IncidentGrouping.Group(id: 7, mentions: [a]), IncidentGrouping.Group(id: 9, mentions: [b])]
        let decision = IncidentGrouping.place(c, among: groups, IncidentRules.Options())
        #expect(decision.groups == [7, 9])
        #expect(decision.matched?.articleID == 1)
        // A report that disagrees with one of a group's reports on when joins none of it.
        let d = Self.mention(4, Self.incident("explosion"), day: "2025-05-10")
        let f = Self.mention(6, Self.incident("explosion", date: "2025-05-10", basis: "stated"), day: "2025-05-10")
        let e = Self.mention(5, Self.incident("explosion", date: "2025-05-11", basis: "stated"), day: "2025-05-11")
        if case .same = IncidentRules.compare(e, d) {} else { Issue.record("within the window of a report with no day of its own") }
        #expect(IncidentGrouping.place(e, among: [.init(id: 1, mentions: [d, f])], IncidentRules.Options()).groups.isEmpty)
    }

    @Test func theMergedFigureIsTheLatestDaysLowest() {
        let first = [
            Self.mention(1, Self.incident("explosion", killed: 12), outlet: "BBC"),
            Self.mention(2, Self.incident("explosion", killed: 9), outlet: "Sky News"),
            Self.mention(3, Self.incident("attack"), outlet: "BBC"),
        ]
        let merged = Consolidation.merge(id: 5, first)
        #expect(merged.killed == 9)
        #expect(merged.type == "explosion")
        #expect(merged.articles == 3)
        #expect(merged.outlets == ["BBC", "Sky News"])
        let update = Self.mention(4, Self.incident("explosion", killed: 15), day: "2025-05-11")
        var tally = IncidentTally()
        for mention in first { tally.add(mention) }
        #expect(Consolidation.isDevelopment(update, of: tally))
        #expect(Consolidation.merge(id: 5, first + [update]).killed == 15)
        #expect(Consolidation.merge(id: 5, first + [update]).lastReported == "2025-05-11")
    }
}
