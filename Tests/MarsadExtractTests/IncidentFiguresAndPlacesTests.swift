import MarsadModel
import Testing

@testable import MarsadExtract

/// How many and where, beyond the trigger's own words: tolls told again, casualties counted
/// together, one person named, a border, the article's one governorate. Sentences written for
/// the rules (not taken from the samples or the development set).
@Suite("Figures and places of incidents, across the article")
struct IncidentFiguresAndPlacesTests {
    func incidents(_ text: String) -> [Incident] { FindingsReader.read(text).incidents }

    @Test func deadAndWoundedCountedTogetherAreNeitherFigure() throws {
        let attack = try #require(incidents("قتل وجرح نحو 70 قتيل وجريح من قوات النظام في هجوم للفصائل على ريف اللاذقية.").first)
        #expect(attack.figures[.killed] == nil)
    }

    @Test func aLowerBoundIsRefinedByTheTollToldLater() throws {
        let text =
            "قتل 26 عنصرا على الأقل من قوات النظام في هجوم شنه تنظيم داعش في ريف حمص. وقال المرصد إن 35 عنصرا من قوات النظام قتلوا في هجوم التنظيم."
        let attack = try #require(incidents(text).first { $0.kind == .attack })
        #expect(attack.figures[.killed] == Figure(value: 35))
    }

    @Test func onePersonNamedAfterTheArrestIsOne() throws {
        let arrest = try #require(incidents("اعتقلت السلطات العراقية اليوم الأحد، خالد عبد الكريم، أحد قادة الخلية، في البصرة.").first)
        #expect(arrest.figures[.captured] == Figure(value: 1))
        let other = try #require(incidents("اعتقلت الشرطة التركية كمال يلدز، وهو مواطن تركي، في مدينة أضنة.").first)
        #expect(other.figures[.captured] == Figure(value: 1))
    }

    @Test func aCountryAcrossTheBorderIsNotWhereItHappened() throws {
        let attack = try #require(incidents("قتل خمسة جنود في قصف للفصائل على بلدة قريبة من الحدود مع تركيا في ريف اللاذقية.").first)
        #expect(attack.admin1 == "SY06")
    }

    @Test func theOneGovernorateOfTheArticleIsWhereItsUnplacedIncidentsHappened() throws {
        let text = """
            قصفت قوات النظام بلدات في ريف إدلب الجنوبي. وقال ناشطون إن مئات العائلات نزحت من قرى إدلب. \
            وأضافوا أن المدارس أغلقت أبوابها. وشنت طائرات النظام غارات على بلدات عدة في المنطقة.
            """
        let strikes = incidents(text).filter { $0.kind == .airstrike }
        #expect(strikes.map(\.admin1) == ["SY07"])
    }

    @Test func aStatesAllegedHandInAnAttackIsNoAttack() {
        #expect(incidents("وتنفي الحكومة السورية الادعاء بأنها لعبت دورا في الهجوم، الذي خلف 53 قتيلا.").isEmpty)
    }

    @Test func attacksHereAndThereAreATallyNotOneAttack() {
        #expect(incidents("قتل 25 شخصا في هجمات متفرقة نفذها مسلحون في محافظتي كركوك ونينوى.").isEmpty)
    }
}
