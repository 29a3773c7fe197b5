import CLinux
import Crypto
@preconcurrency import Dispatch
import Foundation
import Logging
import MarsadExtract
import MarsadModel
import MarsadPipeline
import MarsadText
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Reprocess and the start-up backfills: stored articles derived, indexed or read again, in batches (on `queue`).
extension Ingestor {
    /// Derives every derived field again from the stored raw bytes (after an upgrade of the
    /// rules), for the articles in `ids`, or all of them when nil. Ids stay. Runs on the
    /// ingest queue, between files, in transactions of 200.
    public func reprocess(ids: [Int64]?) throws(StoreError) -> ReprocessOutcome {
        var outcome = ReprocessOutcome()
        var failure: StoreError?
        queue.sync {
            do throws(StoreError) {
                guard let store else { throw StoreError(.busy, "marsadd is stopping") }
                var after: Int64 = 0
                var remaining = ids.map { Array(Set($0)).sorted() }
                while true {
                    let batch: [StoredSource]
                    if let pending = remaining {
                        let chunk = Array(pending.prefix(200))
                        remaining = Array(pending.dropFirst(200))
                        if chunk.isEmpty { break }
                        batch = try store.sources(ids: chunk)
                        let found = Set(batch.map(\.id))
                        outcome.missing += chunk.filter { !found.contains($0) }
                    } else {
                        batch = try store.sources(ids: nil, afterID: after, limit: 200)
                        guard let last = batch.last else { break }
                        after = last.id
                    }
                    var updates: [(id: Int64, derived: ArticleRecord)] = []
                    for source in batch {
                        outcome.reprocessed += 1
                        // Bytes that decoded once decode again; if rules ever refuse them, the
                        // article keeps what it had rather than being lost.
                        guard
                            let first = try? Pipeline.derive(
                                bytes: source.raw, fileName: (source.file as NSString).lastPathComponent, receivedAt: source.receivedAt,
                                options: pipelineOptions,
                                context: DropContext(folderOutlet: Self.folderOutlet(of: BytePath(source.file), in: config.folderOutlets)))
                        else { continue }
                        let derived = try applyingLearnedBoilerplate(first, source: source, store: store)
                        if derived != source.derived {
                            outcome.changed += 1
                            updates.append((source.id, derived))
                        }
                    }
                    try store.update(updates)
                    outcome.linkNeeded = outcome.linkNeeded || !updates.isEmpty
                }
                // Findings changed: stories and merged incidents are made again, in article order.
                if outcome.linkNeeded { outcome.linked = try store.relinkAll(options: config.merge, batch: 500) { _ in } }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        logger.info("reprocessed \(outcome.reprocessed) articles, \(outcome.changed) changed", metadata: ["MARSAD_EVENT": "reprocessed"])
        return outcome
    }

    /// Puts the articles stored before the current full-text index into it (after an
    /// upgrade), in batches. Returns how many. Call once at start, before the watcher.
    public func indexMissing(onBatch: (Int) -> Void = { _ in }) throws(StoreError) -> Int {
        try backfill(onBatch: onBatch) { store throws(StoreError) in
            let rows = try store.articlesWithoutIndex(limit: 500)
            if !rows.isEmpty { try store.setIndex(rows.map { ($0.id, Pipeline.indexForms(title: $0.title, text: $0.cleanText)) }) }
            return rows.count
        }
    }

    /// Extracts findings for stored articles that have none, or older ones than this
    /// extractor makes (after an upgrade), in batches of 200. Returns how many.
    public func extractMissing(onBatch: (Int) -> Void = { _ in }) throws(StoreError) -> Int {
        try backfill(onBatch: onBatch) { store throws(StoreError) in
            let rows = try store.articlesNeedingFindings(version: FindingsReader.version, limit: 200)
            if !rows.isEmpty {
                try store.setFindings(
                    rows.map { row in
                        // Dated as ingest dates them: the publication date, else the file
                        // name's, else the day received.
                        let metadata = Pipeline.datedByFileName(
                            row.metadata, fileName: (row.file as NSString).lastPathComponent, options: pipelineOptions)
                        let reference = Pipeline.referenceDate(metadata, receivedAt: row.receivedAt)
                        return (row.id, Pipeline.findings(cleanText: row.cleanText, title: row.title, reference: reference))
                    })
            }
            return rows.count
        }
    }

    /// Runs an analyst's decision (split, join) on the ingest queue, the store's one writer.
    public func decide<T>(_ body: (any ArticleStoreWriter) throws(StoreError) -> T) throws(StoreError) -> T {
        guard let result = try onQueue(body) else { throw StoreError(.busy, "marsadd is stopping") }
        return result
    }

    /// Makes every story and merged incident again when some article is not linked (the
    /// store is older than merging, a relink stopped half-way) or `force` (findings were
    /// extracted again). Returns how many articles were linked.
    public func relinkIfNeeded(force: Bool, onBatch: (Int) -> Void = { _ in }) throws(StoreError) -> Int {
        try onQueue { store throws(StoreError) -> Int in
            if !force {
                let needed = try store.needsRelink()
                guard needed else { return 0 }
            }
            return try store.relinkAll(options: config.merge, batch: 500, onBatch: onBatch)
        } ?? 0
    }

    /// Runs `body` with the store on the ingest queue; nil when the store is closed.
    func onQueue<T>(_ body: (any ArticleStoreWriter) throws(StoreError) -> T) throws(StoreError) -> T? {
        var result: Result<T?, StoreError> = .success(nil)
        queue.sync {
            guard let store else { return }
            do throws(StoreError) {
                result = .success(try body(store))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    /// Runs `batch` on the ingest queue until it handles no more rows; returns how many it
    /// handled, telling `onBatch` the running total after each batch.
    func backfill(onBatch: (Int) -> Void, _ batch: (any ArticleStoreWriter) throws(StoreError) -> Int) throws(StoreError) -> Int {
        try onQueue { store throws(StoreError) -> Int in
            var total = 0
            while true {
                let count = try batch(store)
                if count == 0 { break }
                total += count
                onBatch(total)
            }
            return total
        } ?? 0
    }
}
