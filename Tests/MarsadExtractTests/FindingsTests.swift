import MarsadModel
import MarsadText
import Testing

@testable import MarsadExtract

/// The rules on sentences written for them (not taken from the samples): other outlets,
/// other countries, other spellings.
@Suite("Places, actors, people and numbers, by rule")
struct FindingsTests {
    func places(_ text: String) -> [String] { FindingsReader.read(text).places.map { $0.place.nameAr } }
    func actors(_ text: String) -> [String] { FindingsReader.read(text).actors.map(\.id) }

    @Test func spellingsCliticsAndJoinedWordsFindTheSamePlace() {
        #expect(places("قصف على ريف حماه الشمالي") == ["حماة"])
        #expect(places("اشتباكات في ديرالزور وادلب") == ["دير الزور", "إدلب"])
        #expect(places("وصلت التعزيزات بالرقة") == ["الرقة"])
        #expect(places("انفجار في مدينة الموصل شمالي العراق") == ["الموصل", "العراق"])
    }

    @Test func relativeFormsKeepTheirQualifier() {
        let found = FindingsReader.read("هجوم في ريف دير الزور الشرقي وشمال الرقة").places
        #expect(found.map(\.place.admin1) == ["SY09", "SY11"])
        #expect(found.map(\.qualifier) == ["eastern countryside", "north of"])
    }

    @Test func aTownThatIsAlsoAWordNeedsAPlaceWordOrANeighbour() {
        #expect(places("قرر الوزير فتح الباب أمام الحوار").isEmpty)  // الباب: "the door"
        #expect(places("سيطرت القوات على مدينة الباب في ريف حلب") == ["الباب", "حلب"])
        // ... and its country in the article: "بمنطقة المنصورة" in a Tunisian story is not the Syrian town.
        // (القيروان is Tunisia's division TN-41.)
        #expect(places("أقدم تلميذ على إضرام النار في جسده بمنطقة المنصورة في ولاية القيروان بتونس") == ["القيروان", "تونس"])
        #expect(places("إن الحرب تدمر الاقتصاد").isEmpty)  // تدمر: "destroys"
        #expect(places("غارات على حمص وتدمر") == ["حمص", "تدمر"])
        #expect(places("نتائج حديثة في العراق") == ["العراق"])  // حديثة: "recent", not Haditha
    }

    @Test func aCapitalActingIsItsGovernmentNotAPlace() {
        #expect(places("تعهدت واشنطن بدعم الحكومة").isEmpty)
        #expect(actors("تعهدت واشنطن بدعم الحكومة").contains("US-GOV"))
        #expect(places("وصل الوفد إلى واشنطن أمس") == ["واشنطن"])
        #expect(actors("قالت أنقرة إنها لن تسمح بذلك") == ["TR-GOV"])
        #expect(places("انفجار في العاصمة بغداد") == ["بغداد"])
        #expect(places("يعمل في معهد واشنطن").isEmpty)
    }

    @Test func aCountryActingIsItsGovernment() {
        #expect(actors("الأردن شارك في الضربات") == ["JO-GOV"])
        #expect(places("الأردن شارك في الضربات").isEmpty)
        #expect(actors("اجتماع برئاسة مشتركة من فرنسا وألمانيا") == ["FR-GOV", "DE-GOV"])
        #expect(places("عاد اللاجئون إلى لبنان") == ["لبنان"])
    }

    @Test func institutionsWithANationalityAreThatGovernment() {
        #expect(actors("أعلن الجيش العراقي مقتل عنصرين") == ["IQ-GOV"])
        #expect(actors("قالت وزارة الدفاع التركية") == ["TR-GOV"])
        #expect(actors("نقلت مصادر أمنية لبنانية") == ["LB-GOV"])
        #expect(actors("بحسب الشعب السوري").isEmpty)
    }

    @Test func theOrganizationIsTheLastGroupCalledSo() {
        #expect(actors("هاجم تنظيم القاعدة موقعا. وتبنى التنظيم الهجوم") == ["AQ", "AQ"])
        #expect(actors("قالت قسد إن التنظيم هاجم حاجزا") == ["SDF"])  // "التنظيم" with no group named: nobody
    }

    @Test func historyIsNotAnActorOfTheNews() {
        #expect(actors("بعد سقوط نظام الأسد عاد الآلاف").isEmpty)
        #expect(actors("هاجمت قوات النظام السوري البلدة") == ["ASSAD-REGIME"])
    }

    @Test func peopleAreNamedByTitleByQuoteOrByFame() {
        let people = FindingsReader.read(
            "وقال العقيد الركن سامر الحسن إن الوضع مستقر. وأكد وزير الخارجية العراقي فؤاد حسين أن بغداد تدعم الحل. وقال جون سميث الذي يعمل في المعهد إن ذلك مهم. والتقى رجب طيب أردوغان بالوفد"
        ).people
        #expect(Set(people.map(\.name)) == ["رجب طيب أردوغان", "سامر الحسن", "فؤاد حسين", "جون سميث"])
        #expect(people.first { $0.name == "فؤاد حسين" }?.role == "وزير الخارجية العراقي")
    }

    @Test func citedMediaAreNotActors() {
        let findings = FindingsReader.read("ونقلت وكالة رويترز عن مسؤول أن صحيفة واشنطن بوست نشرت التقرير")
        #expect(findings.media == ["رويترز", "واشنطن بوست"])
        #expect(findings.places.isEmpty)
        #expect(findings.actors.isEmpty)
    }

    @Test(
        arguments: [
            ("قتل أكثر من 30 شخصا", 30, "more-than"), ("اعتقال ما لا يقل عن ١٢ مطلوبا", 12, "at-least"),
            ("يضم نحو ألفي مقاتل", 2000, "about"), ("احتجاز 8 آلاف معتقل", 8000, nil), ("قتل عنصرين", 2, nil),
            ("تفكيك خليتين", 2, nil), ("سقوط خمسة قتلى", 5, nil), ("إصابة ثلاثة وعشرين مدنيا", 23, nil),
            ("حوالي مئتي عائلة", 200, "about"), ("قتل 3 ملايين", nil, nil),
        ] as [(String, Int?, String?)])
    func countsWithTheirQualifiers(text: String, value: Int?, qualifier: String?) {
        let found = FindingsReader.read(text).quantities
        if let value {
            #expect(found.map(\.value) == [value], "\(text): \(found)")
            #expect(found.first?.qualifier == qualifier)
        }
    }

    @Test func yearsDurationsAndVagueCountsAreNotNumbersOfAnything() {
        #expect(FindingsReader.read("في عام 2019 تغير الوضع خلال يومين أو الثلاثة الماضية ويوم الاثنين المقبل").quantities.isEmpty)
        let vague = FindingsReader.read("اعتقال العشرات من عناصر التنظيم").quantities
        #expect(vague.map(\.value) == [nil])
        #expect(vague.map(\.qualifier) == ["vague"])
    }
}

@Suite("Incidents, by rule")
struct IncidentTests {
    func incidents(_ text: String, published: String? = nil) -> [Incident] {
        FindingsReader.read(text, published: published.map { FoundDate(value: $0, precision: .day) }).incidents
    }

    @Test func anArrestHasItsAgentTargetPlaceAndCount() {
        let found = incidents("أعلنت قوات سوريا الديمقراطية اعتقال خمسة عناصر من تنظيم داعش في ريف الحسكة الجنوبي.")
        #expect(found.count == 1)
        #expect(found.first?.kind == .arrest)
        #expect(found.first?.agents == ["SDF"])
        #expect(found.first?.target == "ISIS")
        #expect(found.first?.admin1 == "SY08")
        #expect(found.first?.count == 5)
        #expect(found.first?.evidenceStart == 0)
    }

    @Test func aStrikeOnSeveralGovernoratesIsOneIncidentEach() {
        let found = incidents("شن التحالف الدولي غارات جوية على مواقع داعش في دير الزور والرقة وحمص.")
        #expect(found.map(\.admin1) == ["SY09", "SY11", "SY04"])
        #expect(Set(found.map(\.kind)) == [.airstrike])
    }

    @Test func forecastsAndAnalysisAreNotIncidents() {
        #expect(incidents("ويتوقع مراقبون أن يزيد التنظيم من هجماته في دير الزور.").isEmpty)
        #expect(incidents("ويرى خبراء أن الهجمات في البادية ستتصاعد.").isEmpty)
    }

    @Test func relativeDatesResolveAgainstThePublicationDate() {
        let text = "قتل ثلاثة جنود في هجوم على حاجز في درعا قبل يومين."
        #expect(incidents(text, published: "2025-10-26").first?.date == "2025-10-24")
        #expect(incidents(text).first?.date == nil)
        #expect(incidents(text).first?.relativeDate == "قبل يومين")
        // "الخميس" before a Sunday publication: three days back.
        #expect(incidents("انفجرت عبوة ناسفة في إدلب الخميس.", published: "2025-10-26").first?.date == "2025-10-23")
    }

    @Test func dismantlingNeedsACellAndSeizingNeedsSomethingSeized() {
        #expect(incidents("تعمل الحكومة على تفكيك البيروقراطية في دمشق.").isEmpty)
        #expect(incidents("تمكنت الشرطة العراقية من تفكيك خلية إرهابية في الموصل.").map(\.kind) == [.arrest])
        #expect(incidents("تعمل الإدارة على ضبط الأوضاع في حماة.").isEmpty)
    }

    @Test func anAttemptedBombingIsAFoiledPlotNotAnExplosion() {
        #expect(incidents("أحبطت قوى الأمن الداخلي اللبنانية محاولة تفجير في طرابلس.").map(\.kind) == [.foiledPlot])
    }
}

/// Sentences in the style of other countries' news (Iraq, Lebanon, Turkey, the Gulf): the
/// rules are the language's, not the samples'.
@Suite("Beyond Syria")
struct BeyondSyriaTests {
    func read(_ text: String) -> Findings { FindingsReader.read(text) }

    @Test func anIraqiArrest() {
        let found = read("اعتقلت القوات الأمنية العراقية ثلاثة إرهابيين من داعش في قضاء الحويجة بمحافظة كركوك.")
        #expect(found.incidents.map(\.kind) == [.arrest])
        #expect(found.incidents.first?.agents == ["IQ-GOV"])
        #expect(found.incidents.first?.target == "ISIS")
        #expect(found.incidents.first?.country == "IQ")
        #expect(found.incidents.first?.count == 3)
        #expect(Set(found.places.map(\.place.nameAr)) == ["الحويجة", "كركوك"])
    }

    @Test func aTurkishAirstrikeInIraq() {
        let found = read("قصفت طائرات تركية مواقع لحزب العمال الكردستاني في جبل سنجار شمال العراق.")
        #expect(found.incidents.map(\.kind) == [.airstrike])
        #expect(found.incidents.first?.agents == ["TR-GOV"])
        #expect(found.incidents.first?.target == "PKK")
        #expect(found.incidents.first?.country == "IQ")
    }

    @Test func aLebaneseArmyRaid() {
        let found = read("داهم الجيش اللبناني مخيما في بلدة عرسال وأوقف خمسة مطلوبين.")
        // One operation, one incident: the raid, which also arrested five.
        #expect(found.incidents.map(\.kind) == [.raid])
        #expect(found.incidents.first?.also == [.arrest])
        #expect(found.incidents.allSatisfy { $0.agents == ["LB-GOV"] && $0.country == "LB" })
        #expect(found.incidents.first?.figures[.captured] == Figure(value: 5))
    }

    @Test func aSaudiStatementFoilingAPlot() {
        let found = read("أعلنت رئاسة أمن الدولة السعودية إحباط مخطط إرهابي في الرياض والقبض على أربعة أشخاص.")
        #expect(Set(found.incidents.map(\.kind)) == [.foiledPlot, .arrest])
        #expect(found.actors.map(\.id).contains("SA-GOV"))
        #expect(found.places.map(\.place.nameAr) == ["الرياض"])
        #expect(found.incidents.first { $0.kind == .arrest }?.count == 4)
    }
}

extension BeyondSyriaTests {
    @Test func aCarBombWithItsDeadCountedBeforeTheTrigger() {
        let found = read("قتل 5 أشخاص وأصيب 10 آخرون في انفجار سيارة مفخخة في مدينة أعزاز بريف حلب الشمالي.")
        #expect(found.incidents.map(\.kind) == [.explosion])
        #expect(found.incidents.first?.admin1 == "SY02")
        #expect(found.incidents.first?.figures[.killed] == Figure(value: 5))
        #expect(found.incidents.first?.figures[.injured] == Figure(value: 10))
        #expect(found.places.first?.place.nameAr == "أعزاز")
    }
}

extension BeyondSyriaTests {
    @Test func theCapitalUnnamedIsTheArticlesCountrys() {
        let found = read("أعلنت وزارة الداخلية العراقية اعتقال إرهابي في العاصمة. وتقع نينوى والأنبار في العراق.")
        #expect(found.incidents.first?.kind == .arrest)
        #expect(found.incidents.first?.places.map(\.nameAr) == ["بغداد"])
        #expect(found.incidents.first?.country == "IQ")
    }

    @Test func gulfAndYemeniCities() {
        #expect(Set(read("اعتراض طائرة مسيرة أطلقها الحوثيون من صنعاء باتجاه جدة").places.map(\.place.nameAr)) == ["صنعاء", "جدة"])
        #expect(read("اعتراض طائرة مسيرة أطلقها الحوثيون من صنعاء باتجاه جدة").actors.map(\.id) == ["HOUTHIS"])
    }
}

extension BeyondSyriaTests {
    @Test func aDatelineCityIsAPlaceNotAGovernment() {
        let found = read("بغداد - أعلنت خلية الإعلام الأمني مقتل ثلاثة من عناصر تنظيم داعش بضربة جوية نفذتها طائرات F-16 العراقية جنوب كركوك.")
        #expect(found.places.first?.place.nameAr == "بغداد")
        #expect(!found.actors.contains { $0.form == "بغداد" })
        // "F-16" names an aircraft; "ثلاثة من عناصر" counts.
        #expect(found.quantities.map(\.value) == [3])
        #expect(found.incidents.first?.kind == .airstrike)
        #expect(found.incidents.first?.figures[.killed] == Figure(value: 3))
        #expect(found.incidents.first?.agents == ["IQ-GOV"])
    }

    @Test func aStateExecutionHasTheStateAsAgent() {
        let found = read("الرياض - نفذت وزارة الداخلية السعودية حكم القتل بحق مواطنين اثنين أدينا بالإرهاب في القطيف.")
        #expect(found.incidents.map(\.kind) == [.execution])
        #expect(found.incidents.first?.agents == ["SA-GOV"])
    }
}

/// Styles of Syrian outlets other than the samples' (a monitor, state news, local media).
@Suite("Other Syrian outlets")
struct OtherOutletTests {
    func read(_ text: String) -> Findings { FindingsReader.read(text) }

    @Test func aRoadBetweenTwoCitiesIsOnePlaceAndADualCounts() {
        let found = read(
            "قتل عنصران من قوات النظام جراء استهداف عربتهم بعبوة ناسفة على طريق دير الزور – تدمر، وفق ما أفاد المرصد السوري لحقوق الإنسان.")
        #expect(found.incidents.map(\.kind) == [.explosion])
        #expect(found.incidents.first?.admin1 == "SY09")
        #expect(found.incidents.first?.figures[.killed] == Figure(value: 2))
        #expect(found.media == ["المرصد السوري لحقوق الإنسان"])
    }

    @Test func aNeighbourhoodIsInTheCityTheTextPutsItIn() {
        let found = read("استشهد مدنيان وأصيب 3 آخرون جراء اعتداء إرهابي بقذيفة صاروخية على حي الحميدية في مدينة حلب.")
        #expect(found.places.map(\.place.admin1) == ["SY02", "SY02"])  // not Tartus' الحميدية
        #expect(found.incidents.map(\.admin1) == ["SY02"])
        #expect(found.quantities.map(\.value).contains(2))  // "مدنيان": a dual
    }

    @Test func theVictimsGroupIsTheTargetNotTheAgent() {
        let found = read("اغتال مجهولون قيادياً سابقاً في فصائل المعارضة بريف درعا الغربي، أمس الأربعاء.")
        #expect(found.incidents.first?.kind == .assassination)
        #expect(found.incidents.first?.agents == [])
        #expect(found.incidents.first?.target == "OPPOSITION")
        #expect(found.incidents.first?.figures[.killed] == Figure(value: 1))
    }
}
