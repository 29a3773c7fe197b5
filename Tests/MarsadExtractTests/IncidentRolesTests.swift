import MarsadModel
import Testing

@testable import MarsadExtract

/// Who did it to whom: the words around each actor give it its role. Sentences written for
/// the rules, in the styles of several outlets (not taken from the samples or the
/// development set).
@Suite("Agents and targets of incidents")
struct IncidentRolesTests {
    func incidents(_ text: String) -> [Incident] { FindingsReader.read(text).incidents }

    @Test func theGroupThatLaunchedTheAttackAndTheForcesItHit() throws {
        let attack = try #require(incidents("شن تنظيم داعش هجوما على رتل لقوات النظام في ريف حمص الشرقي.").first)
        #expect(attack.kind == .attack)
        #expect(attack.agents == ["ISIS"])
        #expect(attack.target == "ASSAD-REGIME")
    }

    @Test func aStateThatAttacksIsTheAgentNotTheTarget() throws {
        let attack = try #require(incidents("وقامت قوات النظام بقصف مواقع هيئة تحرير الشام في ريف إدلب الجنوبي.").first)
        #expect(attack.agents.contains("ASSAD-REGIME"))
        #expect(attack.target == "NUSRA")
    }

    @Test func anAttackWithANationalityNamesItsState() throws {
        let attack = try #require(incidents("أصيب ثلاثة مدنيين في اعتداء إسرائيلي على بلدة في جنوب لبنان.").first)
        #expect(attack.agents == ["IL-GOV"])
        let strike = try #require(incidents("قتل أربعة أشخاص في غارات جوية تركية على قرى في محافظة دهوك شمالي العراق.").first)
        #expect(strike.kind == .airstrike)
        #expect(strike.agents == ["TR-GOV"])
    }

    @Test func theGovernmentsForcesAreTheGovernmentOfTheArticlesCountry() throws {
        let attack = try #require(incidents("قتل 12 من القوات الحكومية في هجوم لمسلحين على حاجز في محافظة الأنبار غربي العراق.").first)
        #expect(attack.target == "IQ-GOV")
        #expect(attack.figures[.killed] == Figure(value: 12))
    }

    @Test func aClashHasTheStateAsAgentAndTheOtherSideAsTarget() throws {
        let clash = try #require(incidents("اندلعت اشتباكات بين تنظيم داعش وقوات النظام في بادية دير الزور.").first)
        #expect(clash.kind == .clash)
        #expect(clash.agents == ["ASSAD-REGIME"])
        #expect(clash.target == "ISIS")
    }

    @Test func militantsKilledWereKilledByTheStatesForces() throws {
        let text = "قال الجيش التونسي في بيان إن وحداته تلاحق مجموعة مسلحة في جبال القصرين. وتم قصف مخابئ المجموعة ما أسفر عن مقتل 4 إرهابيين."
        let attack = try #require(incidents(text).first { $0.figures[.killed] != nil })
        #expect(attack.agents == ["TN-GOV"])
    }

    @Test func killingCaptivesIsAnExecution() throws {
        let found = incidents("قتل مسلحو تنظيم داعش خمسة رهائن بعد أيام من اختطافهم قرب كركوك.")
        #expect(found.contains { $0.kind == .execution && $0.agents == ["ISIS"] })
        #expect(!found.contains { $0.kind == .attack })
    }

    @Test func theCrimeASuspectIsChargedWithIsNoIncidentOfTheStory() {
        let found = incidents("اعتقلت الشرطة التركية مشتبها به في هجوم على ملهى ليلي في إسطنبول.")
        #expect(found.map(\.kind) == [.arrest])
    }

    @Test func aTollToldAgainWithAnotherFigureIsTheSameAttack() {
        let text =
            "قتل 20 عنصرا من قوات النظام في هجوم شنه تنظيم داعش على حاجز في ريف حمص. وأفاد المرصد بأن 31 عنصرا من قوات النظام قتلوا في هجوم التنظيم."
        let attacks = incidents(text).filter { $0.kind == .attack }
        #expect(attacks.count == 1)
        #expect(attacks.first?.figures[.killed] == Figure(value: 20))
    }

    @Test func twoAttacksOnOtherPartiesStayTwo() {
        let text = "قتل 20 عنصرا من قوات النظام في هجوم شنه تنظيم داعش في ريف حمص. وقتل 5 عناصر من قسد في هجوم للتنظيم في ريف حمص."
        #expect(incidents(text).filter { $0.kind == .attack }.count == 2)
    }

    @Test func theSourceOfAReportIsNoPartyToTheAttack() throws {
        let attack = try #require(incidents("قال مسؤول عسكري تركي إن مسلحين أطلقوا النار على مدنيين في ديار بكر، ما أسفر عن مقتل شخصين.").first)
        #expect(attack.target == nil)
        #expect(attack.agents.isEmpty)
    }

    @Test func bothSidesThatLostMenFoughtEachOther() throws {
        let clash = try #require(
            incidents("قتل عدد من عناصر قوات النظام وقوات سوريا الديمقراطية في مواجهات بين الطرفين في مدينة الحسكة.").first { $0.kind == .clash })
        #expect(clash.agents == ["ASSAD-REGIME"])
        #expect(clash.target == "SDF")
    }

    @Test func theGovernmentNamedAfterItsForcesIsThatGovernment() {
        let found = FindingsReader.read("قتل عشرة من القوات الموالية للحكومة السورية في هجوم في ريف حماة.")
        #expect(found.actors.map(\.id) == ["SY-GOV"])
    }

    @Test func strikesInTwoDivisionsAreTwoStrikes() {
        let text = "قتل قيادي حوثي في غارة للتحالف في محافظة الجوف. وقتل ثلاثة أشخاص في غارة للتحالف في محافظة صعدة."
        #expect(incidents(text).filter { $0.kind == .airstrike }.count == 2)
    }

    @Test func aMonthGoneByIsBackground() {
        #expect(incidents("وفي أبريل الماضي، قتل 12 شخصا في هجوم على حاجز للجيش في حمص.").isEmpty)
        #expect(!incidents("وفي الأسبوع الماضي، قتل 12 شخصا في هجوم على حاجز للجيش في حمص.").isEmpty)
    }

    @Test func theSourceAfterAccordingToIsNoAgent() throws {
        let strike = try #require(incidents("قتل 12 شخصا في غارة جوية على سوق في محافظة صعدة، وفقا لبيانات الأمم المتحدة.").first)
        #expect(!strike.agents.contains("UN"))
    }

    @Test func theCoalitionNamedBareIsTheOneNamedInFull() {
        let text = "نفذ التحالف الدولي وقوات سوريا الديمقراطية عمليات في ريف دير الزور. وجرت العمليات بين التحالف وقسد في سوريا."
        let found = FindingsReader.read(text)
        #expect(found.actors.filter { $0.sentence == 1 }.map(\.id).contains("COALITION"))
        #expect(!FindingsReader.read("فاز التحالف الحاكم في الانتخابات.").actors.contains { $0.id.hasPrefix("COALITION") })
    }

    @Test func twoItemsOfAListAreTwoOperations() {
        let text =
            "أعلنت قسد نتائج عملياتها مع التحالف الدولي:\n* القبض على عنصر من داعش في بلدة الشحيل بريف دير الزور.\n* مقتل قياديين من داعش وإلقاء القبض على آخرين في عملية إنزال جوي في ريف دير الزور."
        #expect(incidents(text).count == 2)
    }

    @Test func oneSentenceOfOneFamilyIsOneHappeningWithTheRolesOfItsType() throws {
        let found = incidents("قال متحدث إن زعيم تنظيم داعش في ليبيا قتل في قصف نفذته طائرات أمريكية بغارة جوية قرب مدينة سرت.")
        #expect(found.count == 1)
        let strike = try #require(found.first)
        #expect(strike.kind == .airstrike)
        #expect(strike.target == "ISIS")
        #expect(strike.agents == ["US-GOV"])
    }

    @Test func aPlannedBombingIsNoBombing() {
        let found = incidents("اعتقلت الشرطة الإيطالية ثلاثة أشخاص كانوا يخططون لتفجير جسر في مدينة البندقية.")
        #expect(found.map(\.kind) == [.arrest])
    }

    @Test func theUNIsAnActorOnlyAsAPartyToAnIncident() {
        let commenting = FindingsReader.read("دعت الأمم المتحدة إلى وقف إطلاق النار في إدلب بعد غارات قتل فيها 12 مدنيا.")
        #expect(!commenting.actors.contains { $0.id == "UN" })
        let hit = FindingsReader.read("قتل جنديان في هجوم على قافلة تابعة للأمم المتحدة في شمال مالي.")
        #expect(hit.actors.contains { $0.id == "UN" })
    }
}
