import MarsadText
import Testing

@testable import MarsadExtract

@Suite("Reading an article out of its text")
struct ArticleExtractionTests {
    @Test func theBannerGoesAndTheHeadlineIsTheTitle() {
        let decoded = DecodedText(text: "NORTH PULSE NETWORK NPN\n\nد|عـ.ـش يصعد من هجماته\n\nنص الخبر هنا.", encoding: .utf8)
        let article = ArticleExtraction.extract(from: decoded)
        #expect(article.title == "داعش يصعد من هجماته")
        #expect(article.cleanText == "داعش يصعد من هجماته\n\nنص الخبر هنا.")
        #expect(article.removedLines.map(\.rule) == ["latin-banner"])
        #expect(article.edits.map(\.after) == ["داعش"])
    }

    @Test func textThatOpensWithASentenceHasNoTitle() {
        let article = ArticleExtraction.extract(from: DecodedText(text: "قال المحلل إن الوضع خطير.\nوأضاف أن التنظيم نشط.", encoding: .utf8))
        #expect(article.title == nil)
    }

    @Test func textWithoutAnyLineHasNoTitleAndNoText() {
        let article = ArticleExtraction.extract(from: DecodedText(text: " \n \n", encoding: .utf8))
        #expect(article.title == nil)
        #expect(article.cleanText.isEmpty)
    }
}
