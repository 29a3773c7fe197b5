/// A text in search form with its words, made once per article and read by everything that
/// needs them (the dateline, dates, the full-text index, extraction), so that no reader
/// folds or splits the same text again.
public struct SearchText: Sendable {
    /// `Normalization.search` of the text: its lines are the search forms of the text's lines.
    public let form: String
    /// Where each word of `form` is, in UTF-8 bytes: `Normalization.words`, without the copies.
    public let wordRanges: [Range<Int>]

    public init(_ text: String) {
        self.init(searchForm: Normalization.search(text))
    }

    /// For a text already in search form.
    public init(searchForm: String) {
        form = searchForm
        wordRanges = UTF8Bytes.with(searchForm[...]) { Normalization.wordRanges($0) }
    }

    /// The words, each cut out of `form` when it is read.
    public var words: Words { Words(form: form[...], ranges: wordRanges) }

    public struct Words: RandomAccessCollection, Sendable {
        let form: Substring
        let ranges: [Range<Int>]
        public var startIndex: Int { 0 }
        public var endIndex: Int { ranges.count }
        public subscript(position: Int) -> Substring {
            UTF8Bytes.slice(form, from: ranges[position].lowerBound, to: ranges[position].upperBound)
        }
    }
}
