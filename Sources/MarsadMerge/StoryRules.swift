import MarsadModel

/// What the story rules read of an article.
public struct StoryProfile: Sendable, Equatable {
    public var signature: StorySignature?
    /// Days since 1970 of its publication day, else the day it was received.
    public var day: Int?

    public init(signature: StorySignature?, day: Int?) {
        self.signature = signature
        self.day = day
    }
}

/// Why two articles are one story: the rule and what it measured.
public struct StoryLink: Sendable, Equatable, Codable {
    public enum Reason: String, Sendable, Codable {
        case nearDuplicate = "near-duplicate"
        case rewrite
    }
    public var reason: Reason
    /// Estimated Jaccard similarity of the 3-shingles, and weighted similarity of the leads.
    public var shingles: Double
    public var lead: Double

    public init(reason: Reason, shingles: Double, lead: Double) {
        self.reason = reason
        self.shingles = shingles
        self.lead = lead
    }
}

public enum StoryRules {
    /// The link between two articles, or nil when they tell different stories.
    public static func link(_ a: StoryProfile, _ b: StoryProfile, _ thresholds: StoryThresholds) -> StoryLink? {
        guard let sa = a.signature, let sb = b.signature else { return nil }
        let shingles = sa.nearDuplicate(sb)
        let lead = sa.leadSimilarity(sb)
        if shingles >= thresholds.nearDuplicate { return StoryLink(reason: .nearDuplicate, shingles: shingles, lead: lead) }
        guard let da = a.day, let db = b.day, abs(da - db) <= thresholds.windowDays else { return nil }
        if lead >= thresholds.rewrite { return StoryLink(reason: .rewrite, shingles: shingles, lead: lead) }
        return nil
    }
}
