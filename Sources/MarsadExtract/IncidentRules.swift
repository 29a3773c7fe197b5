import MarsadText

/// The incident rules of `Resources/incidents.rules` (see the comments there): triggers,
/// the conditions of their security sense, fixed expressions that are not happenings, and
/// the word sets the conditions name. Parsed once; every word is kept in search form.
struct IncidentRules: Sendable {
    /// One condition of a trigger: all clauses must hold, each clause by one of its tests.
    enum Test: Sendable, Equatable {
        case object(String)
        case unless(String)
        case notAfter(String)
        case notBefore(String)
        case unlessSentence(String)
        case security
    }

    struct Trigger: Sendable {
        var kind: Incident.Kind
        var parts: [String]
        var generic: Bool
        /// Clauses, all of which must hold; each holds when one of its tests does.
        var clauses: [[Test]]
    }

    /// A line of the file with its example, for the test that runs every example.
    struct Rule: Sendable {
        var kind: String
        var type: String
        var example: String
    }

    var triggersByFirstWord: [String: [Trigger]] = [:]
    /// Fixed expressions, by the type they block (nil: any).
    var expressions: [(kind: Incident.Kind?, parts: [String])] = [] {
        didSet { expressionsByFirstWord = Dictionary(grouping: expressions, by: { $0.parts[0] }) }
    }
    /// Phrases that make a sentence history, a trend or a tally: no incident in it.
    var background: [[String]] = [] {
        didSet { backgroundByFirstWord = Dictionary(grouping: background, by: { $0[0] }) }
    }
    /// The same, by their first word: a sentence looks up its own words only.
    private(set) var expressionsByFirstWord: [String: [(kind: Incident.Kind?, parts: [String])]] = [:]
    private(set) var backgroundByFirstWord: [String: [[String]]] = [:]
    var sets: [String: WordSet] = [:]
    var rules: [Rule] = []

    static let shared = IncidentRules(String(decoding: PackageResources.incidents_rules, as: UTF8.self))

    /// What a token may be looked up as: as written, each clitic form, and each without the
    /// article ("بالإحباط" is "الاحباط" and "احباط").
    static func keys(_ token: String, _ forms: [Clitics.Form]) -> [String] {
        var keys = [token]
        for form in forms {
            if form.form != token { keys.append(form.form) }
            if let bare = withoutArticle(form.form) { keys.append(bare) }
        }
        return keys
    }

    /// A search-form word without its article ("الانفجار" -> "انفجار"); nil without one.
    static func withoutArticle(_ word: String) -> String? {
        word.startsWith(word: "ال") ? String(word.dropFirst(2)) : nil
    }

    /// Whether `phrase` stands at `start`, each word matched by one of its keys.
    static func matches(_ phrase: [String], at start: Int, keys: [[String]]) -> Bool {
        start + phrase.count <= keys.count && phrase.indices.allSatisfy { keys[start + $0].contains(phrase[$0]) }
    }

    /// Whether set `name` holds `word` (a search form), with or without the article.
    func set(_ name: String, contains word: String) -> Bool {
        guard let set = sets[name] else { return false }
        return set.contains(word) || Self.withoutArticle(word).map(set.contains) == true
    }

    /// Whether set `name` holds one of a token's `keys`.
    func set(_ name: String, containsAnyOf keys: [String]) -> Bool {
        guard let set = sets[name] else { return false }
        return keys.contains(where: set.contains)
    }

    static func words(_ phrase: Substring) -> [String] {
        Normalization.words(Normalization.search(String(phrase))).map(String.init)
    }

    init(_ text: String) {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.allSatisfy(\.isWhitespace) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 5 else { preconditionFailure("incidents.rules: 5 fields expected in \"\(line)\"") }
            let (kind, type, words, conditions) = (String(fields[0]), String(fields[1]), fields[2], fields[3])
            rules.append(Rule(kind: kind, type: type, example: String(fields[4])))
            if kind == "set" {
                var set: WordSet = []
                for word in Self.words(words) { set.insert(word) }
                sets[type] = set
                continue
            }
            let phrases = words.split(separator: "|").map { Self.words($0) }.filter { !$0.isEmpty }
            if kind == "background" {
                background += phrases
                continue
            }
            if kind == "not" {
                for parts in phrases { expressions.append((Incident.Kind(rawValue: type), parts)) }
                continue
            }
            guard let incidentKind = Incident.Kind(rawValue: type), kind == "trigger" || kind == "generic" else {
                preconditionFailure("incidents.rules: unknown kind or type in \"\(line)\"")
            }
            let clauses: [[Test]] =
                conditions == "-"
                ? []
                : conditions.split(separator: " ").map { clause in
                    clause.split(separator: "|").map { test in
                        let parts = test.split(separator: "=", maxSplits: 1)
                        let set = parts.count == 2 ? String(parts[1].dropFirst()) : ""
                        switch parts[0] {
                        case "object": return .object(set)
                        case "unless": return .unless(set)
                        case "not-after": return .notAfter(set)
                        case "not-before": return .notBefore(set)
                        case "unless-sentence": return .unlessSentence(set)
                        case "security": return .security
                        default: preconditionFailure("incidents.rules: unknown condition \(test)")
                        }
                    }
                }
            for parts in phrases {
                triggersByFirstWord[parts[0], default: []].append(
                    Trigger(kind: incidentKind, parts: parts, generic: kind == "generic", clauses: clauses))
            }
        }
        expressionsByFirstWord = Dictionary(grouping: expressions, by: { $0.parts[0] })
        backgroundByFirstWord = Dictionary(grouping: background, by: { $0[0] })
    }
}
