// The store as the daemon sees it: a writer and a reader, apart from any database (as
// NIOCore's protocols stand apart from NIOPosix). MarsadStore's SQLite StoreWriter and
// StoreReader are one implementation; another (PostgreSQL, for fleets) is added beside it
// and chosen where the daemon is composed, without touching the ingestor or the control
// handler.

/// Writes articles, sightings and their derived fields: the ingestor's only way into a
/// store. One writer per store, used from one queue.
public protocol ArticleStoreWriter: AnyObject {
    /// Called inside each article's transaction before COMMIT (crash tests only).
    var beforeCommit: (() -> Void)? { get set }
    func articleCount() throws(StoreError) -> Int
    /// The id of the article with these bytes, if stored.
    func articleID(sha256: String) throws(StoreError) -> Int64?
    /// What a committed claim produced, found again after a restart.
    func record(forClaim claim: String) throws(StoreError) -> ClaimRecord?
    /// Runs `body` in one transaction: all its writes commit together, or none.
    func batch<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T
    func insert(_ article: NewArticle) throws(StoreError) -> Int64
    func insert(_ sighting: NewSighting) throws(StoreError) -> Int64
    func updateArchivePath(claim: String, path: String) throws(StoreError)
    /// Articles with ids in `ids` (or, with nil, the next `limit` after `afterID`), with
    /// their raw bytes and derived fields, for reprocessing.
    func sources(ids: [Int64]?, afterID: Int64, limit: Int) throws(StoreError) -> [StoredSource]
    /// Replaces articles' derived fields (reprocess).
    func update(_ entries: [(id: Int64, derived: ArticleRecord)]) throws(StoreError)
    func articlesWithoutIndex(limit: Int) throws(StoreError) -> [(id: Int64, title: String?, cleanText: String)]
    func setIndex(_ entries: [(id: Int64, forms: IndexForms)]) throws(StoreError)
    func articlesNeedingFindings(version: Int, limit: Int) throws(StoreError) -> [ArticleToExtract]
    func setFindings(_ entries: [(id: Int64, findings: FindingsRecord)]) throws(StoreError)
    /// Counts an article's learnable lines (key, line as written) in `scope` ("outlet:…",
    /// "folder:…"), inside the transaction that stores it; returns the keys now held by at
    /// least `threshold` articles of the scope, with their counts.
    func countRepeatedLines(scope: String, lines: [(key: String, line: String)], receivedAt: String, threshold: Int) throws(StoreError)
        -> [String: Int]
    /// Links a stored article to its story and merges its incidents with earlier reports,
    /// in the caller's transaction.
    func link(articleID: Int64, options: MergeOptions) throws(StoreError)
    /// An analyst's split: `reports` (article id, position) leave incident `id` for a new one,
    /// and stay apart from its other reports from then on. Returns the new incident's id.
    func splitIncident(id: Int64, reports: [(article: Int64, position: Int)], decidedBy uid: UInt32?) throws(StoreError) -> Int64
    /// An analyst's join: incidents `ids` become one, and stay one. Returns the id kept.
    func joinIncidents(_ ids: [Int64], decidedBy uid: UInt32?) throws(StoreError) -> Int64
    /// Whether some article is not linked yet.
    func needsRelink() throws(StoreError) -> Bool
    /// Every story and merged incident computed again, in article order.
    @discardableResult
    func relinkAll(options: MergeOptions, batch: Int, onBatch: (Int) -> Void) throws(StoreError) -> Int
    /// The keys among `keys` held by at least `threshold` articles of `scope`, counting nothing.
    func repeatedLines(scope: String, keys: [String], threshold: Int) throws(StoreError) -> [String: Int]
}

extension ArticleStoreWriter {
    public func sources(ids: [Int64]?) throws(StoreError) -> [StoredSource] { try sources(ids: ids, afterID: 0, limit: 200) }
}

/// Answers the control methods' questions. Many readers may run beside the writer, each
/// used from one queue; each request runs under a `QueryBudget`.
public protocol ArticleStoreReader: AnyObject {
    /// The budget of the requests from here on (nil: none); a spent budget stops the
    /// request in hand with `.timedOut`.
    func setBudget(_ budget: QueryBudget?)
    func schemaVersion() throws(StoreError) -> Int
    func counts() throws(StoreError) -> StoreCounts
    /// Articles, newest first, `limit` at most, skipping those with id >= `beforeID`.
    func list(limit: Int, beforeID: Int64?) throws(StoreError) -> [ArticleSummary]
    func article(id: Int64) throws(StoreError) -> ArticleDetail
    func search(_ text: String, limit: Int, analyzer: SearchAnalyzer) throws(StoreError) -> [SearchHit]
    func exportBatch(afterID: Int64, limit: Int) throws(StoreError) -> [ArticleDetail]
    func incidents(_ filter: IncidentFilter) throws(StoreError) -> [StoredIncident]
    func incidentsPerDay(_ filter: IncidentFilter) throws(StoreError) -> (days: [(day: String, count: Int)], undated: Int)
    func placeCounts() throws(StoreError) -> (governorates: [NamedCount], countries: [NamedCount], localities: [NamedCount])
    func actorCounts() throws(StoreError) -> [NamedCount]
    /// Stories of at least `minSize` articles, the most recently seen first.
    func stories(limit: Int, minSize: Int) throws(StoreError) -> [StorySummary]
    /// The other articles of an article's story.
    func storyMembers(of articleID: Int64, limit: Int) throws(StoreError) -> [StoryMember]
    /// Merged incidents matching `filter`, newest first.
    func mergedIncidents(_ filter: IncidentFilter) throws(StoreError) -> [MergedIncident]
    /// Merged incidents by id after `afterID`, each with its reports.
    func mergedIncidentsBatch(afterID: Int64, limit: Int) throws(StoreError) -> (
        rows: [(incident: MergedIncident, reports: [IncidentReport])], more: Bool
    )
    /// One merged incident and its reports.
    func mergedIncident(id: Int64, limit: Int) throws(StoreError) -> (incident: MergedIncident, reports: [IncidentReport])
    /// Test-only (MARSAD_FAULT_SLOW_QUERY): a request that only its budget stops.
    func spinUntilStopped() throws(StoreError)
}
