import Foundation
import MarsadExtract
import MarsadModel
import MarsadPipeline
import MarsadProtocol
import MarsadStore
import MarsadText

/// The entry points the fuzzer drives with arbitrary bytes (docs/TORTURE.md). Each runs one
/// stage of what marsadd does with untrusted input, exactly as marsadd calls it; a crash,
/// a trap or a hang in any of them is a bug. The same functions replay the inputs kept in
/// `Tests/Fuzz/<target>/` as regression tests.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Bytes of a dropped file: encoding detection, decoding, the article formats.
    case decoder
    /// Boilerplate line rules over any text.
    case cleaner
    /// Restoring words disguised with tatweel, dots, Latin look-alikes and the like.
    case deobfuscator
    /// The display and search forms, words, stems and index forms.
    case normalizer
    /// Dates in running text, as a whole and around a year.
    case dates
    /// Counts read out of a sentence that reports arrests.
    case numbers
    /// The whole derivation of a file: decode, clean, extract, read findings and incidents.
    case extractor
    /// A control request line: the envelope, then each method's params.
    case jsonrpc
    /// A user's search query, parsed into FTS5 syntax.
    case query

    /// Runs the target on `bytes`. Errors the code throws on purpose are fine; only a
    /// crash is a finding.
    public func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .decoder:
            guard let decoded = try? TextDecoding.decode(bytes) else { return }
            _ = try? ArticleInput.parse(decoded, fileName: "fuzz.txt")
            _ = try? ArticleInput.parse(decoded, fileName: "fuzz.json")
            _ = try? ArticleInput.parse(decoded, fileName: "fuzz.html")
        case .cleaner:
            _ = Cleaning.clean(text)
        case .deobfuscator:
            _ = Deobfuscation.restore(text)
        case .normalizer:
            _ = Normalization.display(text)
            let search = SearchText(text)
            _ = Normalization.indexForms(search)
            for word in Normalization.words(search.form).prefix(200) {
                _ = Normalization.analyze(word)
                _ = Normalization.stem(word)
                _ = Normalization.joinedWordParts(word)
            }
        case .dates:
            _ = Dates.find(in: text)
            _ = Dates.find(in: "نشر في \(text) 2024")
        case .numbers:
            _ = FindingsReader.read("أعلنت وزارة الداخلية السورية القبض على \(text) من عناصر داعش في دير الزور.")
            _ = FindingsReader.read("قتل \(text) وأصيب \(text) في انفجار سيارة مفخخة في مدينة حلب يوم \(text).")
        case .extractor:
            // Exactly what marsadd derives from a dropped file, bounds included.
            for name in ["fuzz.txt", "fuzz.html", "fuzz.json"] { _ = try? Pipeline.derive(bytes: bytes, fileName: name) }
        case .jsonrpc:
            let line = Data(bytes)
            guard let envelope = try? RequestParser.envelope(line) else { return }
            guard let name = envelope.method, let method = Method(rawValue: name) else { return }
            Self.params(for: method, line)
        case .query:
            _ = try? SearchQuery.parse(text, analyzer: Self.analyzer)
        }
    }

    /// Decodes the params of `method` from `line` with the type the daemon uses.
    private static func params(for method: Method, _ line: Data) {
        switch method {
        case .reprocess: _ = try? RequestParser.params(ReprocessParams.self, line, required: true)
        case .articlesList: _ = try? RequestParser.params(ListParams.self, line, required: false)
        case .articlesGet, .incidentsGet: _ = try? RequestParser.params(GetParams.self, line, required: true)
        case .storiesList: _ = try? RequestParser.params(StoriesParams.self, line, required: false)
        case .incidentsExport: _ = try? RequestParser.params(IncidentsExportParams.self, line, required: false)
        case .incidentsSplit: _ = try? RequestParser.params(SplitParams.self, line, required: true)
        case .incidentsJoin: _ = try? RequestParser.params(JoinParams.self, line, required: true)
        case .search: _ = try? RequestParser.params(SearchParams.self, line, required: true)
        case .export: _ = try? RequestParser.params(ExportParams.self, line, required: false)
        case .eventsList, .incidentsList, .timeline: _ = try? RequestParser.params(EventFilterParams.self, line, required: false)
        case .failedRetry: _ = try? RequestParser.params(RetryParams.self, line, required: false)
        case .status, .version, .reload, .failedList, .ingestPause, .ingestResume, .ingestRescan, .placesList, .actorsList:
            _ = try? RequestParser.params(NoParams.self, line, required: false)
        }
    }

    /// The daemon's query analysis (TextAnalysis.searchAnalyzer), rebuilt from MarsadText.
    static let analyzer = SearchAnalyzer(
        queryWords: { Normalization.queryWords($0) },
        terms: { Set(Normalization.searchTerms($0)) })
}
