import Foundation
import MarsadExtract
import MarsadModel
import MarsadProtocol
import MarsadText

/// The store's records as the control protocol's wire types, and a CLI's filters as the
/// store's: every mapping between the two, in one place. (Records whose wire form is their
/// own `Codable` form, such as `ArticleSummary` or `FindingsRecord.Incident`, need none.)
enum WireMapping {
    static func outlet(_ metadata: ArticleMetadata) -> ExportRecord.Outlet? {
        metadata.outletAr == nil && metadata.outletEn == nil ? nil : ExportRecord.Outlet(ar: metadata.outletAr, en: metadata.outletEn)
    }

    static func view(_ detail: ArticleDetail) -> ArticleView {
        var view = ArticleView(
            id: detail.summary.id, sha256: detail.sha256, file: detail.summary.file, title: detail.summary.title,
            receivedAt: detail.summary.receivedAt, size: detail.summary.size, encoding: detail.record.encoding,
            archivePath: detail.archivePath, cleanText: detail.record.cleanText,
            removedLines: detail.record.removedLines,
            sightings: detail.sightings,
            edits: detail.record.edits)
        view.outlet = outlet(detail.record.metadata)
        view.published = detail.record.metadata.published
        view.publishedPrecision = detail.record.metadata.publishedPrecision
        view.publishedBasis = detail.record.metadata.publishedBasis
        view.dates = detail.record.metadata.dates
        if let findings = detail.record.findings {
            let record = exportRecord(detail)
            view.places = record.places
            view.actors = record.actors
            view.people = record.people
            view.citedMedia = record.citedMedia
            view.quantities = record.quantities
            view.events = record.events
            view.extractorVersion = findings.version
        }
        return view
    }

    /// A CLI's filter resolved against the gazetteer and the actor table.
    static func incidentFilter(_ request: EventFilterParams, limit: Int) throws -> IncidentFilter {
        var filter = IncidentFilter(limit: limit)
        if let type = request.type {
            guard Incident.Kind(rawValue: type) != nil else {
                throw RPCError.invalidParams(
                    "unknown incident type \"\(type)\"; the types are \(Incident.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.type = type
        }
        if let name = request.place {
            if name.count == 2, name.allSatisfy({ $0.isLetter && $0.isASCII }) {
                filter.country = name.uppercased()
            } else if let place = Lookup.place(name) {
                switch place.kind {
                case .governorate: filter.admin1 = place.pcode
                case .province: filter.division = place.division
                case .country: filter.country = place.country
                default: filter.placeName = place.nameAr
                }
            } else {
                throw RPCError.invalidParams("no place called \"\(name)\" in the gazetteer; try its Arabic name, its English name or a p-code (SY09)")
            }
        }
        if let name = request.actor {
            guard let actor = Lookup.actor(name) else {
                throw RPCError.invalidParams("no actor \"\(name)\"; try an id such as ISIS, SDF, SY-GOV (marsadctl actors lists them)")
            }
            filter.actor = actor
        }
        for (key, value) in [("since", request.since), ("until", request.until)] {
            guard let value else { continue }
            guard Dates.isCalendarDate(value) else {
                throw RPCError.invalidParams("\"\(key)\" must be a calendar date like 2025-10-26, not \"\(value)\"")
            }
        }
        if let since = request.since, let until = request.until, since > until {
            throw RPCError.invalidParams("\"since\" (\(since)) is after \"until\" (\(until)): no day is in that range")
        }
        filter.since = request.since
        filter.until = request.until
        return filter
    }

    /// Place counts, with the names of countries the text named only by a code or an
    /// adjective filled from the gazetteer.
    static func places(_ counts: (governorates: [NamedCount], countries: [NamedCount], localities: [NamedCount])) -> PlacesResult {
        PlacesResult(
            governorates: counts.governorates,
            countries: counts.countries.map { count in
                var item = count
                let country = Lookup.country(count.key)
                item.nameAr = item.nameAr ?? country?.nameAr
                item.nameEn = item.nameEn ?? country?.nameEn
                return item
            },
            localities: counts.localities)
    }

    /// Actor counts with each actor's English name.
    static func actors(_ counts: [NamedCount]) -> ActorsResult {
        ActorsResult(
            actors: counts.map { count in
                var item = count
                item.nameEn = Lookup.actorNames[count.key] ?? governmentName(count.key)
                return item
            })
    }

    /// "US-GOV" -> "United States government".
    private static func governmentName(_ id: String) -> String? {
        guard id.hasSuffix("-GOV") else { return nil }
        let code = String(id.dropLast(4))
        return Lookup.country(code).map { "\($0.nameEn) government" } ?? "\(code) government"
    }

    static func exportRecord(_ detail: ArticleDetail) -> ExportRecord {
        var record = ExportRecord(
            id: detail.summary.id, sha256: detail.sha256, file: detail.summary.file, title: detail.summary.title,
            outlet: outlet(detail.record.metadata), published: detail.record.metadata.published, receivedAt: detail.summary.receivedAt,
            cleanText: detail.record.cleanText, removedLines: detail.record.removedLines.map(\.line))
        record.publishedBasis = detail.record.metadata.publishedBasis
        record.storyId = detail.storyID
        guard let findings = detail.record.findings else { return record }
        // Each place, actor and person once, in the order first named.
        var seenPlaces = Set<String>()
        var seenActors = Set<String>()
        for place in findings.places where seenPlaces.insert(place.nameAr).inserted {
            record.places.append(place)
        }
        for actor in findings.actors where seenActors.insert(actor.id).inserted {
            record.actors.append(ExportRecord.Actor(id: actor.id, nameAr: actor.form, body: ActorBody.of(form: actor.form, id: actor.id)))
        }
        record.people = findings.people
        record.citedMedia = findings.media
        record.quantities = findings.quantities
        record.events = findings.incidents
        record.extractorVersion = findings.version
        return record
    }
}
