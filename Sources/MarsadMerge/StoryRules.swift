/// When two articles tell one story, and why.
///
/// Two ways, each measured, each with its threshold in the config (`[stories]`):
/// - near-duplicates: the same text, lightly edited (a wire report copied with another
///   title, a paragraph more or less, a word changed): the MinHash estimate of the Jaccard
///   similarity of their word 3-shingles reaches `nearDuplicate`;
/// - rewrites: the same news in other words, from the same days: their content words
///   overlap by `rewriteWords` and they name at least `rewriteKeys` of the same specific
///   things (a town, a person, a figure, an incident's type at a place).
/// Articles more than `windowDays` apart (by publication day, else the day received) are
/// never one story by rewrite; near-duplicates are, at any distance (a wire text copied a
/// week later is still that text).
public struct StoryThresholds: Sendable, Equatable {
    public var nearDuplicate: Double
    public var rewriteWords: Double
    public var rewriteKeys: Int
    public var windowDays: Int

    public init(nearDuplicate: Double = 0.5, rewriteWords: Double = 0.2, rewriteKeys: Int = 3, windowDays: Int = 2) {
        self.nearDuplicate = nearDuplicate
        self.rewriteWords = rewriteWords
        self.rewriteKeys = rewriteKeys
        self.windowDays = windowDays
    }
}

/// What the story rules read of an article.
public struct StoryProfile: Sendable, Equatable {
    public var signature: StorySignature?
    /// Days since 1970 of its publication day, else the day it was received.
    public var day: Int?
    /// The specific things it names (`StoryKeys`).
    public var keys: Set<String>

    public init(signature: StorySignature?, day: Int?, keys: Set<String>) {
        self.signature = signature
        self.day = day
        self.keys = keys
    }
}

/// Why two articles are one story: the rule and what it measured.
public struct StoryLink: Sendable, Equatable, Codable {
    public enum Reason: String, Sendable, Codable {
        case nearDuplicate = "near-duplicate"
        case rewrite
    }
    public var reason: Reason
    /// Estimated Jaccard similarity of the 3-shingles, and of the content words.
    public var shingles: Double
    public var words: Double
    /// The keys both name, sorted.
    public var sharedKeys: [String]

    public init(reason: Reason, shingles: Double, words: Double, sharedKeys: [String]) {
        self.reason = reason
        self.shingles = shingles
        self.words = words
        self.sharedKeys = sharedKeys
    }
}

public enum StoryRules {
    /// The link between two articles, or nil when they tell different stories.
    public static func link(_ a: StoryProfile, _ b: StoryProfile, _ thresholds: StoryThresholds) -> StoryLink? {
        guard let sa = a.signature, let sb = b.signature else { return nil }
        let shingles = sa.nearDuplicate(sb)
        let words = sa.sharedWords(sb)
        let shared = a.keys.intersection(b.keys).sorted()
        if shingles >= thresholds.nearDuplicate {
            return StoryLink(reason: .nearDuplicate, shingles: shingles, words: words, sharedKeys: shared)
        }
        guard let da = a.day, let db = b.day, abs(da - db) <= thresholds.windowDays else { return nil }
        if words >= thresholds.rewriteWords, shared.count >= thresholds.rewriteKeys {
            return StoryLink(reason: .rewrite, shingles: shingles, words: words, sharedKeys: shared)
        }
        return nil
    }
}
