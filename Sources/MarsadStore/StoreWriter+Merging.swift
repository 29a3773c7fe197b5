import MarsadMerge
import MarsadModel

/// Stories and incidents across articles, as the ingestor asks for them: one article at
/// ingest, every article again after extraction changed.
extension StoreWriter {
    /// Links a stored article to its story and merges its incidents, in the caller's
    /// transaction (the one that stores it).
    public func link(articleID: Int64, options: MergeOptions) throws(StoreError) {
        var next: Int64? = nil
        try db.linkStory(articleID: articleID, options)
        try db.mergeIncidents(articleID: articleID, options, nextID: &next)
    }

    /// Whether some article is not linked yet (stored before merging existed, or a relink
    /// stopped half-way).
    public func needsRelink() throws(StoreError) -> Bool {
        let statement = try db.prepare("SELECT 1 FROM articles WHERE story_id IS NULL LIMIT 1")
        return try statement.step()
    }

    /// Computes every story and merged incident again from scratch, in article order (the
    /// order of ingest, so the result is what ingest gave), in transactions of `batch`
    /// articles. A merged incident whose first report is the same keeps its id. Returns
    /// how many articles were linked.
    @discardableResult
    public func relinkAll(options: MergeOptions, batch: Int = 500, onBatch: (Int) -> Void = { _ in }) throws(StoreError) -> Int {
        var reuse: [String: Int64] = [:]
        let anchors = try db.prepare("SELECT anchor_article, anchor_position, id FROM merged_incidents")
        var highest: Int64 = 0
        while try anchors.step() {
            reuse[Connection.anchorKey(anchors.int64(0), Int(anchors.int64(1)))] = anchors.int64(2)
            highest = max(highest, anchors.int64(2))
        }
        try db.transaction { () throws(StoreError) in
            try db.execute(
                """
                DELETE FROM story_signatures; DELETE FROM story_bands; DELETE FROM story_words; DELETE FROM story_links;
                DELETE FROM merged_incidents; DELETE FROM incident_links; DELETE FROM incident_keys;
                UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL;
                UPDATE incidents SET incident_id = NULL WHERE incident_id IS NOT NULL;
                """)
        }
        var next: Int64? = highest + 1
        var after: Int64 = 0
        var total = 0
        while true {
            let ids = try db.prepare("SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?").bind(.integer(after), .int(batch))
            var chunk: [Int64] = []
            while try ids.step() { chunk.append(ids.int64(0)) }
            guard let last = chunk.last else { break }
            try db.transaction { () throws(StoreError) in
                for id in chunk {
                    try db.linkStory(articleID: id, options)
                    try db.mergeIncidents(articleID: id, options, reuse: reuse, nextID: &next)
                }
            }
            after = last
            total += chunk.count
            onBatch(total)
        }
        return total
    }
}
