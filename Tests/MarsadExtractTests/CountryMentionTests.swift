import Testing

@testable import MarsadExtract

/// A country is a place of the article where the text names it as one ("في لبنان",
/// "بالعراق", "الحدود مع الأردن"), not where it names the state ("كل من روسيا وتركيا",
/// "تدعم إيران", "المدعومة من الإمارات"). Sentences written for the rules, not taken from the
/// samples or the development set.
@Suite("Countries named as places or as states")
struct CountryMentionTests {
    func countries(_ text: String) -> Set<String> { Set(FindingsReader.read(text).places.map(\.place.country)) }

    @Test func aCountryNamedAsAPlaceIsOne() {
        #expect(countries("وصل وفد حكومي إلى لبنان صباح الخميس.") == ["LB"])
        #expect(countries("تعيش آلاف العائلات النازحة بالعراق في ظروف صعبة.") == ["IQ"])
        #expect(countries("أغلقت السلطات المعابر على الحدود مع الأردن.").contains("JO"))
        #expect(countries("تقع القاعدة عند المثلث الحدودي بين العراق والأردن والسعودية.") == ["IQ", "JO", "SA"])
    }

    @Test func aCountryNamedAsAStateIsNoPlace() {
        #expect(countries("دعا الوزير كل من روسيا وتركيا وإيران إلى ضبط النفس.").isEmpty)
        #expect(countries("وتدعم إيران جماعات مسلحة في المنطقة منذ سنوات.").isEmpty)
        #expect(countries("تقاتل القوات المدعومة من الإمارات منذ أشهر.").isEmpty)
    }

    @Test func aCountryNamedBothWaysIsAPlaceOnce() {
        let text = "وتدعم تركيا فصائل المعارضة. وقالت مصادر إن قافلة عسكرية دخلت إلى تركيا مساء أمس."
        #expect(countries(text) == ["TR"])
    }
}
