import Testing

@testable import MarsadExtract

/// Where an incident happened: the most specific place, its first-level division (ISO
/// 3166-2), and coordinates always. Sentences written for the rules, not taken from the
/// samples or the development set.
@Suite("Places of incidents: division, precision, coordinates")
struct LocationTests {
    func location(_ text: String) throws -> Location {
        try #require(FindingsReader.read(text).incidents.first).location
    }

    @Test func aDivisionNamedWithItsPrefixIsTheDivision() throws {
        let here = try location("انفجرت عبوة ناسفة بدورية للجيش في محافظة الأنبار غربي العراق.")
        #expect(here.division == "IQ-AN")
        #expect(here.precision == 3)
        #expect(here.lat != nil && here.lon != nil)
    }

    @Test func aTownIsALocalityInItsDivision() throws {
        let here = try location("قتل ثلاثة جنود في هجوم لمسلحين على حاجز أمني في مدينة الموصل.")
        #expect(here.division == "IQ-NI")
        #expect(here.precision == 1)
        #expect(abs((here.lat ?? 0) - 36.34) < 0.1)
    }

    @Test func aSyrianPlaceKeepsItsPcodeAndGetsTheISODivision() throws {
        let found = FindingsReader.read("اعتقلت قوات سوريا الديمقراطية 3 عناصر من داعش في بلدة الشحيل بريف دير الزور الشرقي.")
        let incident = try #require(found.incidents.first)
        #expect(incident.admin1 == "SY09")
        #expect(incident.location.division == "SY-DY")
        #expect(incident.location.precision == 1)
    }

    @Test func aCountryAloneGivesItsCentroid() throws {
        let here = try location("أعلنت السلطات في مصر القبض على خمسة متهمين بالتخطيط لتفجيرات.")
        #expect(here.division == nil)
        #expect(here.precision == 4)
        let (lat, lon) = (try #require(here.lat), try #require(here.lon))
        #expect((22...32).contains(lat) && (25...35).contains(lon), "Egypt's centroid: \(lat), \(lon)")
    }

    @Test func aDivisionWhoseNameIsAlsoAWordNeedsItsPrefix() {
        // "معسكر" is a camp (and Algeria's Mascara), "بشار" a first name (and Béchar).
        let found = FindingsReader.read("قصفت طائرات تابعة لقوات بشار الأسد معسكرا للتدريب في ريف حلب الغربي.")
        #expect(!found.places.contains { $0.place.country == "DZ" })
        #expect(found.incidents.first?.location.division == "SY-HL")
        #expect(FindingsReader.read("اعتقلت الشرطة الجزائرية 4 أشخاص في ولاية معسكر.").incidents.first?.location.division == "DZ-29")
    }

    @Test func aSponsorIsNotWhereItHappened() {
        let found = FindingsReader.read("أعلنت السلطات الكويتية القبض على خلية من 12 عنصرا مدعومين من إيران كانوا يخططون لتفجيرات.")
        #expect(found.incidents.first { $0.kind == .arrest }?.country == "KW")
    }

    @Test func aDatelineIsNotAPlaceOfTheNews() {
        let found = FindingsReader.read("بيروت، لبنان (رويترز) - قالت الشرطة الفرنسية إنها اعتقلت 3 أشخاص في جنوب فرنسا بعد هجوم بسكين.")
        #expect(!found.places.contains { $0.place.country == "LB" })
        #expect(found.incidents.allSatisfy { $0.country == "FR" })
    }

    @Test func aStatesArrestWithNoPlaceIsOnItsOwnSoil() {
        let found = FindingsReader.read("أعلنت البحرين القبض على 20 شخصا بتهمة الانتماء إلى خلية إرهابية.")
        #expect(found.incidents.first { $0.kind == .arrest }?.country == "BH")
    }

    @Test func aQuarterNamedAfterACityIsNotTheCity() {
        let found = FindingsReader.read("اختطف مسلحون مجهولون ثلاثة مواطنين في حي دمشق بمدينة بنغازي شرقي ليبيا.")
        #expect(!found.places.contains { $0.place.country == "SY" })
        #expect(found.incidents.first?.country == "LY")
    }

    func places(_ text: String) -> [Place] { FindingsReader.read(text).places.map(\.place) }

    @Test func aNameAfterALocalityWordIsALocalityOfTheNearestKnownPlace() throws {
        let village = try #require(places("اعتقلت قوات الأمن ثلاثة مطلوبين في قرية المشيرفة بريف كركوك.").first { $0.nameAr == "المشيرفة" })
        #expect(village.country == "IQ")
        #expect(village.division == "IQ-KI")
        #expect(village.kind == .town)
        let towns = places("تتعرض بلدتا الفوعة وكفريا بريف إدلب الشمالي لحصار مشدد.").filter { $0.admin1 == "SY07" }.map(\.nameAr)
        #expect(towns.contains("الفوعة") && towns.contains("كفريا"))
    }

    @Test func aLandformKeepsItsWordAndLosesItsPreposition() {
        #expect(places("قصف الجيش مواقع المجموعة المتحصنة بجبل سمامة بولاية القصرين.").contains { $0.nameAr == "جبل سمامة" && $0.country == "TN" })
    }

    @Test func wordsThatDescribeAPlaceAreNoLocality() {
        let found = places("دعت أنقرة إلى إقامة منطقة آمنة ومنطقة عازلة قرب الحدود، وقال مدير إقليم الأمن الوطني في صفاقس إن الوضع هادئ.")
        #expect(!found.contains { ["آمنة", "عازلة", "الأمن الوطني", "الأمن"].contains($0.nameAr) })
    }

    @Test func aLocalityWithNoKnownPlaceNearIsInTheArticlesCountry() throws {
        let text = "قتل جنديان في هجوم على دورية للجيش في محافظة الأنبار العراقية. وفي حادث آخر، انفجرت عبوة ناسفة في قرية البوعيثة."
        let village = try #require(places(text).first { $0.nameAr == "البوعيثة" })
        #expect(village.country == "IQ")
    }

    @Test func aCountryThatBacksStrikesOrMeddlesIsAGovernmentNotAPlace() {
        for text in [
            "نفت الحكومة المدعومة من روسيا استخدام الأسلحة الكيماوية.",
            "دمرت ضربات صاروخية شنتها الولايات المتحدة وبريطانيا مركزا للأبحاث.",
            "وجه المحتجون انتقادات لما يعتبرونه تدخلا من جانب إيران في شؤون البلاد.",
        ] {
            let found = FindingsReader.read(text)
            #expect(found.places.isEmpty, "\(text)")
            #expect(!found.actors.isEmpty, "\(text)")
        }
    }
}
