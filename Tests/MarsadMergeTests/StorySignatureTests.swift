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
        #expect(a.sharedWords(b) < 0.2)
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
        let rewrite = """
            ألقت الوحدات الأمنية التابعة لوزارة الداخلية السورية القبض على خلية لتنظيم داعش كانت تنشط في ريف دمشق \
            وبحوزتها عبوات ناسفة وأسلحة بحسب بيان للوزارة أشار إلى أن أفراد الخلية خططوا لاستهداف مواقع عسكرية ومدنية \
            وأن التحقيقات مستمرة مع الموقوفين
            """
        let a = try #require(signature(Self.wire))
        let b = try #require(signature(rewrite))
        let keys: Set<String> = ["p:ريف دمشق", "i:arrest@ريف دمشق", "q:5"]
        let first = StoryProfile(signature: a, day: 20_000, keys: keys)
        let near = StoryProfile(signature: b, day: 20_001, keys: keys)
        let late = StoryProfile(signature: b, day: 20_009, keys: keys)
        let link = try #require(StoryRules.link(first, near, StoryThresholds()))
        #expect(link.reason == .rewrite)
        #expect(link.sharedKeys.count == 3)
        #expect(StoryRules.link(first, late, StoryThresholds()) == nil)
        // Without the things both name, shared words alone are not enough.
        #expect(StoryRules.link(first, StoryProfile(signature: b, day: 20_001, keys: []), StoryThresholds()) == nil)
    }

    @Test func dayNumbersRoundTrip() {
        #expect(DayNumber.of("1970-01-01") == 0)
        #expect(DayNumber.of("2024-03-01")! - DayNumber.of("2024-02-28")! == 2)
        #expect(DayNumber.iso(DayNumber.of("2025-12-31")!) == "2025-12-31")
        #expect(DayNumber.of("2025-10") == nil)
    }
}
