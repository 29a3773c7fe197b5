@preconcurrency import Dispatch
import Foundation
import Logging
import MarsadExtract
import MarsadProtocol
import MarsadStore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Who is on the other end of a control connection: SO_PEERCRED's uid and gid, and the
/// groups of that uid, all taken once, when it connects. Nothing is read from /proc/PID
/// later: the peer may have exited and its pid gone to another process by then.
public struct PeerCredentials: Sendable, Equatable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32
    /// The primary gid and the supplementary groups of the uid's user (getgrouplist).
    public var groups: [UInt32]

    public init(pid: Int32, uid: UInt32, gid: UInt32, groups: [UInt32]? = nil) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.groups = groups ?? [gid]
    }

    /// The credentials of a peer that connected as `uid`/`gid`, with its user's groups.
    public static func atConnect(pid: Int32, uid: UInt32, gid: UInt32) -> PeerCredentials {
        PeerCredentials(pid: pid, uid: uid, gid: gid, groups: groups(ofUser: uid, primary: gid))
    }

    static func groups(ofUser uid: uid_t, primary: gid_t) -> [gid_t] {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &found) == 0, found != nil, let name = entry.pw_name else { return [primary] }
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(name, primary, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            guard getgrouplist(name, primary, &groups, &count) >= 0 else { return [primary] }
        }
        return Array(groups.prefix(Int(count)))
    }
}

/// Read access to the store for the control server, off the event loop. WAL readers see
/// the latest commit without blocking the writer. Requests run on lanes, each a read-only
/// connection owned by a serial queue: `status` and `version` have a lane of their own, so
/// they never wait behind a query; queries take the least busy of the others, each under a
/// budget (`control.query_timeout_ms`), cancelled when its task is (its client went away,
/// marsadd is stopping).
public final class ReadStore: @unchecked Sendable {
    /// Which lane a request runs on.
    public enum Lane: Sendable {
        /// Small fixed reads (counts, schema version): never behind a query.
        case quick
        /// Everything else.
        case query
    }

    private final class Reader: @unchecked Sendable {
        let queue: DispatchQueue
        var reader: StoreReader?
        let load = Atomic<Int>(0)
        init(_ label: String) { queue = DispatchQueue(label: label) }
    }

    private let path: String
    private let budgetMilliseconds: @Sendable () -> Int
    private let quick = Reader("marsad.read.quick")
    private let queries = (1...ReadStore.queryLanes).map { Reader("marsad.read.\($0)") }
    private let running = Mutex<[ObjectIdentifier: QueryBudget]>([:])
    static let queryLanes = 3

    public init(path: String, budgetMilliseconds: @escaping @Sendable () -> Int = { 5_000 }) {
        self.path = path
        self.budgetMilliseconds = budgetMilliseconds
    }

    public func read<T: Sendable>(_ lane: Lane = .query, _ body: @escaping @Sendable (StoreReader) throws -> T) async throws -> T {
        let target = lane == .quick ? quick : queries.min { $0.load.load(ordering: .relaxed) < $1.load.load(ordering: .relaxed) }!
        let budget = QueryBudget(milliseconds: budgetMilliseconds())
        let key = ObjectIdentifier(budget)
        running.withLock { $0[key] = budget }
        target.load.add(1, ordering: .relaxed)
        defer {
            target.load.subtract(1, ordering: .relaxed)
            running.withLock { _ = $0.removeValue(forKey: key) }
        }
        let result: Result<T, any Error> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                target.queue.async {
                    do {
                        guard !budget.isSpent else { throw StoreError(.timedOut, "the request was cancelled before it ran") }
                        if target.reader == nil { target.reader = try StoreReader(path: self.path) }
                        let reader = target.reader!
                        reader.setBudget(budget)
                        defer { reader.setBudget(nil) }
                        continuation.resume(returning: .success(try body(reader)))
                    } catch {
                        continuation.resume(returning: .failure(error))
                    }
                }
            }
        } onCancel: {
            budget.cancel()
        }
        return try result.get()
    }

    /// Stops the requests in hand and drops the connections (at shutdown).
    public func close() {
        running.withLock { $0.values.forEach { $0.cancel() } }
        for lane in [quick] + queries { lane.queue.sync { lane.reader = nil } }
    }
}

/// Everything the control methods act on.
public struct ControlContext: Sendable {
    public var live: LiveConfig
    public var reloader: Reloader
    public var store: ReadStore
    public var ingestor: Ingestor
    public var watcher: Watcher
    public var failed: FailedFolder
    public var startedAt: Date
    public var version: String
}

/// Answers one JSON-RPC request line. Transport-free: the control server feeds it lines
/// and writes back what it returns; tests call it directly.
public struct ControlHandler: Sendable {
    public let context: ControlContext
    private let logger: Logger

    public init(context: ControlContext, logger: Logger) {
        self.context = context
        self.logger = logger
    }

    /// The admin group's id, looked up at each check: a reload may change the group.
    private var adminGroupID: gid_t? {
        guard let name = context.live.current.adminGroup, let group = getgrnam(name) else { return nil }
        return group.pointee.gr_gid
    }

    /// The response line (without newline) for one request line; nil for a notification
    /// (a request without "id"), which JSON-RPC 2.0 runs but never answers.
    public func respond(to line: Data, peer: PeerCredentials?) async -> Data? {
        let envelope: RequestEnvelope
        do {
            envelope = try RequestParser.envelope(line)
        } catch {
            return encode(Response<NoParams>(id: nil, error: error))
        }
        let answer = await respond(to: envelope, line: line, peer: peer)
        return envelope.isNotification ? nil : answer
    }

    private func respond(to envelope: RequestEnvelope, line: Data, peer: PeerCredentials?) async -> Data {
        guard envelope.jsonrpc == "2.0", let name = envelope.method else {
            return encode(Response<NoParams>(id: envelope.id, error: .invalidRequest("\"jsonrpc\" must be \"2.0\" and \"method\" a string")))
        }
        guard let method = Method(rawValue: name) else {
            return encode(Response<NoParams>(id: envelope.id, error: .methodNotFound(name)))
        }
        if method.changesState, let denial = permissionDenial(peer) {
            logger.notice("refused \(name): \(denial)", metadata: ["MARSAD_EVENT": "permission-denied"])
            return encode(Response<NoParams>(id: envelope.id, error: RPCError(code: RPCError.permissionDeniedCode, message: denial)))
        }
        do {
            return try await dispatch(method, id: envelope.id, line: line)
        } catch let error as RPCError {
            return encode(Response<NoParams>(id: envelope.id, error: error))
        } catch let error as StoreError {
            let code: Int
            switch error.code {
            case .notFound: code = RPCError.notFoundCode
            case .badQuery: code = RPCError.badQueryCode
            case .timedOut: code = RPCError.timedOutCode
            default: code = RPCError.storeErrorCode
            }
            return encode(Response<NoParams>(id: envelope.id, error: RPCError(code: code, message: error.message)))
        } catch {
            return encode(Response<NoParams>(id: envelope.id, error: .internalError("\(error)")))
        }
    }

    /// nil when `peer` may change state: root, the daemon's own user, or the admin group.
    func permissionDenial(_ peer: PeerCredentials?) -> String? {
        guard let peer else { return "permission denied: marsadd cannot tell who is connected (SO_PEERCRED failed)" }
        if peer.uid == 0 || peer.uid == geteuid() { return nil }
        if let adminGroupID, peer.gid == adminGroupID || peer.groups.contains(adminGroupID) {
            return nil
        }
        let group = context.live.current.adminGroup.map { " or a member of group \($0)" } ?? ""
        return "permission denied: uid \(peer.uid) may read but not change marsadd's state; run as root, as the daemon's user\(group)"
    }

    private func params<P: Codable & Sendable>(_ type: P.Type, _ line: Data, required: Bool) throws -> P? {
        try RequestParser.params(type, line, required: required)
    }

    private func dispatch(_ method: Method, id: RequestID?, line: Data) async throws -> Data {
        switch method {
        case .status:
            return encode(Response(id: id, result: try await status()))
        case .reload:
            switch context.reloader.reload() {
            case .success(let result):
                return encode(Response(id: id, result: result))
            case .failure(let error):
                throw RPCError(code: RPCError.reloadRefusedCode, message: "reload refused, the previous configuration stays: \(error)")
            }
        case .reprocess:
            let request = try params(ReprocessParams.self, line, required: true)!
            let ids = request.ids ?? []
            guard request.all == true || !ids.isEmpty else {
                throw RPCError.invalidParams("give \"ids\" or \"all\": true")
            }
            let ingestor = context.ingestor
            let outcome = try await Self.offload { try ingestor.reprocess(ids: request.all == true ? nil : ids) }
            return encode(Response(id: id, result: ReprocessResult(reprocessed: outcome.reprocessed, changed: outcome.changed,
                                                                  missing: outcome.missing)))
        case .version:
            let schema = try await context.store.read(.quick) { try $0.schemaVersion() }
            return encode(Response(id: id, result: VersionResult(version: context.version, protocol: protocolVersion, schema: schema)))
        case .articlesList:
            let request = try params(ListParams.self, line, required: false) ?? ListParams()
            let limit = try clamp(request.limit, default: 50, name: "limit")
            let rows = try await context.store.read { try $0.list(limit: limit, beforeID: request.beforeId) }
            return encode(Response(id: id, result: ListResult(articles: rows.map(Self.listItem))))
        case .articlesGet:
            let request = try params(GetParams.self, line, required: true)!
            let detail = try await context.store.read { try $0.article(id: request.id) }
            return encode(Response(id: id, result: GetResult(article: Self.view(detail))))
        case .search:
            let request = try params(SearchParams.self, line, required: true)!
            let limit = try clamp(request.limit, default: 20, name: "limit")
            let slow = Self.slowQueryFault
            let hits = try await context.store.read { reader in
                if let slow, request.query == slow { try reader.spinUntilStopped() }
                return try reader.search(request.query, limit: limit, analyzer: TextAnalysis.searchAnalyzer)
            }
            return encode(Response(id: id, result: SearchResult(results: hits.map {
                SearchResultItem(id: $0.id, file: $0.file, title: $0.title, snippet: $0.snippet, rank: $0.rank, lead: $0.lead)
            })))
        case .export:
            let request = try params(ExportParams.self, line, required: false) ?? ExportParams()
            let limit = try clamp(request.limit, default: 100, name: "limit")
            let batch = try await context.store.read { try $0.exportBatch(afterID: request.afterId ?? 0, limit: limit) }
            // At most about `maxExportBytes` of text a response (and always one article):
            // a client that asks for much and never reads holds one bounded answer.
            var records: [ExportRecord] = []
            var bytes = 0
            for detail in batch {
                if !records.isEmpty, bytes + detail.cleanText.utf8.count > Self.maxExportBytes { break }
                bytes += detail.cleanText.utf8.count
                records.append(Self.exportRecord(detail))
            }
            let next = records.count == limit || records.count < batch.count ? records.last?.id : nil
            return encode(Response(id: id, result: ExportResult(articles: records, nextAfterId: next)))
        case .eventsList:
            let request = try params(EventFilterParams.self, line, required: false) ?? EventFilterParams()
            let filter = try Self.incidentFilter(request, limit: try clamp(request.limit, default: 100, name: "limit"))
            let rows = try await context.store.read { try $0.incidents(filter) }
            return encode(Response(id: id, result: EventsResult(events: rows.map {
                EventItem(id: $0.id, articleId: $0.articleID, file: $0.file, event: Self.event($0.incident))
            })))
        case .timeline:
            let request = try params(EventFilterParams.self, line, required: false) ?? EventFilterParams()
            let by = request.by ?? "day"
            guard by == "day" || by == "week" else { throw RPCError.invalidParams("\"by\" is \"day\" or \"week\", not \"\(by)\"") }
            let filter = try Self.incidentFilter(request, limit: 0)
            let perDay = try await context.store.read { try $0.incidentsPerDay(filter) }
            let timeline = Timeline.buckets(perDay.days, by: by)
            return encode(Response(id: id, result: TimelineResult(by: by, buckets: timeline.buckets, undated: perDay.undated,
                                                                  earlier: timeline.earlier > 0 ? timeline.earlier : nil)))
        case .placesList:
            let counts = try await context.store.read { try $0.placeCounts() }
            return encode(Response(id: id, result: PlacesResult(governorates: counts.governorates.map(Self.countItem),
                                                                countries: counts.countries.map { count in
                                                                    var item = Self.countItem(count)
                                                                    let country = Lookup.country(count.key)
                                                                    item.nameAr = item.nameAr ?? country?.nameAr
                                                                    item.nameEn = item.nameEn ?? country?.nameEn
                                                                    return item
                                                                },
                                                                localities: counts.localities.map(Self.countItem))))
        case .actorsList:
            let counts = try await context.store.read { try $0.actorCounts() }
            return encode(Response(id: id, result: ActorsResult(actors: counts.map { count in
                var item = Self.countItem(count)
                item.nameEn = Lookup.actorNames[count.key] ?? Self.governmentName(count.key)
                return item
            })))
        case .failedList:
            return encode(Response(id: id, result: FailedListResult(failed: try context.failed.list())))
        case .failedRetry:
            let request = try params(RetryParams.self, line, required: false) ?? RetryParams()
            let result = try context.failed.retry(request.files ?? [])
            logger.info("retrying \(result.retried.count) failed files", metadata: ["MARSAD_EVENT": "retry"])
            return encode(Response(id: id, result: result))
        case .ingestPause:
            context.ingestor.pause()
            logger.info("ingest paused", metadata: ["MARSAD_EVENT": "paused"])
            return encode(Response(id: id, result: IngestStateResult(state: "paused")))
        case .ingestResume:
            context.ingestor.resume()
            logger.info("ingest resumed", metadata: ["MARSAD_EVENT": "resumed"])
            return encode(Response(id: id, result: IngestStateResult(state: "running")))
        case .ingestRescan:
            let found = context.watcher.rescan(reason: "requested")
            return encode(Response(id: id, result: RescanResult(queued: found)))
        }
    }

    /// The text an `export` answer carries at most (one article always goes, whatever its size).
    static let maxExportBytes = 1 << 20

    /// Test-only (MARSAD_FAULT_SLOW_QUERY=WORDS): a search for exactly WORDS runs until its
    /// budget stops it, so that tests see a long query beside `status`.
    static let slowQueryFault = ProcessInfo.processInfo.environment["MARSAD_FAULT_SLOW_QUERY"]

    /// Runs blocking work (it waits for the ingest queue) off the async executor.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    public func status() async throws -> StatusResult {
        let counts = try await context.store.read(.quick) { try $0.counts() }
        let ingest = context.ingestor.snapshot
        let config = context.live.current
        let reload = context.reloader.lastReload
        return StatusResult(
            state: ingest.state, articles: counts.articles, queue: ingest.queue,
            failed: context.failed.count(), duplicates: counts.duplicates,
            uptimeS: (Date().timeIntervalSince(context.startedAt) * 10).rounded() / 10,
            inbox: config.inbox, database: config.database, version: context.version,
            pid: getpid(), startedAt: Timestamps.string(context.startedAt),
            lastIngestAt: counts.lastReceivedAt, lastError: ingest.lastError,
            configFile: context.reloader.configPath, lastReloadAt: reload.at, reloadError: reload.error,
            problems: ingest.problems)
    }

    private func clamp(_ value: Int?, default defaultValue: Int, name: String) throws -> Int {
        guard let value else { return defaultValue }
        guard (1...1000).contains(value) else { throw RPCError.invalidParams("\"\(name)\" must be between 1 and 1000") }
        return value
    }

    private func encode<R>(_ response: Response<R>) -> Data {
        do {
            return try WireJSON.line(response)
        } catch {
            let fallback = Response<NoParams>(id: response.id, error: .internalError("cannot encode the result: \(error)"))
            return (try? WireJSON.line(fallback)) ?? Data(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"internal error"}}"#.utf8)
        }
    }

    static func listItem(_ row: ArticleSummary) -> ArticleListItem {
        ArticleListItem(id: row.id, file: row.file, title: row.title, receivedAt: row.receivedAt, size: row.size, lead: row.lead)
    }

    static func outlet(_ metadata: ArticleMetadata) -> ExportRecord.Outlet? {
        metadata.outletAr == nil && metadata.outletEn == nil ? nil : ExportRecord.Outlet(ar: metadata.outletAr, en: metadata.outletEn)
    }

    static func view(_ detail: ArticleDetail) -> ArticleView {
        var view = ArticleView(id: detail.summary.id, sha256: detail.sha256, file: detail.summary.file, title: detail.summary.title,
                    receivedAt: detail.summary.receivedAt, size: detail.summary.size, encoding: detail.encoding,
                    archivePath: detail.archivePath, cleanText: detail.cleanText,
                    removedLines: detail.removedLines.map { RemovedLineItem(line: $0.line, rule: $0.rule) },
                    sightings: detail.sightings.map { SightingItem(file: $0.file, receivedAt: $0.receivedAt, archivePath: $0.archivePath) },
                    edits: detail.edits.map { EditItem(offset: $0.offset, before: $0.before, after: $0.after) })
        view.outlet = outlet(detail.metadata)
        view.published = detail.metadata.published
        view.publishedPrecision = detail.metadata.publishedPrecision
        view.dates = detail.metadata.dates
        if let findings = detail.findings {
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
                throw RPCError.invalidParams("unknown incident type \"\(type)\"; the types are \(Incident.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.type = type
        }
        if let name = request.place {
            if name.count == 2, name.allSatisfy({ $0.isLetter && $0.isASCII }) {
                filter.country = name.uppercased()
            } else if let place = Lookup.place(name) {
                switch place.kind {
                case .governorate: filter.admin1 = place.pcode
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
            guard value.count == 10, value.split(separator: "-").count == 3, value.split(separator: "-").allSatisfy({ Int($0) != nil }) else {
                throw RPCError.invalidParams("\"\(key)\" must be a date like 2025-10-26, not \"\(value)\"")
            }
        }
        filter.since = request.since
        filter.until = request.until
        return filter
    }

    static func event(_ incident: FindingsRecord.Incident) -> ExportRecord.Event {
        ExportRecord.Event(type: incident.type, admin1: incident.admin1, country: incident.country, places: incident.places,
                           actors: incident.agents, target: incident.target, count: incident.count, countQualifier: incident.countQualifier,
                           date: incident.date, datePrecision: incident.datePrecision, relativeDate: incident.relativeDate,
                           evidence: incident.evidence, evidenceStart: incident.evidenceStart, evidenceEnd: incident.evidenceEnd,
                           confidence: incident.confidence, lat: incident.lat, lon: incident.lon)
    }

    static func countItem(_ count: NamedCount) -> CountItem {
        CountItem(key: count.key, nameAr: count.nameAr, nameEn: count.nameEn, kind: count.kind, admin1: count.admin1, country: count.country,
                  articles: count.articles, mentions: count.mentions, incidents: count.incidents)
    }

    /// "US-GOV" -> "United States government".
    static func governmentName(_ id: String) -> String? {
        guard id.hasSuffix("-GOV") else { return nil }
        let code = String(id.dropLast(4))
        return Lookup.country(code).map { "\($0.nameEn) government" } ?? "\(code) government"
    }

    static func exportRecord(_ detail: ArticleDetail) -> ExportRecord {
        var record = ExportRecord(id: detail.summary.id, sha256: detail.sha256, file: detail.summary.file, title: detail.summary.title,
                                  outlet: outlet(detail.metadata), published: detail.metadata.published, receivedAt: detail.summary.receivedAt,
                                  cleanText: detail.cleanText, removedLines: detail.removedLines.map(\.line))
        guard let findings = detail.findings else { return record }
        // Each place, actor and person once, in the order first named.
        var seenPlaces = Set<String>(), seenActors = Set<String>()
        for place in findings.places where seenPlaces.insert(place.nameAr).inserted {
            record.places.append(ExportRecord.Place(nameAr: place.nameAr, nameEn: place.nameEn, pcode: place.pcode, admin1: place.admin1,
                                                    country: place.country, lat: place.lat, lon: place.lon, kind: place.kind,
                                                    qualifier: place.qualifier))
        }
        for actor in findings.actors where seenActors.insert(actor.id).inserted {
            record.actors.append(ExportRecord.Actor(id: actor.id, nameAr: actor.form))
        }
        record.people = findings.people.map { ExportRecord.Person(nameAr: $0.name, roleAr: $0.role) }
        record.citedMedia = findings.media
        record.quantities = findings.quantities.map { ExportRecord.Quantity(value: $0.value, qualifier: $0.qualifier, text: $0.text) }
        record.events = findings.incidents.map(event)
        record.extractorVersion = findings.version
        return record
    }
}
