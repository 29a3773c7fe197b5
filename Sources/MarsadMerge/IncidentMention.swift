import MarsadModel

/// One article's report of an incident, as merging reads it.
public struct IncidentMention: Sendable, Equatable {
    /// Where the report is: its article and its position among that article's incidents.
    public var articleID: Int64
    public var position: Int
    /// The article's story (`StoryRules`): reports of one story may merge on less.
    public var storyID: Int64?
    /// The article's outlet, for the count of outlets.
    public var outlet: String?
    /// Days since 1970 of the article's publication day, else the day it was received.
    public var reportDay: Int?
    public var incident: FindingsRecord.Incident

    public init(articleID: Int64, position: Int, storyID: Int64?, outlet: String?, reportDay: Int?, incident: FindingsRecord.Incident) {
        self.articleID = articleID
        self.position = position
        self.storyID = storyID
        self.outlet = outlet
        self.reportDay = reportDay
        self.incident = incident
    }

    /// The day the incident happened as the report tells it, and whether the text says so
    /// ("stated", "relative") or it is only the day of the report.
    public var day: (number: Int, explicit: Bool)? {
        if incident.datePrecision == "day", let number = DayNumber.of(incident.date) {
            return (number, incident.dateBasis == "stated" || incident.dateBasis == "relative")
        }
        return reportDay.map { ($0, false) }
    }

    /// Who took part: the agents, and for a clash its other side too.
    var participants: Set<String> {
        var set = Set(incident.agents)
        if incident.type == "clash", let target = incident.target { set.insert(target) }
        return set
    }
}
