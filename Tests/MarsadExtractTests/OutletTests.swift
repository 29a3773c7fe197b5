import Testing

@testable import MarsadExtract
@testable import MarsadText

/// The outlet from what a text says of itself. Lines written for the rules (not taken from
/// the samples or the development set).
@Suite("Outlets from the text's own words")
struct OutletTests {
    func outlet(_ text: String) -> Outlet? {
        ArticleExtraction.extract(from: DecodedText(text: text, encoding: .utf8)).outlet
    }

    @Test func theNameInTheDateline() {
        #expect(outlet("عنوان\n\nبيروت، لبنان (CNN)-- قتل ثلاثة أشخاص في انفجار.")?.en == "CNN Arabic")
        // A wire agency in the dateline is whose wire it is, not whose page.
        #expect(outlet("عنوان\n\nبيروت، لبنان (AFP)- قتل ثلاثة أشخاص في انفجار.") == nil)
    }

    @Test func aClosingCredit() {
        #expect(outlet("عنوان\n\nقتل ثلاثة أشخاص في انفجار في بيروت.\nفرانس24/ أ ف ب")?.en == "France 24")
    }

    @Test func itsAppItsCorrespondentWhatItWasTold() {
        #expect(outlet("عنوان\n\nنص الخبر.\nحمّلوا تطبيق بي بي سي عربي على هاتفكم.")?.en == "BBC Arabic")
        #expect(outlet("عنوان\n\nوأفاد مراسل قناة \"العربية\" بمقتل قيادي في الجوف.")?.en == "Al Arabiya")
        #expect(outlet("عنوان\n\nوقال مسؤولون محليون لبي بي سي إن الانفجار وقع صباحا.")?.en == "BBC Arabic")
    }

    @Test func anotherOutletCitedIsNotTheTextsOwn() {
        #expect(outlet("عنوان\n\nوحسب ما نشر موقع سكاي نيوز عربية، فإن الخدمة جديدة.") == nil)
        #expect(outlet("عنوان\n\nتحدث الوزير باللغة العربية أمام الصحفيين.") == nil)
    }
}
