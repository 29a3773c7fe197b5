import MarsadModel
import MarsadText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// When two reports are one incident (issue 17: "Incidents across articles"), and why.
///
/// Two reports (of two articles, or two of one article that over-reads its happening) are
/// the same incident when
/// - their types agree: the same, one's type among the other's "also", or a pair of
///   `Resources/compatible-types.tsv`;
/// - the days their texts give agree: two written dates are the same day; a day read from
///   "أمس" or a weekday is within a day of the other when both reports are of one day;
///   otherwise the days (given, else the report's) are at most `windowDays` apart;
/// - their places agree at the finest level both give: two localities are the same place
///   (a shared name, or within 25 km); a locality and a division, or two divisions, are in
///   the same division; two reports that agree only on the country (or of which one names
///   no place) are one incident only when it is the only one of that country, type and
///   days the report could be (`IncidentGrouping`);
/// - their actors do not conflict: two reports that each name who did it name someone in
///   common, and the targets they name are the same (decisive only beyond one locality).
/// Within one story (`StoryRules`: the same news told by two articles), only the texts' own
/// places and days decide: countries, divisions and actors read from the rest of each text
/// do not; and the two articles' lead reports (each one's first incident) are the story's
/// news, one incident unless both write out different dates. One article's reports of one
/// type at two places are two operations.
public enum IncidentRules {
    public typealias Options = IncidentMergeOptions

    /// What agreed between two reports.
    public struct Agreement: Sendable, Equatable {
        /// "type", "place", "division", "country", "date", "actors", "story": in this order.
        public var fields: [String]
        /// The finest level the places agree at: 1 locality, 3 division, 4 country.
        public var level: Int
    }

    public enum Verdict: Sendable, Equatable {
        case same(Agreement)
        /// All agrees, but the places only at the country (or one report names none), and the
        /// reports are of two stories: one incident only if it is the only one it could be.
        case coarse(Agreement)
        /// Not shown to be the same, with nothing against it (days too far apart).
        case unknown
        /// Something says they are two incidents.
        case conflict(Conflict)
    }

    /// What says two reports are two incidents: the field and the two values.
    public struct Conflict: Sendable, Equatable, CustomStringConvertible {
        public enum Field: String, Sendable {
            case types, dates, places, countries, divisions, governorates, actors, targets
        }
        public var field: Field
        public var values: (String, String)

        public init(_ field: Field, _ a: String, _ b: String) {
            self.field = field
            values = (a, b)
        }

        /// Where and when (dates, places, countries, divisions): what the reports of one
        /// incident cannot disagree on. Types and actors can: one report of an incident says
        /// attack and names no one, another explosion by ISIS.
        public var isWhereOrWhen: Bool { ![.types, .actors, .targets].contains(field) }

        public var description: String { "\(field.rawValue) \(values.0) and \(values.1)" }

        public static func == (a: Conflict, b: Conflict) -> Bool { a.field == b.field && a.values == b.values }
    }

    public static func compare(_ a: IncidentMention, _ b: IncidentMention, _ options: Options = Options()) -> Verdict {
        let x = a.incident
        let y = b.incident
        guard typesAgree(x, y) else { return .conflict(Conflict(.types, x.type, y.type)) }
        var fields = ["type"]
        // Reports of one story are the same news: what their texts say of the place and the
        // day decides; divisions, countries and actors, which extraction reads from the rest
        // of each text, do not. Two reports of one article are not two tellings of the news.
        let sameStory = a.storyID != nil && a.storyID == b.storyID && a.articleID != b.articleID

        // The lead reports of two articles of one story (each article's first incident: its
        // headline's, its first lines') are that story's news: one incident, whatever
        // place or day the rest of each text lends them (an announcement's day read as the
        // strike's, the governorate of a town misread); two dates both written out still
        // tell two days apart.
        let written = x.dateBasis == "stated" && y.dateBasis == "stated" && x.date != y.date
        if sameStory && a.position == 0 && b.position == 0 && !written {
            return .same(Agreement(fields: ["type", "story", "lead"], level: 1))
        }

        // Days the texts give. A day read from "الأحد" or "أمس" may be a day off (a report
        // written after midnight, a weekday read against the wrong week): two reports of one
        // day must agree within a day, unless both dates are written out.
        let dayX = a.day
        let dayY = b.day
        if let dx = dayX, let dy = dayY, dx.explicit, dy.explicit {
            let written = x.dateBasis == "stated" && y.dateBasis == "stated"
            let tolerance = written || a.reportDay != b.reportDay ? 0 : 1
            if abs(dx.number - dy.number) > tolerance {
                return .conflict(Conflict(.dates, DayNumber.iso(min(dx.number, dy.number)), DayNumber.iso(max(dx.number, dy.number))))
            }
        }

        // Places, at the finest level both give.
        let localX = (x.geoPrecision ?? 4) <= 2 && !x.places.isEmpty
        let localY = (y.geoPrecision ?? 4) <= 2 && !y.places.isEmpty
        if localX && localY && !samePlace(x, y) {
            return .conflict(Conflict(.places, x.places.first ?? "", y.places.first ?? ""))
        }
        // One article's reports of one type, each at a place of its own, are operations it
        // tells apart (a statement listing arrests in two towns); a report of it without a
        // place finer than the country is its vaguer mention of one of them.
        let sameArticle = a.articleID == b.articleID
        if sameArticle, x.type == y.type, (x.geoPrecision ?? 4) <= 3, (y.geoPrecision ?? 4) <= 3,
            let px = x.places.first.map(Normalization.search), let py = y.places.first.map(Normalization.search), px != py
        {
            return .conflict(Conflict(.places, x.places.first ?? "", y.places.first ?? ""))
        }
        // One article's reports in two divisions are two incidents; its reports' countries
        // and actors are read as loosely as two articles' of one story ("غارة إسرائيلية على
        // غزة" gives Israel and Palestine).
        if !sameStory {
            if !sameArticle, let cx = x.country, let cy = y.country, cx != cy { return .conflict(Conflict(.countries, cx, cy)) }
            if let dx = x.division, let dy = y.division, dx != dy { return .conflict(Conflict(.divisions, dx, dy)) }
            if let ax = x.admin1, let ay = y.admin1, ax != ay { return .conflict(Conflict(.governorates, ax, ay)) }
        }
        let level: Int
        if localX && localY {
            level = 1
            fields.append("place")
        } else if (x.division ?? x.admin1) != nil && (y.division ?? y.admin1) != nil && (x.division ?? x.admin1) == (y.division ?? y.admin1) {
            level = 3
            fields.append("division")
        } else if x.country != nil && x.country == y.country {
            level = 4
            fields.append("country")
        } else {
            level = 5
        }

        // Days apart: outside one story, at most the window.
        if let dx = dayX, let dy = dayY, abs(dx.number - dy.number) <= options.windowDays {
            fields.append("date")
        } else if !sameStory {
            return .unknown
        }

        // Actors. Who did it is the field reports get wrong most (a government that reports
        // an attack read as its agent): at one place, or within one story, it is noted, not
        // decisive; further apart it is.
        let px = a.participants
        let py = b.participants
        let decisive = level > 1 && !sameStory && !sameArticle
        if !px.isEmpty && !py.isEmpty {
            if !px.isDisjoint(with: py) {
                fields.append("actors")
            } else if decisive {
                return .conflict(Conflict(.actors, px.sorted().joined(separator: " "), py.sorted().joined(separator: " ")))
            }
        }
        if decisive, x.type != "clash", y.type != "clash", let tx = x.target, let ty = y.target, tx != ty {
            return .conflict(Conflict(.targets, tx, ty))
        }
        if sameStory { fields.append("story") }
        let agreement = Agreement(fields: fields, level: level)
        return level >= 4 && !sameStory ? .coarse(agreement) : .same(agreement)
    }

    /// Two localities are one place when the most specific place of one is among the places
    /// of the other (in search form, so that "مُنستر" is "منستر"; the wider places both name,
    /// a country, say nothing), or they lie within `nearbyKilometres` of each other (two
    /// spellings of a town).
    static func samePlace(_ x: FindingsRecord.Incident, _ y: FindingsRecord.Incident) -> Bool {
        let px = x.places.map(Normalization.search)
        let py = y.places.map(Normalization.search)
        if let first = px.first, py.contains(first) { return true }
        if let first = py.first, px.contains(first) { return true }
        guard let lx = x.lat, let ox = x.lon, let ly = y.lat, let oy = y.lon else { return false }
        return kilometres(lx, ox, ly, oy) <= nearbyKilometres
    }

    static let nearbyKilometres = 25.0

    /// Great-circle distance (haversine, mean Earth radius).
    static func kilometres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let rad = Double.pi / 180
        let dLat = (lat2 - lat1) * rad
        let dLon = (lon2 - lon1) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371 * asin(min(1, h.squareRoot()))
    }

    static func typesAgree(_ x: FindingsRecord.Incident, _ y: FindingsRecord.Incident) -> Bool {
        if x.type == y.type || x.also.contains(y.type) || y.also.contains(x.type) { return true }
        return CompatibleTypes.pairs.contains(CompatibleTypes.key(x.type, y.type))
    }
}

/// The pairs of `Resources/compatible-types.tsv`.
public enum CompatibleTypes {
    static let pairs = Set(
        DataFile.rows(PackageResources.compatible_types_tsv).filter { $0.count >= 2 }.map { key(String($0[0]), String($0[1])) })

    static func key(_ a: String, _ b: String) -> String { a < b ? a + " " + b : b + " " + a }
}

extension CompatibleTypes {
    /// The types a report of `type` may be the same incident as: itself and its pairs.
    public static func partners(of type: String) -> Set<String> {
        var set: Set<String> = [type]
        for pair in pairs {
            let parts = pair.split(separator: " ").map(String.init)
            if parts[0] == type { set.insert(parts[1]) } else if parts[1] == type { set.insert(parts[0]) }
        }
        return set
    }
}
