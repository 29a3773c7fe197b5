import Testing

@testable import MarsadText

/// The hot paths work on UTF-8 bytes for speed. Each is checked here against a plain
/// implementation over Unicode scalars (the definition it must keep), on many random texts
/// built from the characters that matter: Arabic letters and marks, the disguise markers,
/// every kind of white space, digits of three scripts, Latin, punctuation, emoji.
@Suite("Byte-level fast paths agree with their definitions")
struct FastPathTests {
    /// A deterministic generator (SplitMix64), so that a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    static let pieces: [String] = [
        "د", "ا", "ع", "ش", "ل", "و", "ب", "ف", "ك", "ة", "ى", "أ", "إ", "آ", "ٱ", "ؤ", "ئ", "ء", "ی", "ک", "ه", "ر", "ق",
        "ال", "وال", "بال", "لل", "دير", "الزور", "ديرالزور", "تدمر", "والرقة", "القبـ.ـض", "د|عـ.ـش", "بـ", "الـ",
        "\u{0640}", "\u{064E}", "\u{0651}", "\u{0670}", "|", ".", "-", "_", "*", "\u{00B7}", "\u{2022}",
        "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}", "\u{200E}", "\u{200F}",
        " ", "  ", "\t", "\n", "\n\n", "\r", "\u{0B}", "\u{0C}", "\u{00A0}", "\u{0085}", "\u{1680}", "\u{2003}", "\u{2028}",
        "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}",
        "0", "7", "2025", "١", "٢٠٢٥", "۴", "A", "Z", "a", "NPN", "é", "«", "»", "“", "،", "؟", "😀", "中",
        "أكتوبر", "كانون", "الأول", "تشرين", "الثاني", "/", "26", "8", "م",
    ]

    static func randomTexts(count: Int, seed: UInt64) -> [String] {
        var generator = Generator(state: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
    }

    static let texts = randomTexts(count: 3000, seed: 2026)

    /// The search form by its definition: restore, then fold each scalar.
    static func referenceSearch(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in Deobfuscation.restore(text).text.unicodeScalars {
            if let folded = Normalization.fold(scalar) { output.append(folded) }
        }
        return String(output)
    }

    /// The display form's white-space tidying by its definition, over scalars.
    static func referenceDisplay(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in Deobfuscation.restore(text).text.unicodeScalars {
            if scalar == "\n" {
                pendingSpace = false
                output.append(scalar)
            } else if scalar == "\t" || (scalar.properties.isWhitespace && scalar != "\r") {
                pendingSpace = true
            } else {
                if pendingSpace, let last = output.last, last != "\n" { output.append(" ") }
                pendingSpace = false
                output.append(scalar)
            }
        }
        return String(output)
    }

    static func referenceWords(_ text: String) -> [String] {
        text.unicodeScalars.split(whereSeparator: { !Normalization.isWordScalar($0) }).map { String(String.UnicodeScalarView($0)) }
    }

    @Test func theSearchFormIsTheFoldOfTheRestoredText() {
        for text in Self.texts {
            #expect(Normalization.search(text) == Self.referenceSearch(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func theDisplayFormTidiesEveryKindOfWhiteSpace() {
        for text in Self.texts {
            #expect(Normalization.display(text).text == Self.referenceDisplay(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func wordsAreRunsOfLettersAndDigits() {
        for text in Self.texts {
            let form = Normalization.search(text)
            let expected = Self.referenceWords(form)
            #expect(Normalization.words(form).map(String.init) == expected)
            #expect(SearchText(text).words.map(String.init) == expected)
            #expect(Normalization.wordCount(form[...], limit: 3) == min(expected.count, 3))
        }
    }

    @Test func restoringOnlyTheDisguisedWordsKeepsEveryOtherByteAndEditOffset() {
        for text in Self.texts {
            let (restored, edits) = Deobfuscation.restore(text)
            // Applying the edits to the input's scalars gives the output.
            var scalars = Array(text.unicodeScalars)
            for edit in edits.reversed() {
                let before = Array(edit.before.unicodeScalars)
                #expect(Array(scalars[edit.offset..<(edit.offset + before.count)]) == before)
                scalars.replaceSubrange(edit.offset..<(edit.offset + before.count), with: Array(edit.after.unicodeScalars))
            }
            #expect(String(String.UnicodeScalarView(scalars)) == restored)
        }
    }

    @Test func theIndexFormsAreTheWordsAndTheirAnalyses() {
        for text in Self.texts {
            let words = Normalization.words(Normalization.search(text))
            let forms = Normalization.indexForms(text)
            #expect(forms.words == words.joined(separator: " "))
            #expect(forms.variants == words.flatMap { Normalization.analyze($0).variants }.joined(separator: " "))
        }
    }

    @Test func linesSplitAtEveryLineFeedEvenAfterACarriageReturn() {
        #expect(Lines.split("a\r\nb\n\nc").map(String.init) == ["a\r", "b", "", "c"])
        #expect(Lines.split("").map(String.init) == [""])
        for text in Self.texts {
            #expect(
                Lines.split(text).map(String.init)
                    == text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) })
        }
    }

    /// Dates are read only near years; reading from every word must find the same.
    @Test func readingDatesNearYearsFindsWhatReadingEveryWordFinds() {
        let vocabulary = [
            "26", "8", "1", "31", "10", "12", "2025", "2024م", "1999", "أكتوبر", "ديسمبر", "كانون", "الأول",
            "تشرين", "الثاني", "ايار", "جانفي", "في", "عام", "سقط", "32", "13", "0",
        ]
        var generator = Generator(state: 7)
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 1...25, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }.joined(
                separator: " ")
            let words = Normalization.words(Normalization.search(text))
            var everyWord: [FoundDate] = []
            var index = 0
            while index < words.count {
                if let (date, used) = Dates.date(at: index, in: words) {
                    everyWord.append(date)
                    index += used
                } else {
                    index += 1
                }
            }
            #expect(Dates.find(in: text) == everyWord, "\(text)")
            #expect(Dates.find(in: SearchText(text)) == everyWord, "\(text)")
        }
    }
}
