import MarsadText

/// A place named in an article.
public struct PlaceMention: Sendable, Equatable {
    public var place: Place
    /// How the text relates the mention to the place: "countryside", "eastern countryside", "north of"…; nil for the place itself.
    public var qualifier: String?
    public var sentence: Int
    /// The token of the sentence where the mention starts.
    var position = 0
    /// False for a country named as a state ("تدعم تركيا", "كل من روسيا وإيران"): it
    /// places the sentence's incidents, but is no place of the article unless named as one
    /// elsewhere (`SentenceReader.isNamedAsPlace`).
    var namedAsPlace = true
}

public struct ActorMention: Sendable, Equatable {
    /// DESIGN §5's id: ISIS, SDF, SY-GOV…
    public var id: String
    /// The form the text used, in search form.
    public var form: String
    public var sentence: Int
    var position = 0
}

public struct PersonMention: Sendable, Equatable {
    public var name: String
    public var role: String?
    public var sentence: Int
}

public struct Quantity: Sendable, Equatable {
    /// nil for a vague count ("العشرات", "عدد من"): no number is invented.
    public var value: Int?
    /// "more-than", "at-least", "about", "less-than", "vague"; nil for an exact count.
    public var qualifier: String?
    /// The words that say it, as written.
    public var text: String
    public var sentence: Int
    /// The token of the number (or of the vague word); `start` is where its qualifier starts
    /// and `end` is past its counted noun.
    var position = 0
    var start = 0
    var end = 0
}

/// What an article says about where, who and how many (DESIGN §5).
public struct Findings: Sendable, Equatable {
    public var sentences: [Sentence] = []
    public var places: [PlaceMention] = []
    public var actors: [ActorMention] = []
    public var people: [PersonMention] = []
    /// Media the article cites (Reuters, The National…), kept apart from actors.
    public var media: [String] = []
    public var quantities: [Quantity] = []
    public var incidents: [Incident] = []
    /// Where people are named, by sentence: the word each mention starts at.
    var peopleAt: [Int: [Int]] = [:]
}

/// Reads places, actors, people, cited media and quantities out of clean text, sentence by
/// sentence, by rules of the language and the data in `Resources/`.
public enum FindingsReader {
    /// Bumped whenever a rule or a data file changes what is found: stored with the findings.
    public static let version = 15

    /// `published` is the article's reference date: its publication date, else one its file
    /// name gives, else the day it was received (`referenceBasis` says which: "published",
    /// "filename", "received"); an incident with no date of its own has it.
    public static func read(
        _ cleanText: String, title: String? = nil, published: FoundDate? = nil, referenceBasis: String = "published"
    ) -> Findings {
        var findings = Findings()
        findings.sentences = Sentence.split(cleanText)
        var lastGroup: String?
        for (number, sentence) in findings.sentences.enumerated() {
            var reader = SentenceReader(tokens: sentence.tokens, forms: sentence.forms, text: sentence.text, sentence: number)
            reader.read(lastGroup: &lastGroup)
            findings.places += reader.places
            findings.actors += reader.actors
            if !reader.named.isEmpty { findings.peopleAt[number] = reader.named }
            for person in reader.people {
                let key = Normalization.search(person.name)
                if let index = findings.people.firstIndex(where: { Normalization.search($0.name) == key }) {
                    if findings.people[index].role == nil { findings.people[index].role = person.role }
                } else {
                    findings.people.append(person)
                }
            }
            findings.quantities += reader.quantities
            for medium in reader.media where !findings.media.contains(medium) { findings.media.append(medium) }
        }
        // A place that needs a cue also needs its country in the article, named as a place:
        // "بمنطقة المنصورة" in a Tunisian story is not the Syrian town, "مناطق المدينة" in a
        // story of Aden that names Saudi Arabia as a state is not Medina.
        // A namesake division of a country so named stands in for it ("في العاصمة الليبية
        // طرابلس" in a story of Libya is Tripoli, Libya, not Lebanon's Tripoli).
        let countries = Set(findings.places.filter { !$0.place.needsCue && $0.namedAsPlace }.map(\.place.country))
        findings.places = findings.places.compactMap { mention in
            guard mention.place.needsCue, !countries.contains(mention.place.country) else { return mention }
            let key = Sentence.tokens(of: mention.place.nameAr).joined(separator: " ")
            guard let namesake = Lexicon.divisionsByBareName[key]?.first(where: { countries.contains($0.country) }) else { return nil }
            var mention = mention
            let written = mention.place.nameAr
            mention.place = namesake
            mention.place.nameAr = written  // "طرابلس", as the text names it
            return mention
        }
        // A locality named in a sentence with no known place is in the country the article is
        // about (and so is "القوات الحكومية", below).
        let home = IncidentReader(findings: findings, published: published, title: title).homeCountry()
        findings.places = findings.places.compactMap { mention in
            guard mention.place.country.isEmpty else { return mention }
            guard let home else { return nil }
            var mention = mention
            mention.place.country = home
            return mention
        }
        // "التحالف" in a story of Yemen is the Saudi-led coalition, not the US-led one. (Ties
        // between countries broken by code: the same text, the same reading, every run.)
        var counts: [String: Int] = [:]
        for mention in findings.places { counts[mention.place.country, default: 0] += 1 }
        if counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key == "YE" {
            for index in findings.actors.indices where findings.actors[index].id == "COALITION" { findings.actors[index].id = "ARAB-COALITION" }
        }
        // Actors the sentence could not name alone: "التحالف" is the coalition the article
        // names in full, "القوات الحكومية" the government of the country it is about; with
        // neither known, no actor.
        let resolved: [String: String?] = [
            SentenceReader.bareCoalition: findings.actors.first { ["COALITION", "ARAB-COALITION"].contains($0.id) }?.id,
            "HOME-GOV": home.map { $0 + "-GOV" },
        ]
        findings.actors = findings.actors.compactMap { mention in
            guard let resolution = resolved[mention.id] else { return mention }
            guard let id = resolution else { return nil }
            var mention = mention
            mention.id = id
            return mention
        }
        findings.incidents = IncidentReader(findings: findings, published: published, title: title, basis: referenceBasis).read()
        // The UN reports, counts, condemns and mediates: an actor of the story only when it is
        // a party to one of its incidents (a peacekeepers' convoy hit, a UN strike).
        if !findings.incidents.contains(where: { $0.agents.contains("UN") || $0.target == "UN" }) {
            findings.actors.removeAll { $0.id == "UN" }
        }
        // Countries named only as states are no places of the article (their mentions
        // placed its incidents above).
        let placed = Set(findings.places.filter(\.namedAsPlace).map(\.place.country))
        findings.places.removeAll { !$0.namedAsPlace && !placed.contains($0.place.country) }
        return findings
    }

    /// The words of a display-form sentence, one per search-form token (a joined word's
    /// parts both show the word), to quote names and numbers as written.
    static func displayWords(_ sentence: String) -> [String] {
        displayChunks(sentence).flatMap { Array(repeating: $0.word, count: $0.tokens) }
    }

    /// For each search-form token of a sentence, whether a comma ("،", ",") ends the word it
    /// is written in: a name never runs on past one ("نوري المالكي، نجم الحسناوي").
    static func commasAfter(_ sentence: String) -> [Bool] {
        displayChunks(sentence).flatMap { chunk in (0..<chunk.tokens).map { $0 == chunk.tokens - 1 && chunk.comma } }
    }

    /// The white-space separated chunks of a sentence: each one's word (without the
    /// punctuation around it), how many search-form tokens it makes, and whether a comma
    /// ends it.
    static func displayChunks(_ sentence: String) -> [(word: String, tokens: Int, comma: Bool)] {
        let chunks = sentence.split(whereSeparator: { $0.isWhitespace })
        // The search form keeps white space where it is, so its chunks are the display
        // chunks' search forms: one fold for the sentence, not one per chunk.
        let folded = Normalization.search(sentence).split(separator: " ", omittingEmptySubsequences: true)
        var result: [(word: String, tokens: Int, comma: Bool)] = []
        for (number, chunk) in chunks.enumerated() {
            let count: Int
            if folded.count == chunks.count {
                count = Normalization.words(folded[number]).reduce(0) { $0 + max(1, Normalization.joinedWordParts($1).count) }
            } else {
                count = Sentence.tokens(of: String(chunk)).count
            }
            // Cut by index: building the word Character by Character cost a third of extraction.
            let isWordCharacter = { (character: Character) in character.isLetter || character.isNumber }
            let trimmed =
                chunk.firstIndex(where: isWordCharacter).map { first in
                    String(chunk[first...chunk.lastIndex(where: isWordCharacter)!])
                } ?? ""
            let comma = chunk.last(where: { !"\"'»”)".contains($0) }).map { "،,".contains($0) } ?? false
            result.append((trimmed, count, comma))
        }
        return result
    }
}
