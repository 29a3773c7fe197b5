import MarsadStore
import MarsadText

/// Connects the store's search to MarsadText's normal forms, so that an article's index
/// and a user's query are analyzed by the same functions.
enum TextAnalysis {
    static let searchAnalyzer = SearchAnalyzer(
        queryWords: { raw in
            Normalization.words(Normalization.search(raw)).map { word in
                let forms = Normalization.analyze(word)
                return (forms.word, forms.variants)
            }
        },
        terms: { word in Set(Normalization.searchTerms(word)) })

    /// What the full-text index holds for an article.
    static func indexForms(title: String?, text: String) -> IndexForms {
        indexForms(title: title, text: SearchText(text))
    }

    /// The same, from the text's search form already made (ingest makes it once per article).
    static func indexForms(title: String?, text: SearchText) -> IndexForms {
        let titleForms = Normalization.indexForms(title ?? "")
        let textForms = Normalization.indexForms(text)
        return IndexForms(title: titleForms.words, titleVariants: titleForms.variants,
                          text: textForms.words, textVariants: textForms.variants)
    }
}
