import Testing

@testable import MarsadExtract

/// Parties named by the forms the news uses, and states acting by speaking. Sentences
/// written for the rules, not taken from the samples or the development set.
@Suite("Actors by the forms the news uses")
struct ActorFormsTests {
    func actors(_ text: String) -> Set<String> { Set(FindingsReader.read(text).actors.map(\.id)) }

    @Test func groupsOfAfghanistanIraqAndPalestineHaveIDs() {
        #expect(actors("هاجم مقاتلو حركة طالبان نقطة تفتيش في ولاية قندهار.").contains("TALIBAN"))
        #expect(actors("قصفت طائرات مسيرة مقرا لعصائب أهل الحق قرب بغداد.").contains("ASAIB-AHL-AL-HAQ"))
        #expect(actors("أعلنت سرايا القدس مسؤوليتها عن إطلاق الصواريخ.").contains("PIJ"))
        #expect(actors("دعت أنقرة بغداد إلى طرد منظمة بي كا كا من سنجار.").contains("PKK"))
    }

    @Test func aStateThatSpeaksIsAGovernment() {
        #expect(actors("وقال العراق إنه سيرفع إنتاجه من النفط الشهر المقبل.").contains("IQ-GOV"))
    }

    @Test func publicSecurityIsTheArticlesOwnCountrys() {
        let jordan = actors("قتل عنصران من الأمن العام في مداهمة بمدينة الزرقاء في الأردن.")
        #expect(jordan.contains("JO-GOV") && !jordan.contains("SY-GOV"))
    }

    @Test func theFrenchNewsAgencyIsAMediumNotAState() {
        let findings = FindingsReader.read("قال مسؤول عسكري لوكالة الأنباء الفرنسية إن الهجوم صد في العراق.")
        #expect(!findings.actors.contains { $0.id == "FR-GOV" })
        #expect(findings.media.contains("فرانس برس"))
    }

    @Test func aStatesBodyIsKeptAsADetail() {
        #expect(ActorBody.of(form: "الجيش الأردني", id: "JO-GOV") == "army")
        #expect(ActorBody.of(form: "مسؤول بوزارة الداخلية العراقية", id: "IQ-GOV") == "interior ministry")
        #expect(ActorBody.of(form: "سلاح الجو الإسرائيلي", id: "IL-GOV") == "air force")
        #expect(ActorBody.of(form: "الشرطة الصومالية", id: "SO-GOV") == "police")
        // A group has no state's body; a state named alone names none.
        #expect(ActorBody.of(form: "جيش الإسلام", id: "JAISH-AL-ISLAM") == nil)
        #expect(ActorBody.of(form: "العراق", id: "IQ-GOV") == nil)
    }
}
