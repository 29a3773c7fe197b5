import Testing

@testable import MarsadExtract

/// People by the shape of names and their contexts. Sentences written for the rules (not
/// taken from the samples or the development set).
@Suite("People named in the news")
struct PeopleTests {
    func people(_ text: String) -> [String] { FindingsReader.read(text).people.map(\.name) }

    @Test func aFrequentFirstNameAndTheNameWordsAfterIt() {
        #expect(people("اعتقلت الشرطة يوسف كاراكوش في مدينة أضنة.") == ["يوسف كاراكوش"])
        #expect(people("وصل رامي عبد الرحمن إلى المدينة صباح اليوم.") == ["رامي عبد الرحمن"])
        #expect(people("التقى الوزير مولود تشاووش أوغلو نظيره الروسي.").contains("مولود تشاووش أوغلو"))
    }

    @Test func aFirstNameThatIsAlsoAWordNeedsAFamilyNameWithTheArticle() {
        #expect(people("أكد صالح الجبوري أن الوضع مستقر.").contains("صالح الجبوري"))
        #expect(people("هذا الجهاز صالح للاستعمال في المنازل.").isEmpty)
        #expect(people("وما يزيد التنظيم قوة هو تمويله.").isEmpty)
    }

    @Test func theRoleAfterTheNameEndsIt() {
        #expect(people("وقال أحمد الخطيب المتحدث باسم الشرطة إن التحقيق مستمر.").contains("أحمد الخطيب"))
    }

    @Test func aNameQuotedWithItsRoleInApposition() {
        #expect(people("قال نزار كلداني، وزير الخارجية، إن المحادثات ستستأنف.").contains("نزار كلداني"))
    }

    @Test func aNounInTaMarbutaOrAPluralIsNoFirstName() {
        #expect(people("قال رئيس المجلس البلدي لقرية البوعيثة إن الأهالي نزحوا.").isEmpty)
        #expect(people("وقالت حكومات غربية إن المركز ينتج أسلحة كيماوية.").isEmpty)
        #expect(people("قالت فاطمة الزهراوي إن الوضع هادئ.") == ["فاطمة الزهراوي"])
    }
}
