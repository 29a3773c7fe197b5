/// When two articles tell one story (MarsadMerge.StoryRules), as the config sets it (`[merge]`):
/// - near-duplicates: the same text, lightly edited (a wire report copied with another
///   title, a paragraph more or less, a word changed): the MinHash estimate of the Jaccard
///   similarity of their word 3-shingles reaches `nearDuplicate`, at any distance in time;
/// - rewrites: the same news in other words: the words of their leads, weighted by rarity,
///   overlap by `rewrite` or more, and their days (publication, else received) are at most
///   `windowDays` apart.
public struct StoryThresholds: Sendable, Equatable {
    public var nearDuplicate: Double
    public var rewrite: Double
    public var windowDays: Int

    public init(nearDuplicate: Double = 0.5, rewrite: Double = 0.17, windowDays: Int = 1) {
        self.nearDuplicate = nearDuplicate
        self.rewrite = rewrite
        self.windowDays = windowDays
    }
}

/// When two reports of an incident may be one by their days (MarsadMerge.IncidentRules).
public struct IncidentMergeOptions: Sendable, Equatable {
    /// Days at most between two reports' days, where the texts do not both state the day.
    public var windowDays: Int
    public init(windowDays: Int = 1) { self.windowDays = windowDays }
}

/// What the config chooses about merging (`[merge]`): the story thresholds and the
/// incidents' day window.
public struct MergeOptions: Sendable, Equatable {
    public var stories: StoryThresholds
    public var incidents: IncidentMergeOptions
    /// Candidates read per LSH band at most, the newest: a band key shared by thousands
    /// of articles (a text of boilerplate) costs no more than this.
    public var candidatesPerBand: Int

    public init(stories: StoryThresholds = StoryThresholds(), incidents: IncidentMergeOptions = IncidentMergeOptions(), candidatesPerBand: Int = 50) {
        self.stories = stories
        self.incidents = incidents
        self.candidatesPerBand = candidatesPerBand
    }
}
