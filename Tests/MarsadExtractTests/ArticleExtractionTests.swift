import Testing
import MarsadText
@testable import MarsadExtract

@Suite("Reading an article out of its text")
struct ArticleExtractionTests {
    @Test func theTitleIsTheFirstNonEmptyLineForNow() {
        let decoded = DecodedText(text: "\n\nNORTH PULSE NETWORK NPN\n\nداعش يصعد من هجماته\nنص الخبر", encoding: .utf8)
        let article = ArticleExtraction.extract(from: decoded)
        #expect(article.title == "NORTH PULSE NETWORK NPN")
        #expect(article.cleanText.hasPrefix("NORTH PULSE NETWORK NPN"))
    }

    @Test func textWithoutAnyLineHasNoTitle() {
        let article = ArticleExtraction.extract(from: DecodedText(text: " \n \n", encoding: .utf8))
        #expect(article.title == nil)
        #expect(article.cleanText.isEmpty)
    }

    @Test func nothingIsRemovedOrInventedYet() {
        let text = "عنوان\n0 تعليق\nالنص"
        let article = ArticleExtraction.extract(from: DecodedText(text: text, encoding: .utf8))
        #expect(article.removedLines.isEmpty)
        #expect(article.cleanText == text)
    }
}
