import Testing

@testable import MarsadText

/// Boilerplate of other sites than the samples': promotions, credits, prompts, disclaimers
/// and related-stories lists, and the content lines that look like them and stay. Lines
/// written for the rules (not taken from the samples or the development set).
@Suite("Boilerplate by its shape")
struct BoilerplateShapesTests {
    let paragraph = "وقال المتحدث باسم الشرطة إن التحقيقات ما زالت جارية لمعرفة ملابسات الحادث الذي وقع صباح اليوم في وسط المدينة."

    func removed(_ text: String) -> [(line: String, rule: String)] { Cleaning.clean(text).removed }

    @Test func aPromotionThatSpeaksToTheReaderGoesNewsAboutAnAppStays() {
        let promotion = "يمكنكم متابعة آخر الأخبار بعد تحميل تطبيقنا على هاتفكم المحمول."
        #expect(removed("عنوان\n\(paragraph)\n\(promotion)").map(\.rule) == ["app-promotion"])
        let news = "أطلقت الشركة تطبيقا جديدا للهواتف الذكية يساعد المستخدمين على تذكر مكان سياراتهم."
        #expect(removed("عنوان\n\(paragraph)\n\(news)").isEmpty)
    }

    @Test func aClosingCreditOfWireAgenciesGoes() {
        #expect(removed("عنوان\n\(paragraph)\nالمنار/ أ ف ب / رويترز").map(\.rule) == ["wire-credit"])
    }

    @Test func aVideoPromptAndAnOpinionDisclaimerGo() {
        let rules = removed("عنوان\n\(paragraph)\nشاهد لحظة الانفجار في الفيديو التالي:\n** جميع المقالات المنشورة تعبر عن رأي كتابها.")
            .map(\.rule)
        #expect(rules == ["video-prompt", "opinion-disclaimer"])
    }

    @Test func headlinesOfOtherStoriesAfterAParagraphGo() {
        let text = "عنوان\n\(paragraph)\nما الذي يجري في شمال سوريا؟\nالأمم المتحدة تحذر من كارثة إنسانية في المنطقة\n\(paragraph)"
        #expect(removed(text).map(\.rule) == ["related-stories", "related-stories"])
    }

    @Test func aListTheBodyMakesStays() {
        let items = "ملعب المدينة الأولمبي : 2500 متفرج\nملعب الشهداء بالعاصمة : 1400 متفرج\n- أحمد بن علي\n- محمد الحبيب"
        #expect(removed("عنوان\n\(paragraph)\n\(items)").isEmpty)
        let introduced = "وتضمنت القائمة الأسماء التالية التي أعلنتها اللجنة المنظمة للبطولة يوم أمس في المؤتمر الصحفي:"
        #expect(removed("عنوان\n\(introduced)\nالمنتخب الوطني لكرة القدم للشباب\nالمنتخب الوطني لكرة اليد للسيدات").isEmpty)
    }

    @Test func decisionsInParallelAndACarriedOnQuestionStay() {
        let decisions = "قررت الهيئة تأجيل النظر في ملف الانتخابات إلى الأسبوع المقبل\nقررت الهيئة إحالة الملف المالي على لجنة التدقيق المستقلة"
        #expect(removed("عنوان\n\(paragraph)\n\(decisions)\n\(paragraph)").isEmpty)
        let question = "وكان السؤال المطروح في الاجتماع: من سيتحمل كلفة إعادة بناء الجسر المنهار؟"
        #expect(removed("عنوان\n\(paragraph)\n\(question)\n\(paragraph)").isEmpty)
        let fixtures = "برنامج مباريات الجولة الخامسة عشرة اليوم : الساعة الثالثة بعد الظهر\nالنادي الأهلي * نادي الشباب : أحمد سالم"
        #expect(removed("عنوان\n\(paragraph)\n\(fixtures)\n\(paragraph)").isEmpty)
    }

    @Test func oneShortLineAloneIsASubheadingAndStays() {
        #expect(removed("عنوان\n\(paragraph)\nتفاصيل العملية الأمنية في المدينة\n\(paragraph)").isEmpty)
    }

    @Test func oneHeadlineOfAnotherStoryBetweenParagraphsGoes() {
        let text = "عنوان\n\(paragraph)\nتسلسل زمني لأبرز الاغتيالات التي شهدتها العاصمة خلال الأعوام الأخيرة\n\(paragraph)"
        #expect(removed(text).map(\.rule) == ["related-stories"])
        // Not at the end of the text: a closing line of that length may be the body's own.
        #expect(removed("عنوان\n\(paragraph)\nتسلسل زمني لأبرز الاغتيالات التي شهدتها العاصمة خلال الأعوام الأخيرة").isEmpty)
    }

    @Test func aHeadlineWithAColonAndAFigureGoesAnItemWithItsFigureStays() {
        let text = "عنوان\n\(paragraph)\nاليمن: ارتفاع عدد ضحايا الهجوم على السوق إلى 42\nما الذي تريده الأطراف من مفاوضات جنيف؟\n\(paragraph)"
        #expect(removed(text).map(\.rule) == ["related-stories", "related-stories"])
    }

    // An article of four paragraphs on a flood, for the blocks of other stories after it.
    let flood = [
        "غمرت مياه الفيضانات أحياء واسعة من مدينة الساحل الجنوبية بعد أمطار غزيرة استمرت يومين متتاليين.",
        "وقال مسؤولون في الدفاع المدني إن فرق الإنقاذ أجلت مئات العائلات من المنازل المتضررة قرب النهر.",
        "وأضاف المسؤولون أن منسوب المياه بدأ يتراجع صباح اليوم، لكن التحذيرات ما زالت قائمة.",
        "ويتوقع خبراء الأرصاد هطول مزيد من الأمطار خلال الأسبوع المقبل على المناطق الساحلية.",
    ].joined(separator: "\n")

    @Test func leadsOfOtherStoriesAfterTheBodyGo() {
        let leads = [
            "أعلن وزير الطاقة الكويتي، خالد الفارس، الإثنين، عن خطة جديدة لتطوير حقول النفط الشمالية خلال السنوات الخمس المقبلة.",
            "قال رئيس الاتحاد الآسيوي لكرة القدم، سلمان بن إبراهيم، إن البطولة القارية المقبلة ستقام بمشاركة أربعة وعشرين منتخبا.",
            "أبرمت شركة الطيران الوطنية، الخميس، اتفاقية لشراء عشرين طائرة حديثة من طراز جديد بقيمة تتجاوز ملياري دولار.",
        ]
        let text = "فيضانات تغمر مدينة الساحل\n\(flood)\n" + leads.joined(separator: "\n")
        #expect(removed(text).map(\.rule) == Array(repeating: "other-stories-leads", count: 3))
        #expect(!Cleaning.clean(text).text.contains("الاتحاد الآسيوي"))
    }

    @Test func closingParagraphsThatCarryTheStoryOnStay() {
        // No connective, but the flood and its city again: the article's own thread.
        let closing = [
            "أكد محافظ مدينة الساحل، سامي الحداد، أن الفيضانات ألحقت أضرارا بالمنازل والطرق والجسور في الأحياء الجنوبية.",
            "شهدت مدينة الساحل، قبل عامين، فيضانات مماثلة بعد أمطار غزيرة أجبرت مئات العائلات على مغادرة منازلها.",
            "طالب سكان الأحياء المتضررة، في بيان، بتعويضات عاجلة عن المنازل التي غمرتها مياه الفيضانات والأمطار.",
        ]
        #expect(removed("فيضانات تغمر مدينة الساحل\n\(flood)\n" + closing.joined(separator: "\n")).isEmpty)
        // Other subjects, but told as the body goes on ("أما", "كما") or introducing no one.
        let unrelated = [
            "أما قطاع الزراعة فقد سجل تراجعا في صادرات الحمضيات هذا الموسم بسبب ضعف الطلب الخارجي.",
            "ارتفعت أسعار الخضر والغلال في الأسواق المحلية خلال الشهر الجاري بنسبة تقارب العشرة بالمائة.",
            "تستعد المدارس الابتدائية لاستقبال التلاميذ مع بداية العام الدراسي الجديد بعد عطلة الصيف الطويلة.",
        ]
        #expect(removed("فيضانات تغمر مدينة الساحل\n\(flood)\n" + unrelated.joined(separator: "\n")).isEmpty)
    }

    @Test func learnableLinesAreTheShortLinesButTheHeadlineEachOnceUnderAFoldedKey() {
        let text =
            "عنوان الخبر\nتابعونا على قناتنا في تلغرام\n\(paragraph)\nالمجموعة الأولى\nتابعونا  على قناتنا في تلغرام\n"
            + String(repeating: "كلمة ", count: 30)
        let lines = Cleaning.learnableLines(cleanText: text, title: "عنوان الخبر")
        // The paragraph (19 words) is learnable, the headline, a label of two words and a
        // 30-word line are not;
        // a copy differing only in spacing is the same line.
        #expect(lines.map(\.line) == ["تابعونا على قناتنا في تلغرام", paragraph])
        #expect(Cleaning.lineKey(searchForm: Substring(Normalization.search("تابعونا عَلى قناتنا في تلغرام"))) == lines[0].key)
    }

    @Test func aLearnedLineGoesWithItsRuleAndNothingElseDoes() {
        let key = Cleaning.lineKey(searchForm: Substring(Normalization.search("تابعونا على قناتنا في تلغرام")))
        let cleaned = Cleaning.clean("عنوان\n\(paragraph)\nتابعونا على قناتنا في تلغرام", learned: [key])
        #expect(cleaned.removed.map(\.rule) == [Cleaning.repeatedLineRule])
        #expect(cleaned.text.contains("وقال المتحدث"))
    }
}
