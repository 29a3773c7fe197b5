/// A figure an incident reports for one role: "قتل 16 شخصا على الأقل" is killed 16, at least.
/// A vague number ("العشرات") has no value, a qualifier, and ACLED's conservative estimate
/// ("dozens" 12, "tens" 10, "hundreds" 100), kept apart so that no number is invented.
public struct Figure: Sendable, Equatable {
    /// Who the figure counts.
    public enum Role: String, Sendable, CaseIterable {
        case killed, injured, captured, kidnapped
    }

    public var value: Int?
    /// "at-least", "more-than", "about", "less-than"; for a vague number "dozens", "tens",
    /// "hundreds", "thousands" or "some"; nil for an exact figure.
    public var qualifier: String?
    /// For a vague number: the figure ACLED would count.
    public var estimate: Int?

    public init(value: Int?, qualifier: String? = nil, estimate: Int? = nil) {
        self.value = value
        self.qualifier = qualifier
        self.estimate = estimate
    }
}
