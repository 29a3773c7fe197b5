import MarsadText

/// The rules, over one sentence's tokens.
struct SentenceReader {
    let tokens: [String]
    let forms: [[Clitics.Form]]
    let sentenceText: String
    /// The words as written, one per token: made only when a name or a number is quoted.
    lazy var display: [String] = {
        let words = FindingsReader.displayWords(sentenceText)
        return words.count == tokens.count ? words : tokens
    }()
    /// Whether a comma follows each token (`FindingsReader.commasAfter`): made only when a
    /// name is read.
    lazy var commaAfter: [Bool] = {
        // Most of the cost is the sentence's search form: none for a sentence without commas.
        guard sentenceText.unicodeScalars.contains(where: { $0 == "،" || $0 == "," }) else {
            return Array(repeating: false, count: tokens.count)
        }
        let commas = FindingsReader.commasAfter(sentenceText)
        return commas.count == tokens.count ? commas : Array(repeating: false, count: tokens.count)
    }()
    let sentence: Int
    var taken: [Bool]
    /// Tokens that are a person's name.
    var personal: [Bool]
    var places: [PlaceMention] = []
    var actors: [ActorMention] = []
    var people: [PersonMention] = []
    /// Where each person named starts (a title's first word, else the name's).
    var named: [Int] = []
    var media: [String] = []
    var quantities: [Quantity] = []

    init(tokens: [String], forms: [[Clitics.Form]], text: String, sentence: Int) {
        self.tokens = tokens
        self.forms = forms
        self.sentenceText = text
        self.sentence = sentence
        taken = Array(repeating: false, count: tokens.count)
        personal = taken
    }
}
