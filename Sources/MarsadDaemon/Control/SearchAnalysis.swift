import MarsadModel
import MarsadText

/// Connects the store's search to MarsadText's normal forms, so that an article's index
/// and a user's query are analyzed by the same functions.
enum TextAnalysis {
    static let searchAnalyzer = SearchAnalyzer(
        queryWords: { Normalization.queryWords($0) },
        terms: { Set(Normalization.searchTerms($0)) })
}
