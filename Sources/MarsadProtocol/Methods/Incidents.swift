// Stories and incidents across articles (issue 17): `stories.list`, `incidents.list`,
// `incidents.get`. Property names are camelCase here and snake_case on the wire.

import MarsadModel

// MARK: stories.list

public struct StoriesParams: Codable, Sendable, Equatable {
    /// Stories of at least this many articles (default 2: a story told once is no story to merge).
    public var minSize: Int?
    public var limit: Int?
    public init(minSize: Int? = nil, limit: Int? = nil) {
        self.minSize = minSize
        self.limit = limit
    }
}

/// A story on the wire as the store's record is (MarsadModel/Store/Stories.swift).
public typealias StoryItem = StorySummary

public struct StoriesResult: Codable, Sendable, Equatable {
    public var stories: [StoryItem]
    public init(stories: [StoryItem]) { self.stories = stories }
}

// MARK: incidents.list, incidents.get

/// An incident as its reports make it, on the wire as the model's record is
/// (MarsadModel/MergedIncident.swift).
public typealias IncidentItem = MergedIncident

public struct IncidentsResult: Codable, Sendable, Equatable {
    public var incidents: [IncidentItem]
    public init(incidents: [IncidentItem]) { self.incidents = incidents }
}

/// `incidents.get`: one incident and every report of it, with why each was merged.
public struct IncidentDetailResult: Codable, Sendable, Equatable {
    public var incident: IncidentItem
    public var reports: [IncidentReport]
    public init(incident: IncidentItem, reports: [IncidentReport]) {
        self.incident = incident
        self.reports = reports
    }
}
