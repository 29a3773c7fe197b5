import Foundation
import Testing

@testable import MarsadText

/// The gold annotations of the five samples (seeds/seeds.gold.json, a copy of the shared
/// gold file: what a careful analyst reads out of each sample).
enum Gold {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../seeds/seeds.gold.json").standardized

    static func obfuscatedPairs() throws -> [(file: String, before: String, after: String)] {
        let data = try Data(contentsOf: url)
        let root = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let articles = try #require(root["articles"] as? [[String: Any]])
        return articles.flatMap { article in
            ((article["obfuscated"] as? [[String]]) ?? []).map { (article["file"] as? String ?? "?", $0[0], $0[1]) }
        }
    }
}

@Suite("De-obfuscation")
struct DeobfuscationTests {
    @Test(arguments: [
        ("القبـ.ـض", "القبض"), ("د|عـ.ـش", "داعش"), ("داعـ.ـش", "داعش"), ("يُصـ.ـعّد", "يُصعّد"),
        ("تحـ.ـذيرات", "تحذيرات"), ("هجمـ.ـاته", "هجماته"), ("عنـ.ـاصر", "عناصر"),
        ("داعـ·ـش", "داعش"), ("داعـ•ـش", "داعش"), ("داعـ*ـش", "داعش"), ("داعـ_ـش", "داعش"), ("داعـ-ـش", "داعش"),
        ("داعـ..ـش", "داعش"), ("داعـش", "داعش"), ("ـداعشـ", "داعش"), ("الجــامعي", "الجامعي"), ("والـتـجـهـيزات", "والتجهيزات"),
        ("دا\u{200B}عش", "داعش"), ("دا\u{200C}عش", "داعش"),
        ("د|ع.ـش", "داعش"), ("تنظيم د|عـ.ـش.", "تنظيم داعش."),
    ])
    func disguisedWordsAreRestored(written: String, restored: String) {
        #expect(Deobfuscation.restore(written).text == restored)
    }

    @Test(arguments: [
        "د.محمد", "أ.د", "م.ع", "3.5", "2.000", "الساعة 10.30", "خبر | موقع", "قال: «نعم».", "سوريا-العراق",
        "ـــــــ ــ", "NORTH PULSE NETWORK NPN", "بـ 20 مليون", "لـ «الدستور»", "الـ 24 ساعة", "عام 1446 هـ", "وبـ 3", "بــ 5", "e-mail",
        "الرقة، دير الزور.", "(داعش)", "\"داعش\"",
    ])
    func abbreviationsNumbersAndPunctuationSurvive(text: String) {
        let result = Deobfuscation.restore(text)
        #expect(result.text == text)
        #expect(result.edits.isEmpty)
    }

    @Test func everyEditSaysWhereWhatAndWhatItBecame() {
        let text = "بدأ تنظيم داعـ.ـش، والقبـ.ـض على د.محمد"
        let result = Deobfuscation.restore(text)
        #expect(result.text == "بدأ تنظيم داعش، والقبض على د.محمد")
        #expect(result.edits.map(\.after) == ["داعش", "والقبض"])
        let scalars = Array(text.unicodeScalars)
        for edit in result.edits {
            let written = String(String.UnicodeScalarView(scalars[edit.offset..<(edit.offset + edit.before.unicodeScalars.count)]))
            #expect(written == edit.before)
        }
    }

    @Test func everyObfuscatedTokenInTheGoldFileResolves() throws {
        guard FileManager.default.fileExists(atPath: Gold.url.path) else {
            Issue.record("no gold file at \(Gold.url.path)")
            return
        }
        let pairs = try Gold.obfuscatedPairs()
        #expect(pairs.count == 11)
        for pair in pairs {
            #expect(Normalization.search(pair.before) == Normalization.search(pair.after), "\(pair.file): \(pair.before)")
        }
    }

    @Test func theSampleArticlesKeepNoDisguisedWord() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../seeds").standardized
        for file in try FileManager.default.contentsOfDirectory(atPath: seeds.path) where file.hasSuffix(".txt") {
            let text = try String(contentsOf: seeds.appendingPathComponent(file), encoding: .utf8)
            let display = Normalization.display(text).text
            for word in display.split(whereSeparator: { $0.isWhitespace }) where word.unicodeScalars.contains(where: Deobfuscation.isArabicLetter) {
                #expect(!word.contains("|") && !word.contains("ـ.") && !word.contains(".ـ"), "\(file): \(word)")
            }
        }
    }
}

@Suite("Normal forms and search terms")
struct NormalizationTests {
    @Test func theDisplayFormKeepsDiacriticsAndTidiesSpace() {
        let result = Normalization.display("يُصـ.ـعّد   من\u{00A0}هجماته\t\nسطر")
        #expect(result.text == "يُصعّد من هجماته\nسطر")
        #expect(result.edits.count == 1)
    }

    @Test(arguments: [
        ("مُحَمَّد", "محمد"), ("الأخبار", "الاخبار"), ("إدلب", "ادلب"), ("آذار", "اذار"), ("ٱلله", "الله"),
        ("مستشفى", "مستشفي"), ("حماة", "حماه"), ("مسؤول", "مسءول"), ("هيئة", "هيءه"), ("٢٦ أكتوبر ٢٠٢٥", "26 اكتوبر 2025"),
        ("۱۴۰۲", "1402"), ("NORTH Pulse", "north pulse"), ("دا\u{200F}عش", "داعش"), ("د|عـ.ـش", "داعش"),
    ])
    func theSearchFormFoldsWhatReadersTreatAsTheSame(text: String, folded: String) {
        #expect(Normalization.search(text) == folded)
    }

    @Test func theSearchFormIsIdempotent() {
        let text = "أعلنت وزارة الداخلية السورية، السبت، عن تفكيك خلايا لتنظيم “داعش” في ٢٦ أكتوبر"
        let once = Normalization.search(text)
        #expect(Normalization.search(once) == once)
    }

    @Test(arguments: [
        ("والرقه", "رقه"), ("بالرقه", "رقه"), ("الرقه", "رقه"), ("للتنظيم", "تنظيم"), ("وتدمر", "تدمر"),
        ("فالجيش", "جيش"), ("والي", "والي"), ("بيان", "بيان"), ("داعش", "داعش"), ("في", "في"),
    ])
    func cliticsAreStrippedWhenEnoughOfTheWordRemains(word: String, stem: String) {
        #expect(Normalization.stem(Substring(word)) == Substring(stem))
    }

    @Test func aQueryAndTheTextItMeansShareATerm() {
        func shares(_ query: String, _ text: String) -> Bool {
            !Set(Normalization.searchTerms(query)).isDisjoint(with: Normalization.searchTerms(text))
        }
        #expect(shares("الرقة", "سيطرت على والرقة"))
        #expect(shares("الرقه", "في الرقة"))
        #expect(shares("حماة", "ريف حماه"))
        #expect(shares("تدمر", "دير الزور وتدمر"))
        #expect(shares("تحذيرات", "وسط تحـ.ـذيرات من"))
        #expect(shares("داعش", "عنـ.ـاصر د|عـ.ـش"))
        #expect(!shares("داعش", "مباراة كرة القدم"))
    }
}

@Suite("Index forms")
struct IndexFormTests {
    @Test func joinedWordsAreAlsoIndexedByTheirParts() {
        let forms = Normalization.analyze("ديرالزور")
        #expect(forms.parts == ["دير", "الزور"])
        #expect(forms.variants == ["دير", "الزور", "زور"])
        #expect(Normalization.analyze("الاستقلال").parts.isEmpty)
        #expect(Normalization.analyze("والاستقلال").parts.isEmpty)
        #expect(Normalization.analyze("داعش").variants.isEmpty)
    }

    @Test func theIndexKeepsWordsInOrderAndVariantsApart() {
        let forms = Normalization.indexForms("سيطرت على والرقة وديرالزور")
        #expect(forms.words == "سيطرت علي والرقه وديرالزور")
        #expect(forms.variants.split(separator: " ").contains("رقه"))
        #expect(forms.variants.split(separator: " ").contains("الزور"))
    }
}
