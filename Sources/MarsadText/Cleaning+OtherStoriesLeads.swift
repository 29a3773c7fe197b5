import Foundation

/// Leads of other stories set after the body ("أدان رئيس الحزب …، مسعود بارزاني، الهجوم …",
/// "قال أنور قرقاش، وزير الدولة …، إن …"): a site's "more news" block, each paragraph the
/// first paragraph of a story of its own. The article's own closing paragraphs carry its
/// thread on: they open with a connective ("وأشار", "أما", "بدوره") or speak of what the
/// headline and lead speak of. A block is taken only when all of these hold:
/// - it ends the text and has at least `minimumParagraphs` paragraphs, with the lead and at
///   least one more paragraph before it;
/// - none of its paragraphs opens with a connective, and none has more than a fifth of its
///   words (stems of 3 letters or more, no function words) in the headline and the lead;
/// - at least half of them introduce someone the way a lead does, a name or title set off
///   by commas in the first words ("قال خالد اليماني، وزير الخارجية اليمني، إن").
extension Cleaning {
    /// The rule name of a block of other stories' leads.
    public static let otherStoriesRule = "other-stories-leads"

    static let otherStoriesMinimumParagraphs = 3
    /// The largest share of a paragraph's words found in the headline and lead.
    static let otherStoriesMaximumSharedShare = 0.2

    /// Search-form openings that carry the article's thread on ("وقال", "فيما", "أما", "بدوره").
    /// A verb that itself begins with و ("وقعت", "وصل") is taken for one too: the block is
    /// then kept, the safe side.
    static let threadOpenings: [String] = [
        "و", "ف", "ثم ", "كما ", "لكن ", "أما ", "بينما ", "فيما ", "غير أن ", "إلا أن ", "كذلك ", "بدور", "من جهت", "من جانب",
        "في المقابل", "في غضون", "إلى ذلك", "يذكر", "يشار", "جاء ذلك", "يأتي ذلك", "في السياق",
    ].map(Normalization.search)

    /// Function words that say nothing of a story's subject (search form).
    static let functionWords: Set<Substring> = Set(
        "في من على إلى الى عن أن إن التي الذي الذين كان كانت قال بعد قبل هذا هذه ذلك مع بين حيث كما أو ثم لم لن قد تم عام منذ خلال حتى عند أكثر أيضا"
            .split(separator: " ").map { Substring(Normalization.search(String($0))) })

    /// The content words of a search-form line: stems of three letters or more.
    static func contentWords(_ form: Substring) -> Set<Substring> {
        var result: Set<Substring> = []
        for word in Normalization.words(form) where !functionWords.contains(word) {
            let stem = Normalization.stem(word)
            if stem.unicodeScalars.count >= 3 && !functionWords.contains(stem) { result.insert(stem) }
        }
        return result
    }

    /// Whether a line names someone with a title (or a title with a name) set off by commas
    /// in its first 16 words: two commas at most 7 words apart.
    static func introducesSomeone(_ line: Substring) -> Bool {
        var last: Int?
        for (index, word) in line.split(separator: " ").prefix(16).enumerated() where word.hasSuffix("،") || word.hasSuffix(",") {
            if let last, index - last <= 7 { return true }
            last = index
        }
        return false
    }

    static func removeOtherStoriesLeads(_ kept: inout [(line: Substring, searchForm: Substring)], title: String?) -> [(line: String, rule: String)] {
        let paragraphs = kept.indices.filter { !kept[$0].line.isEmpty }
        // The headline is the first kept line when there is one; the lead the first after it.
        let bodyStart = title == nil ? 0 : 1
        guard paragraphs.count >= bodyStart + otherStoriesMinimumParagraphs + 2 else { return [] }
        var about = contentWords(kept[paragraphs[bodyStart]].searchForm)
        if bodyStart == 1 { about.formUnion(contentWords(kept[paragraphs[0]].searchForm)) }
        // The trailing run of paragraphs that neither carry the thread on nor share its words.
        var run: [Int] = []
        for index in paragraphs[(bodyStart + 2)...].reversed() {
            let form = kept[index].searchForm
            let words = contentWords(form)
            guard words.count >= 8, !threadOpenings.contains(where: { form.hasPrefix($0) }),
                Double(words.intersection(about).count) <= otherStoriesMaximumSharedShare * Double(words.count)
            else { break }
            run.append(index)
        }
        // The longest tail of it in which half the paragraphs or more introduce someone.
        var size = run.count
        while size >= otherStoriesMinimumParagraphs {
            if run.prefix(size).filter({ introducesSomeone(kept[$0].line) }).count * 2 >= size { break }
            size -= 1
        }
        guard size >= otherStoriesMinimumParagraphs else { return [] }
        let taken = run.prefix(size).sorted()
        let lines = taken.map { (String(kept[$0].line), otherStoriesRule) }
        for index in taken.reversed() { kept.remove(at: index) }
        return lines
    }
}
