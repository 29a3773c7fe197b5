@preconcurrency import Dispatch
import Foundation
import Logging
import MarsadExtract
import MarsadModel
import MarsadProtocol
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

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
            return try await dispatch(method, id: envelope.id, line: line, peer: peer)
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

    private func params<P: Codable & Sendable>(_ type: P.Type, _ line: Data, required: Bool) throws -> P? {
        try RequestParser.params(type, line, required: required)
    }

    private func dispatch(_ method: Method, id: RequestID?, line: Data, peer: PeerCredentials?) async throws -> Data {
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
            return encode(
                Response(
                    id: id,
                    result: ReprocessResult(
                        reprocessed: outcome.reprocessed, changed: outcome.changed,
                        missing: outcome.missing)))
        case .version:
            let schema = try await context.store.read(.quick) { try $0.schemaVersion() }
            return encode(Response(id: id, result: VersionResult(version: context.version, protocol: protocolVersion, schema: schema)))
        case .articlesList:
            let request = try params(ListParams.self, line, required: false) ?? ListParams()
            let limit = try clamp(request.limit, default: 50, name: "limit")
            let rows = try await context.store.read { try $0.list(limit: limit, beforeID: request.beforeId) }
            return encode(Response(id: id, result: ListResult(articles: rows)))
        case .articlesGet:
            let request = try params(GetParams.self, line, required: true)!
            let (detail, story) = try await context.store.read { reader in
                (try reader.article(id: request.id), try reader.storyMembers(of: request.id, limit: 100))
            }
            var view = WireMapping.view(detail)
            view.storyId = detail.storyID
            view.story = story
            return encode(Response(id: id, result: GetResult(article: view)))
        case .search:
            let request = try params(SearchParams.self, line, required: true)!
            let limit = try clamp(request.limit, default: 20, name: "limit")
            let slow = Self.slowQueryFault
            let hits = try await context.store.read { reader in
                if let slow, request.query == slow { try reader.spinUntilStopped() }
                return try reader.search(request.query, limit: limit, analyzer: TextAnalysis.searchAnalyzer)
            }
            return encode(Response(id: id, result: SearchResult(results: hits)))
        case .export:
            let request = try params(ExportParams.self, line, required: false) ?? ExportParams()
            let limit = try clamp(request.limit, default: 100, name: "limit")
            let batch = try await context.store.read { try $0.exportBatch(afterID: request.afterId ?? 0, limit: limit) }
            // At most about `maxExportBytes` of text a response (and always one article):
            // a client that asks for much and never reads holds one bounded answer.
            var records: [ExportRecord] = []
            var bytes = 0
            for detail in batch {
                if !records.isEmpty, bytes + detail.record.cleanText.utf8.count > Self.maxExportBytes { break }
                bytes += detail.record.cleanText.utf8.count
                records.append(WireMapping.exportRecord(detail))
            }
            let next = records.count == limit || records.count < batch.count ? records.last?.id : nil
            return encode(Response(id: id, result: ExportResult(articles: records, nextAfterId: next)))
        case .eventsList:
            let request = try params(EventFilterParams.self, line, required: false) ?? EventFilterParams()
            let filter = try WireMapping.incidentFilter(request, limit: try clamp(request.limit, default: 100, name: "limit"))
            let rows = try await context.store.read { try $0.incidents(filter) }
            return encode(
                Response(
                    id: id,
                    result: EventsResult(
                        events: rows.map {
                            EventItem(id: $0.id, articleId: $0.articleID, file: $0.file, event: $0.incident)
                        })))
        case .incidentsList:
            let request = try params(EventFilterParams.self, line, required: false) ?? EventFilterParams()
            let filter = try WireMapping.incidentFilter(request, limit: try clamp(request.limit, default: 100, name: "limit"))
            let rows = try await context.store.read { try $0.mergedIncidents(filter) }
            return encode(Response(id: id, result: IncidentsResult(incidents: rows)))
        case .incidentsGet:
            let request = try params(GetParams.self, line, required: true)!
            let detail = try await context.store.read { try $0.mergedIncident(id: request.id, limit: 1000) }
            return encode(Response(id: id, result: IncidentDetailResult(incident: detail.incident, reports: detail.reports)))
        case .incidentsExport:
            let request = try params(IncidentsExportParams.self, line, required: false) ?? IncidentsExportParams()
            let limit = try clamp(request.limit, default: 100, name: "limit")
            let batch = try await context.store.read { try $0.mergedIncidentsBatch(afterID: request.afterId ?? 0, limit: limit) }
            let records = batch.rows.map { IncidentExportRecord(incident: $0.incident, reports: $0.reports) }
            return encode(
                Response(id: id, result: IncidentsExportResult(incidents: records, nextAfterId: batch.more ? records.last?.incident.id : nil)))
        case .incidentsSplit:
            let request = try params(SplitParams.self, line, required: true)!
            var reports: [(article: Int64, position: Int)] = []
            for text in request.reports {
                let parts = text.trimmingCharacters(in: CharacterSet(charactersIn: "# ")).split(separator: "/")
                guard parts.count == 2, let article = Int64(parts[0]), let position = Int(parts[1]) else {
                    throw RPCError.invalidParams("a report is ARTICLE/POSITION (marsadctl events \(request.id) lists them), not \"\(text)\"")
                }
                reports.append((article, position))
            }
            guard !reports.isEmpty else { throw RPCError.invalidParams("name the reports that leave incident \(request.id)") }
            let ingestor = context.ingestor
            let uid = peer?.uid
            let moving = reports
            let created = try await Self.offload {
                try ingestor.decide { store throws(StoreError) in try store.splitIncident(id: request.id, reports: moving, decidedBy: uid) }
            }
            logger.notice(
                "split incident \(request.id): \(reports.count) reports to incident \(created)", metadata: ["MARSAD_EVENT": "incident-split"])
            return encode(Response(id: id, result: IncidentDecisionResult(incident: created)))
        case .incidentsJoin:
            let request = try params(JoinParams.self, line, required: true)!
            guard Set(request.ids).count >= 2 else { throw RPCError.invalidParams("name two incidents or more to join") }
            let ingestor = context.ingestor
            let uid = peer?.uid
            let kept = try await Self.offload {
                try ingestor.decide { store throws(StoreError) in try store.joinIncidents(request.ids, decidedBy: uid) }
            }
            logger.notice(
                "joined incidents \(request.ids.map(String.init).joined(separator: ", ")) as \(kept)", metadata: ["MARSAD_EVENT": "incident-join"])
            return encode(Response(id: id, result: IncidentDecisionResult(incident: kept)))
        case .storiesList:
            let request = try params(StoriesParams.self, line, required: false) ?? StoriesParams()
            let limit = try clamp(request.limit, default: 50, name: "limit")
            let minSize = max(1, request.minSize ?? 2)
            let rows = try await context.store.read { try $0.stories(limit: limit, minSize: minSize) }
            return encode(Response(id: id, result: StoriesResult(stories: rows)))
        case .timeline:
            let request = try params(EventFilterParams.self, line, required: false) ?? EventFilterParams()
            let by = request.by ?? "day"
            guard by == "day" || by == "week" else { throw RPCError.invalidParams("\"by\" is \"day\" or \"week\", not \"\(by)\"") }
            let filter = try WireMapping.incidentFilter(request, limit: 0)
            let perDay = try await context.store.read { try $0.incidentsPerDay(filter) }
            // Without --since or --until: the last 12 weeks that have incidents.
            let window = request.since == nil && request.until == nil ? Timeline.recentWindow(perDay.days) : (days: perDay.days, older: 0)
            let timeline = Timeline.buckets(window.days, by: by)
            let earlier = timeline.earlier + window.older
            return encode(
                Response(
                    id: id,
                    result: TimelineResult(
                        by: by, buckets: timeline.buckets, undated: perDay.undated, earlier: earlier > 0 ? earlier : nil)))
        case .placesList:
            let counts = try await context.store.read { try $0.placeCounts() }
            return encode(Response(id: id, result: WireMapping.places(counts)))
        case .actorsList:
            let counts = try await context.store.read { try $0.actorCounts() }
            return encode(Response(id: id, result: WireMapping.actors(counts)))
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

    /// Runs blocking work (it waits for the ingest queue, or start-up's recovery) off the
    /// async executor.
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
}
