import Testing

@testable import MarsadText

@Suite("HTML and JSON articles")
struct ArticleInputTests {
    static let page = """
        <!DOCTYPE html><html lang="ar"><head>
        <title>الجيش يشدد حملته ضد داعش | موقع الأخبار</title>
        <meta property="og:site_name" content="عنب بلدي">
        <meta property="article:published_time" content="2025-10-26T09:30:00+03:00">
        <script>var x = "<p>لا</p>";</script><style>p { color: red }</style>
        </head><body><header><nav>الرئيسية | سياسة</nav></header>
        <article><h1>الجيش يشدد حملته ضد د|عـ.ـش</h1>
        <p>أعلن قائد قوات الأمن&nbsp;السورية عن عملية في البادية &amp; ريف حمص.</p>
        <!-- إعلان --><p>وأضاف أن &#1575;لعملية مستمرة.</p></article>
        <footer>جميع الحقوق محفوظة</footer></body></html>
        """

    @Test func anHTMLPageGivesItsHeadlineTextOutletAndDate() throws {
        let source = try ArticleInput.parse(DecodedText(text: Self.page, encoding: .utf8), fileName: "x.html")
        #expect(source.format == .html)
        #expect(source.outlet == "عنب بلدي")
        #expect(source.published == "2025-10-26")
        #expect(source.text.hasPrefix("الجيش يشدد حملته ضد د|عـ.ـش\n"))
        #expect(source.text.contains("أعلن قائد قوات الأمن السورية عن عملية في البادية & ريف حمص."))
        #expect(source.text.contains("وأضاف أن العملية مستمرة."))
        for absent in ["var x", "color", "الرئيسية", "جميع الحقوق", "إعلان", "موقع الأخبار"] {
            #expect(!source.text.contains(absent), "\(absent)")
        }
    }

    @Test func aJSONArticleGivesItsFields() throws {
        let text = #"{"title": "خبر عاجل", "body": "نص الخبر هنا.", "url": "https://example.org/1", "published": "2025-10-26", "source": "سانا"}"#
        let source = try ArticleInput.parse(DecodedText(text: text, encoding: .utf8), fileName: "a.json")
        #expect(
            source
                == ArticleSource(
                    format: .json, text: "خبر عاجل\n\nنص الخبر هنا.", outlet: "سانا", published: "2025-10-26", url: "https://example.org/1"))
        let other = try ArticleInput.parse(DecodedText(text: #"{"content": "نص"}"#, encoding: .utf8), fileName: "b.json")
        #expect(other.text == "نص")
    }

    @Test(arguments: [#"{"title": "بلا نص"}"#, "[1, 2]", "ليس JSON"])
    func aJSONFileThatIsNoArticleIsRefused(text: String) {
        #expect { try ArticleInput.parse(DecodedText(text: text, encoding: .utf8), fileName: "x.json") } throws: {
            ($0 as? DecodeError)?.code == .badFormat
        }
    }

    @Test func anHTMLPageWithoutTextIsRefused() {
        #expect {
            try ArticleInput.parse(DecodedText(text: "<html><body><script>x()</script></body></html>", encoding: .utf8), fileName: "e.htm")
        } throws: {
            ($0 as? DecodeError)?.code == .noText
        }
    }

    @Test func plainTextStaysPlainEvenWithABrace() throws {
        let source = try ArticleInput.parse(DecodedText(text: "{عنوان}\nنص", encoding: .utf8), fileName: "a.txt")
        #expect(source.format == .text)
        #expect(source.text == "{عنوان}\nنص")
    }
}
