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

// MARK: incidents.export

public struct IncidentsExportParams: Codable, Sendable, Equatable {
    /// Incidents with a larger id than this (paging: the last id of the previous answer).
    public var afterId: Int64?
    public var limit: Int?
    public init(afterId: Int64? = nil, limit: Int? = nil) {
        self.afterId = afterId
        self.limit = limit
    }
}

/// One line of `export --incidents`: the incident, then its reports.
public struct IncidentExportRecord: Codable, Sendable, Equatable {
    public var incident: IncidentItem
    public var reports: [IncidentReport]
    public init(incident: IncidentItem, reports: [IncidentReport]) {
        self.incident = incident
        self.reports = reports
    }

    enum CodingKeys: String, CodingKey { case reports }

    /// Flat on the wire: the incident's fields and "reports" beside them.
    public func encode(to encoder: any Encoder) throws {
        try incident.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reports, forKey: .reports)
    }

    public init(from decoder: any Decoder) throws {
        incident = try IncidentItem(from: decoder)
        reports = try decoder.container(keyedBy: CodingKeys.self).decode([IncidentReport].self, forKey: .reports)
    }
}

public struct IncidentsExportResult: Codable, Sendable, Equatable {
    public var incidents: [IncidentExportRecord]
    /// Where the next page starts; null after the last.
    public var nextAfterId: Int64?
    public init(incidents: [IncidentExportRecord], nextAfterId: Int64?) {
        self.incidents = incidents
        self.nextAfterId = nextAfterId
    }
}

// MARK: incidents.split, incidents.join (change state: peer-checked)

public struct SplitParams: Codable, Sendable, Equatable {
    /// The incident to split.
    public var id: Int64
    /// The reports that leave it, as "ARTICLE/POSITION" (`events ID` lists them: "#12/0").
    public var reports: [String]
    public init(id: Int64, reports: [String]) {
        self.id = id
        self.reports = reports
    }
}

public struct JoinParams: Codable, Sendable, Equatable {
    /// Two incidents or more that are one.
    public var ids: [Int64]
    public init(ids: [Int64]) { self.ids = ids }
}

/// What a split or a join left: the incident the reports are now in.
public struct IncidentDecisionResult: Codable, Sendable, Equatable {
    public var incident: Int64
    public init(incident: Int64) { self.incident = incident }
}
