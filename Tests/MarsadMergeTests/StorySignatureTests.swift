import MarsadModel
import MarsadText
import Testing

@testable import MarsadMerge

/// MinHash signatures and the story rules, on texts written for them.
@Suite("Stories: signatures and rules")
struct StorySignatureTests {
    static let wire = """
        قالت وزارة الداخلية السورية يوم الاثنين إن وحداتها الأمنية ألقت القبض على خلية تابعة لتنظيم داعش في ريف دمشق \
        بعد عملية رصد ومتابعة استمرت عدة أسابيع وضبطت بحوزة أفرادها أسلحة خفيفة ومتوسطة وعبوات ناسفة معدة للتفجير \
        وأضافت الوزارة في بيان أن الخلية كانت تخطط لاستهداف مواقع عسكرية ومدنية في المنطقة وأن التحقيقات مستمرة \
        لكشف بقية المتورطين وإحالتهم إلى القضاء المختص
        """

    func signature(_ text: String) -> StorySignature? { StorySignature(searchForm: Normalization.search(text)) }

    @Test func theSameTextIsOneStory() throws {
        let a = try #require(signature(Self.wire))
        #expect(a.nearDuplicate(a) == 1)
        #expect(a.bandKeys.count == StorySignature.bands)
    }

    @Test func aLightlyEditedCopyIsANearDuplicate() throws {
        let edited =
            Self.wire
            .replacingOccurrences(of: "يوم الاثنين", with: "الاثنين")
            .replacingOccurrences(of: "أسلحة خفيفة ومتوسطة", with: "أسلحة متنوعة")
            + " وكانت السلطات قد أعلنت الشهر الماضي عن تفكيك خلايا مماثلة"
        let a = try #require(signature(Self.wire))
        let b = try #require(signature(edited))
        #expect(a.nearDuplicate(b) >= 0.5)
        // LSH finds it: at least one band is shared.
        #expect(!Set(a.bandKeys).isDisjoint(with: b.bandKeys))
    }

    @Test func anotherStoryOfTheSameKindIsNot() throws {
        let other = """
            أعلنت قيادة شرطة محافظة البصرة اليوم ضبط شحنة من المواد المخدرة في ميناء أم قصر الشمالي واعتقال ثلاثة \
            متهمين بتهريبها عبر الحدود البحرية وقالت القيادة إن المضبوطات أحيلت إلى الجهات المختصة لاستكمال الإجراءات \
            القانونية بحق المتهمين الذين اعترفوا بالعمل لصالح شبكة دولية
            """
        let a = try #require(signature(Self.wire))
        let b = try #require(signature(other))
        #expect(a.nearDuplicate(b) < 0.1)
        #expect(a.leadSimilarity(b) < 0.1)
    }

    @Test func aSignatureSurvivesItsBytes() throws {
        let a = try #require(signature(Self.wire))
        #expect(StorySignature(bytes: a.bytes) == a)
        #expect(StorySignature(bytes: [1, 2, 3]) == nil)
    }

    @Test func aShortTextHasNoSignature() {
        #expect(signature("انفجار في دمشق") == nil)
    }

    @Test func aRewriteIsOneStoryOnlyWithinTheWindow() throws {
        // The same news in other words: the lead's rare words (the ministry, the cell, the
        // countryside of Damascus, the explosives) are shared; the background is not.
        let rewrite = """
            ألقت الوحدات الأمنية التابعة لوزارة الداخلية السورية القبض على خلية لتنظيم داعش كانت تنشط في ريف دمشق \
            وبحوزتها عبوات ناسفة وأسلحة بحسب بيان للوزارة أشار إلى أن أفراد الخلية خططوا لاستهداف مواقع عسكرية ومدنية \
            وتشهد المنطقة منذ أشهر حملات أمنية متكررة تقول الحكومة إنها تهدف إلى ملاحقة فلول التنظيم في البادية
            """
        let a = try #require(signature(Self.wire))
        let b = try #require(signature(rewrite))
        #expect(a.nearDuplicate(b) < 0.5)
        let first = StoryProfile(signature: a, day: 20_000)
        let link = try #require(StoryRules.link(first, StoryProfile(signature: b, day: 20_001), StoryThresholds()))
        #expect(link.reason == .rewrite)
        #expect(link.lead >= StoryThresholds().rewrite)
        #expect(StoryRules.link(first, StoryProfile(signature: b, day: 20_009), StoryThresholds()) == nil)
    }

    @Test func rareWordsWeighMoreThanCommonOnes() {
        let common = LeadWords.of(searchForm: "قتل الجيش اليوم")
        let rare = LeadWords.of(searchForm: "سورابايا كنائس")
        #expect(common.allSatisfy { WordWeights.weight($0) < rare.map(WordWeights.weight).min()! })
        // Stemmed as search stems: "والرقه" and "الرقه" are one lead word.
        #expect(LeadWords.of(searchForm: "والرقه") == LeadWords.of(searchForm: "الرقه"))
    }

    @Test func dayNumbersRoundTrip() {
        #expect(DayNumber.of("1970-01-01") == 0)
        #expect(DayNumber.of("2024-03-01")! - DayNumber.of("2024-02-28")! == 2)
        #expect(DayNumber.iso(DayNumber.of("2025-12-31")!) == "2025-12-31")
        #expect(DayNumber.of("2025-10") == nil)
    }
}
