import Testing

@testable import MarsadExtract

/// Places outside Syria from the generated gazetteer, and how a name shared by two places
/// is decided by the article. Sentences written for the rules, not taken from the samples
/// or the development set.
@Suite("Places abroad and namesakes")
struct PlacesAbroadTests {
    func places(_ text: String) -> [(name: String, country: String)] {
        FindingsReader.read(text).places.map { ($0.place.nameAr, $0.place.country) }
    }

    @Test func aTripoliInAStoryOfLibyaIsLibyas() {
        let found = places("وصل الوفد إلى ليبيا أمس، وعقد اجتماعا في طرابلس مع ممثلي الحكومة.")
        #expect(found.contains { $0.name == "طرابلس" && $0.country == "LY" })
        #expect(!found.contains { $0.country == "LB" })
    }

    @Test func aCityAbroadNeedsOnlyALocativeWhenItsCountryIsNamedAsAPlace() {
        // "طبرق" is also used as the name of a parliament: "في طبرق" in a story set in Libya is the city.
        #expect(places("عاد النواب إلى ليبيا، وعقدوا جلستهم في طبرق.").contains { $0.name == "طبرق" })
        #expect(!places("وقالت حكومة طبرق إنها ترفض الاتفاق.").contains { $0.name == "طبرق" })
    }

    @Test func aDivisionsSeatNamedWithTheDivisionWordIsAPlace() {
        #expect(places("انفجرت سيارة مفخخة في بعقوبة، مركز محافظة ديالى.").contains { $0.name == "ديالى" })
    }

    @Test func aWordForAKindOfPlaceNamesNoPlace() {
        // "بمدينة" is no Medina: the unknown town after it is read instead.
        let found = places("انتشرت الوحدات العسكرية بمدينة بئر الزيتون لتعقب المسلحين في تونس.")
        #expect(!found.contains { $0.country == "SA" })
    }

    @Test func campsAndDamsAreNamedAsTheNewsNamesThem() {
        #expect(places("تسيطر القوات على سد الموصل منذ أيام في العراق.").contains { $0.name == "سد الموصل" })
        #expect(places("عاد مئات النازحين إلى مخيم اليرموك جنوب دمشق.").contains { $0.name == "مخيم اليرموك" })
    }

    @Test func aRoundOfTalksNamedAfterACityIsNoPlace() {
        #expect(!places("يتوجه الوفدان إلى مؤتمر جنيف 3 الأسبوع المقبل.").contains { $0.name == "جنيف" })
        #expect(places("وصل الوفد إلى جنيف مساء الأحد.").contains { $0.name == "جنيف" })
    }

    @Test func aNationalityAfterAnUnknownTownSaysItsCountry() {
        #expect(places("انطلق الصاروخ من قاعدة في ولاية نبراسكا الأمريكية فجر اليوم.").contains { $0.name == "نبراسكا" && $0.country == "US" })
    }
}
