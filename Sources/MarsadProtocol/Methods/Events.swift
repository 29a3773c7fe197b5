// Params and results of each method. Property names are camelCase here and snake_case on
// the wire (WireJSON), so `receivedAt` travels as "received_at".

import MarsadModel

// MARK: events.list, places.list, actors.list, timeline

/// Filters shared by `events.list` and `timeline`; each absent is "any".
public struct EventFilterParams: Codable, Sendable, Equatable {
    /// An incident type: arrest, airstrike, raid, attack, explosion, assassination, clash, abduction, execution, foiled-plot, seizure.
    public var type: String?
    /// A place: any Arabic spelling, its English name, or a p-code (SY09); a country's name or ISO code.
    public var place: String?
    /// An actor id (ISIS, SDF, SY-GOV…) or a name the news uses (قسد).
    public var actor: String?
    /// Inclusive ISO dates (2025-10-01).
    public var since: String?
    public var until: String?
    public var limit: Int?
    /// timeline only: "day" (default) or "week".
    public var by: String?
    public init(
        type: String? = nil, place: String? = nil, actor: String? = nil, since: String? = nil, until: String? = nil,
        limit: Int? = nil, by: String? = nil
    ) {
        self.type = type
        self.place = place
        self.actor = actor
        self.since = since
        self.until = until
        self.limit = limit
        self.by = by
    }
}

public struct EventItem: Codable, Sendable, Equatable {
    public var id: Int64
    public var articleId: Int64
    public var file: String
    public var event: ExportRecord.Event
    public init(id: Int64, articleId: Int64, file: String, event: ExportRecord.Event) {
        self.id = id
        self.articleId = articleId
        self.file = file
        self.event = event
    }
}

public struct EventsResult: Codable, Sendable, Equatable {
    public var events: [EventItem]
    public init(events: [EventItem]) { self.events = events }
}

/// How often a place or an actor is named: the store's record, on the wire as it is
/// (MarsadModel/Store/Queries.swift).
public typealias CountItem = NamedCount

public struct PlacesResult: Codable, Sendable, Equatable {
    public var governorates: [CountItem]
    public var countries: [CountItem]
    public var localities: [CountItem]
    public init(governorates: [CountItem], countries: [CountItem], localities: [CountItem]) {
        self.governorates = governorates
        self.countries = countries
        self.localities = localities
    }
}

public struct ActorsResult: Codable, Sendable, Equatable {
    public var actors: [CountItem]
    public init(actors: [CountItem]) { self.actors = actors }
}

public struct TimelineBucket: Codable, Sendable, Equatable {
    /// The day, or the Monday that starts the week.
    public var start: String
    public var count: Int
    public init(start: String, count: Int) {
        self.start = start
        self.count = count
    }
}

public struct TimelineResult: Codable, Sendable, Equatable {
    public var by: String
    public var buckets: [TimelineBucket]
    /// Matching incidents with no date (neither written nor an article's publication date).
    public var undated: Int?
    /// Matching incidents older than the first bucket: a timeline holds at most 3,660
    /// buckets, the newest.
    public var earlier: Int?
    public init(by: String, buckets: [TimelineBucket], undated: Int? = nil, earlier: Int? = nil) {
        self.by = by
        self.buckets = buckets
        self.undated = undated
        self.earlier = earlier
    }
}
