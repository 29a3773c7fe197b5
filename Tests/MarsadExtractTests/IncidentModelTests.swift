import MarsadModel
import Testing

@testable import MarsadExtract

/// The incident as analysts count it: figures by role, one record per happening. Sentences
/// written for the rules, in the styles of several outlets (not taken from the samples or
/// the development set).
@Suite("Figures by role")
struct FigureTests {
    func read(_ text: String) -> Findings { FindingsReader.read(text) }

    @Test func killedAndInjuredWithTheirQualifiers() {
        let found = read("قُتل ما لا يقل عن 40 شخصا وأصيب أكثر من 100 آخرين في تفجيرين استهدفا حافلات في دمشق.")
        #expect(found.incidents.map(\.kind) == [.explosion])
        #expect(found.incidents.first?.figures[.killed] == Figure(value: 40, qualifier: "at-least"))
        #expect(found.incidents.first?.figures[.injured] == Figure(value: 100, qualifier: "more-than"))
    }

    @Test func aVerbAfterTheCountedNounAndAnAdjectiveBetween() {
        let found = read("وقالت مصادر أمنية إن 7 جنود أتراك قتلوا وأصيب 3 آخرون بعد أن فجر مسلح سيارة مفخخة في ديار بكر.")
        #expect(found.incidents.first?.figures[.killed] == Figure(value: 7))
        #expect(found.incidents.first?.figures[.injured] == Figure(value: 3))
    }

    @Test func theCountedNounIsTheRole() {
        let found = read("ارتفعت حصيلة الهجوم الانتحاري على نقطة للجيش في الموصل إلى 12 قتيلا و20 جريحا.")
        #expect(found.incidents.first?.figures[.killed] == Figure(value: 12))
        #expect(found.incidents.first?.figures[.injured] == Figure(value: 20))
    }

    @Test func aVagueFigureKeepsNoNumberAndGetsACLEDsEstimate() {
        let found = read("أسفر هجوم لمسلحين على حاجز للجيش في درعا عن مقتل العشرات من الجنود.")
        #expect(found.incidents.first?.figures[.killed] == Figure(value: nil, qualifier: "tens", estimate: 10))
    }

    @Test func theKilledAreNotCountedAsArrested() {
        let found = read("أعلن الجيش القضاء على 13 مسلحا واعتقال 86 آخرين في شمال سيناء.")
        let arrest = found.incidents.first { $0.kind == .arrest }
        #expect(arrest?.figures[.captured] == Figure(value: 86))
        #expect(arrest?.count == 86)
    }
}

@Suite("One record per happening")
struct HappeningTests {
    func read(_ text: String, title: String? = nil) -> Findings { FindingsReader.read(text, title: title) }

    @Test func theLeadAndTheBodyTellOneBombing() {
        let found = read(
            """
            قتل 5 أشخاص في انفجار سيارة مفخخة في مدينة إدلب صباح اليوم.
            وقال الدفاع المدني إن الانفجار أسفر أيضا عن إصابة 12 آخرين بجروح.
            """)
        #expect(found.incidents.map(\.kind) == [.explosion])
        #expect(found.incidents.first?.admin1 == "SY07")
        #expect(found.incidents.first?.figures[.killed] == Figure(value: 5))
        #expect(found.incidents.first?.figures[.injured] == Figure(value: 12))
    }

    @Test func twoStrikesWithTwoTollsStayTwo() {
        let found = read(
            """
            قتل 36 شخصا في غارات جوية على منطقة عفرين.
            وجاءت بعد غارات على منطقة عفرين قتل فيها 24 آخرون يوم الخميس.
            """)
        #expect(found.incidents.map(\.kind) == [.airstrike, .airstrike])
        #expect(found.incidents.map { $0.figures[.killed]?.value } == [36, 24])
    }

    @Test func anOperationThatArrestsAndSeizesIsOneIncident() {
        let found = read("داهمت قوات الأمن العراقية منزلا في الموصل واعتقلت 4 مطلوبين وضبطت أسلحة وذخائر.")
        #expect(found.incidents.count == 1)
        #expect(found.incidents.first?.kind == .raid)
        #expect(found.incidents.first?.also == [.arrest, .seizure])
        #expect(found.incidents.first?.figures[.captured] == Figure(value: 4))
    }

    @Test func anArrestMadeInARaidIsAnArrest() {
        let found = read("القبض على 3 عناصر من داعش في ريف الرقة بعملية إنزال جوي.")
        #expect(found.incidents.map(\.kind) == [.arrest])
        #expect(found.incidents.first?.also == [.raid])
    }

    @Test func aFoiledAttackIsNoAttack() {
        let found = read("أحبطت قوات الأمن خلال الأسابيع الماضية هجومين إرهابيين في حمص.")
        #expect(found.incidents.map(\.kind) == [.foiledPlot])
    }
}

/// A trigger word tells an incident only in its security sense (the conditions of
/// `incidents.rules`): sentences from sport, trade, accidents and diplomacy.
@Suite("Security sense")
struct SecuritySenseTests {
    func kinds(_ text: String) -> [Incident.Kind] { FindingsReader.read(text).incidents.map(\.kind) }

    @Test func fansAtAMatchAreARiotNotAClash() {
        #expect(kinds("اشتبكت جماهير الفريق مع الشرطة قبل بداية المباراة في ملعب رادس.").isEmpty)
    }

    @Test func aTradeInspectionIsNoRaid() {
        #expect(kinds("داهمت فرق المراقبة الاقتصادية بالتنسيق مع الأمن مخزنا للسجائر المهربة في صفاقس.").isEmpty)
    }

    @Test func dawnIsNoDetonation() {
        #expect(kinds("وصل وفد الجيش الملكي إلى تونس فجر اليوم استعدادا للمباراة.").isEmpty)
        #expect(kinds("فجر انتحاري حزاما ناسفا قرب حاجز للشرطة في العريش.") == [.explosion])
    }

    @Test func aNegatedOperationIsNone() {
        #expect(kinds("قال السفير إن ما يجري في إدلب ليس عملية عسكرية بل مفاوضات.").isEmpty)
    }

    @Test func anAppealIsNoReport() {
        #expect(kinds("دعت الكتلة البرلمانية إلى تفكيك شبكات تسفير الإرهابيين في تونس.").isEmpty)
    }

    @Test func aPhoneThatExplodesIsNoBomb() {
        #expect(kinds("اكتشاف سبب انفجار هاتف نوت 7 في الأسواق.").isEmpty)
    }
}

extension HappeningTests {
    @Test func aGroupsClaimNamesTheAgentOfTheAttack() {
        let found = read(
            """
            انفجرت سيارة مفخخة قرب مبنى حكومي في مقديشو وقتل 3 أشخاص.
            وأعلنت حركة الشباب مسؤوليتها عن الهجوم.
            """)
        #expect(found.incidents.map(\.kind) == [.explosion])
        #expect(found.incidents.first?.agents == ["AL-SHABAAB"])
    }

    @Test func twoClaimantsNameNoAgent() {
        let found = read(
            """
            انفجرت سيارة مفخخة قرب مبنى حكومي في مقديشو وقتل 3 أشخاص.
            وتبنت حركة الشباب الهجوم، فيما قال مسؤول إن تنظيم داعش تبنى هجوما آخر.
            """)
        #expect(found.incidents.first { $0.kind == .explosion }?.agents == [])
    }
}

extension HappeningTests {
    @Test func anUnplacedIncidentIsInTheGovernorateTheNextSentenceNames() {
        let found = read(
            """
            اعتقلت السلطات السورية اليوم الاثنين أحد المطلوبين.
            وكان المطلوب قد أطلق النار على ضابط في أحد شوارع اللاذقية.
            """)
        #expect(found.incidents.first { $0.kind == .arrest }?.admin1 == "SY06")
    }

    @Test func notWhenThatSentenceTellsAnotherTime() {
        let found = read(
            """
            وألقى التحالف الدولي القبض على العديد من قيادات التنظيم في سوريا.
            وفي 8 ديسمبر 2024، دخل الثوار العاصمة دمشق.
            """)
        #expect(found.incidents.first { $0.kind == .arrest }?.admin1 == nil)
    }
}

extension FigureTests {
    @Test func numbersFromElevenToNineteenInWords() {
        let found = read("قُتل إثنا عشر شخصا على الأقل في هجوم انتحاري استهدف مقر المفوضية في طرابلس.")
        #expect(found.incidents.first?.figures[.killed] == Figure(value: 12, qualifier: "at-least"))
        #expect(read("أصيب ثلاثة عشر جنديا في انفجار عبوة ناسفة بدورية للجيش في درعا.").incidents.first?.figures[.injured] == Figure(value: 13))
    }

    @Test func oneNamedVictimIsOne() {
        let found = read("أفاد مراسل القناة بمقتل القيادي الحوثي غالب خرصان في غارة لطيران التحالف في محافظة الجوف.")
        #expect(found.incidents.first?.kind == .airstrike)
        #expect(found.incidents.first?.figures[.killed] == Figure(value: 1))
    }

    @Test func theKilledLostTheirLivesAfterTheCount() {
        let found = read("وفي جبهة الساحل الغربي لقي أكثر من 60 عنصرا من الميليشيات مصرعهم خلال معارك مع الجيش.")
        #expect(found.incidents.first?.figures[.killed] == Figure(value: 60, qualifier: "more-than"))
    }
}

extension HappeningTests {
    @Test func anAirstrikeRetoldAsTheBombardmentIsOne() {
        let found = read(
            """
            تعرضت محافظة إدلب لقصف جوي من قبل مقاتلات روسية السبت.
            وقال الدفاع المدني إن القصف أسفر عن مقتل 4 أشخاص وإصابة 5 آخرين في إدلب.
            """)
        #expect(found.incidents.map(\.kind) == [.airstrike])
        #expect(found.incidents.first?.figures[.killed] == Figure(value: 4))
        #expect(found.incidents.first?.figures[.injured] == Figure(value: 5))
    }
}

/// Who did it when the text names forces but not their country.
@Suite("Agents from the article's country")
struct ArticleCountryAgentTests {
    @Test func unnamedForcesAreTheArticlesCountrys() {
        let found = FindingsReader.read(
            "تمكنت الوحدات العسكرية في القصرين من إلقاء القبض على عنصرين إرهابيين. وتقع القصرين في تونس قرب الحدود الجزائرية.")
        #expect(found.incidents.first { $0.kind == .arrest }?.agents == ["TN-GOV"])
    }

    @Test func theCoalitionInYemenIsTheSaudiLedOne() {
        let found = FindingsReader.read("قتل قيادي حوثي في غارة لطيران التحالف في محافظة الجوف اليمنية. وتشهد اليمن حربا.")
        #expect(found.actors.contains { $0.id == "ARAB-COALITION" })
        #expect(!found.actors.contains { $0.id == "COALITION" })
    }
}

extension ArticleCountryAgentTests {
    @Test func forcesHitAreTheTargetOfTheirState() {
        let found = FindingsReader.read("قتل خمسة أشخاص بينهم عناصر أمن في هجوم انتحاري على مقر في عدن. وتقع عدن في جنوب اليمن.")
        let attack = found.incidents.first { $0.kind == .explosion || $0.kind == .attack }
        #expect(attack?.target == "YE-GOV")
        #expect(attack?.figures[.killed] == Figure(value: 5))
    }

    @Test func theCoalitionInYemenStrikes() {
        let found = FindingsReader.read("شنت طائرات قوات التحالف غارات جوية على مواقع الحوثيين في الجوف اليمنية. وتقاتل قوات التحالف في اليمن.")
        #expect(found.incidents.first?.agents == ["ARAB-COALITION"])
        #expect(found.incidents.first?.target == "HOUTHIS")
    }
}
