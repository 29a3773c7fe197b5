// MarsadPipeline: a file's bytes to the article marsad keeps, in one pure function (no
// I/O) with every bound the daemon applies. marsadd, the fuzz targets, the gold tests and
// marsad-corpus-report all call it.
import MarsadExtract
import MarsadModel
import MarsadText

/// What a deployment may choose about deriving (`[ingest]` in marsad.toml).
public struct PipelineOptions: Sendable, Equatable {
    /// How a date in a file name is read when the text gives no publication date
    /// (`ingest.filename_date_order`); nil: file names are not read for dates.
    public var fileNameDateOrder: DateOrder?

    public init(fileNameDateOrder: DateOrder? = .ymd) { self.fileNameDateOrder = fileNameDateOrder }
}

/// What marsadd knows of a file besides its bytes and name: the outlet the operator named
/// for its drop folder, and the lines learned as boilerplate where it comes from.
public struct DropContext: Sendable, Equatable {
    /// `[outlets]` in marsad.toml: the outlet of every file dropped in this folder.
    public var folderOutlet: String?
    /// Keys (`Cleaning.lineKey`) of lines that recur in enough articles of the file's
    /// outlet or drop folder to be boilerplate (`ingest.boilerplate_repeats`).
    public var learnedLines: Set<String>

    public init(folderOutlet: String? = nil, learnedLines: Set<String> = []) {
        self.folderOutlet = folderOutlet
        self.learnedLines = learnedLines
    }
}

/// Decode, read the article format, clean, restore disguised words, read metadata, make
/// the search forms, extract places, actors, people, quantities and incidents.
public enum Pipeline {
    /// Everything marsad derives from a file's bytes: one function for ingest, reprocess,
    /// fuzzing, the gold scores and the corpus report. `receivedAt` (ISO 8601) is when the
    /// file arrived: the last resort of an incident's date. Throws when the bytes are no
    /// article (empty, binary, undecodable, a `.json` that is no JSON article...).
    public static func derive(
        bytes: [UInt8], fileName: String, receivedAt: String? = nil, options: PipelineOptions = PipelineOptions(),
        context: DropContext = DropContext()
    ) throws(DecodeError) -> ArticleRecord {
        let decoded = try TextDecoding.decode(bytes)
        let article = ArticleExtraction.extract(
            from: try ArticleInput.parse(decoded, fileName: fileName), folderOutlet: context.folderOutlet, learned: context.learnedLines)
        let metadata = datedByFileName(
            ArticleMetadata(
                outletAr: article.outlet?.ar, outletEn: article.outlet?.en,
                published: article.published?.value, publishedPrecision: article.published?.precision.rawValue,
                publishedBasis: article.published == nil ? nil : "text", dates: article.dates.map(\.value)),
            fileName: fileName, options: options)
        let reference = referenceDate(metadata, receivedAt: receivedAt)
        return ArticleRecord(
            encoding: decoded.encoding.rawValue, title: article.title, cleanText: article.cleanText,
            removedLines: article.removedLines.map { RemovedLine(line: $0.line, rule: $0.rule) },
            index: indexForms(title: article.title, text: article.searchText),
            edits: article.edits,
            metadata: metadata,
            findings: findings(cleanText: article.cleanText, title: article.title, reference: reference))
    }

    /// `metadata` with the publication date a file's name gives when the text gives none
    /// (`options.fileNameDateOrder`), its basis "filename".
    public static func datedByFileName(_ metadata: ArticleMetadata, fileName: String, options: PipelineOptions) -> ArticleMetadata {
        guard metadata.published == nil, let order = options.fileNameDateOrder, let named = Dates.inFileName(fileName, order: order) else {
            return metadata
        }
        var dated = metadata
        (dated.published, dated.publishedPrecision, dated.publishedBasis) = (named.value, named.precision.rawValue, "filename")
        return dated
    }

    /// The date an article's incidents are dated by when they give none: its publication
    /// date (from the text, else its file name), else the day it was received.
    public static func referenceDate(_ metadata: ArticleMetadata, receivedAt: String?) -> (date: FoundDate, basis: String)? {
        if let published = metadata.published {
            let precision = FoundDate.Precision(rawValue: metadata.publishedPrecision ?? "") ?? .day
            return (FoundDate(value: published, precision: precision), metadata.publishedBasis == "filename" ? "filename" : "published")
        }
        guard let receivedAt, receivedAt.count >= 10 else { return nil }
        return (FoundDate(value: String(receivedAt.prefix(10)), precision: .day), "received")
    }

    /// What the full-text index holds for an article.
    public static func indexForms(title: String?, text: String) -> IndexForms {
        indexForms(title: title, text: SearchText(text))
    }

    /// The same, from the text's search form already made (ingest makes it once per article).
    public static func indexForms(title: String?, text: SearchText) -> IndexForms {
        let titleForms = Normalization.indexForms(title ?? "")
        let textForms = Normalization.indexForms(text)
        return IndexForms(
            title: titleForms.words, titleVariants: titleForms.variants,
            text: textForms.words, textVariants: textForms.variants)
    }

    /// Extraction reads at most this much of an article's clean text (whole lines). A news
    /// article is a few KiB; a 10 MiB "article" would hold the single ingest queue for tens
    /// of seconds (watchdog: 30 s) for nothing an analyst wants. Search indexes all of it.
    public static let findingsLimitBytes = 256 * 1024

    /// The leading whole lines of `text` within `limit` UTF-8 bytes (all of it when shorter).
    public static func leadingLines(_ text: String, limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        let window = Array(text.utf8.prefix(limit + 1))
        var end = window[..<limit].lastIndex(of: 0x0A) ?? limit
        while end > 0, window[end] & 0xC0 == 0x80 { end -= 1 }  // never inside a character
        return String(decoding: window[..<end], as: UTF8.self)
    }

    /// What extraction reads out of an article, as the store keeps it; `reference` dates the
    /// incidents that give no date of their own (`referenceDate`).
    public static func findings(cleanText: String, title: String?, reference: (date: FoundDate, basis: String)?) -> FindingsRecord {
        let findings = FindingsReader.read(
            leadingLines(cleanText, limit: findingsLimitBytes), title: title, published: reference?.date,
            referenceBasis: reference?.basis ?? "published")
        return FindingsRecord(
            version: FindingsReader.version,
            places: findings.places.map { mention in
                let place = mention.place
                return .init(
                    nameAr: place.nameAr, nameEn: place.nameEn, kind: place.kind.rawValue, country: place.country, admin1: place.admin1,
                    pcode: place.pcode, division: place.division, lat: place.lat, lon: place.lon, qualifier: mention.qualifier,
                    sentence: mention.sentence)
            },
            actors: findings.actors.map { .init(id: $0.id, form: $0.form, sentence: $0.sentence) },
            people: findings.people.map { .init(name: $0.name, role: $0.role) },
            media: findings.media,
            quantities: findings.quantities.map { .init(value: $0.value, qualifier: $0.qualifier, text: $0.text) },
            incidents: findings.incidents.map(record))
    }

    /// An incident as the store keeps it.
    static func record(_ incident: Incident) -> FindingsRecord.Incident {
        let location = incident.location
        var record = FindingsRecord.Incident(
            type: incident.kind.rawValue, agents: incident.agents, target: incident.target, places: incident.places.map(\.nameAr),
            admin1: incident.admin1, country: incident.country, lat: location.lat, lon: location.lon, count: incident.count,
            countQualifier: incident.countQualifier, date: incident.date, datePrecision: incident.datePrecision,
            relativeDate: incident.relativeDate, evidence: incident.evidence, evidenceStart: incident.evidenceStart,
            evidenceEnd: incident.evidenceEnd, confidence: incident.confidence)
        record.also = incident.also.map(\.rawValue)
        record.dateBasis = incident.dateBasis
        record.division = location.division
        record.geoPrecision = location.precision
        for (role, figure) in incident.figures { record[role] = figure }
        return record
    }
}
