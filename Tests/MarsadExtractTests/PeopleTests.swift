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

    @Test func aNameSetOffByCommasBesideItsRole() {
        // Name, comma, role: an unknown name is still a name.
        #expect(people("قتل زوران بيتروفيتش، مدير الميناء، في انفجار سيارته.").contains("زوران بيتروفيتش"))
        #expect(people("وكشف لارس هولمبرغ، الباحث في معهد الدراسات، أن الهجوم منسق.").contains("لارس هولمبرغ"))
        // Role, comma, name, comma: "علي" before a family name is the name Ali.
        #expect(people("وقال قائممقام قضاء العمارة، علي الكناني، إن الطريق مغلق.").contains("علي الكناني"))
        // A name never runs on past a comma: two people, not one.
        let two = people("المرشح عن القائمة التي يقودها كريم الموسوي، سالم الجابري، نجا من الهجوم.")
        #expect(two.contains("سالم الجابري") && !two.contains { $0.contains("الموسوي سالم") })
        // No role beside it: words between commas are no name.
        #expect(people("وصلت القافلة، محملة بالمساعدات، إلى البلدة المحاصرة.").isEmpty)
    }

    @Test func aPersonIntroducedByBirthYearOrByWhatTheyAreCalled() {
        let listed = people("وأوقفت الوحدات ثلاثة عناصر هم كريم الزواري (من مواليد 1990) ووليد الحناشي (من مواليد 1993).")
        #expect(listed.contains("كريم الزواري") && listed.contains("وليد الحناشي"))
        #expect(people("وقتل في الغارة قيادي في الجماعة يدعى حسن المرعي مع مرافقيه.").contains("حسن المرعي"))
    }

    @Test func aPublicFigureNamedBareAsWritten() {
        #expect(people("دعا بان كي مون إلى وقف القتال.") == ["بان كي مون"])
        #expect(people("وصل نيجرفان بارزاني إلى بغداد.") == ["نيجرفان بارزاني"])
    }

    @Test func aRankBeforeAQuotedName() {
        #expect(people("واستشهد رقيب الأمن أول \"منير بن صالح\" في الاشتباك.").contains("منير بن صالح"))
    }

    @Test func aTitleAfterANameAndACommaIsThatNamesRole() {
        let found = people("ونقلت الوكالة عن سمير داود، مدير مكتب إعلام الهيئة، قوله إن الموظفين بخير.")
        #expect(found.contains("سمير داود") && !found.contains { $0.contains("إعلام") })
    }

    @Test func aNisbaAdjectiveIsNoFamilyNameAndALongNasabIsWhole() {
        #expect(!people("بعد عملية سليمان الإرهابية تغيرت الخطط الأمنية.").contains { $0.hasPrefix("سليمان") })
        #expect(people("وأصيب العريف أول \"منصف بن عمار بن علي\" في الهجوم.").contains("منصف بن عمار بن علي"))
        #expect(people("ودعا الطرفان إلى حل سلمي جدي للأزمة.").isEmpty)
    }

    @Test func aNameGluedToTheWordBeforeAcrossACommaStartsAfterIt() {
        #expect(people("وأعلنت الوزارة يوم الاثنين،سليم المرزوقي الناطق باسمها في ندوة.").contains("سليم المرزوقي"))
    }
}
