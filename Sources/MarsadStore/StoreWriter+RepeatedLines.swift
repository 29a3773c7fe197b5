import MarsadModel

/// Boilerplate learned from repetition: the counts of lines by outlet or drop folder
/// (`repeated_lines`), kept in the transaction that stores the article they were counted in.
extension StoreWriter {
    /// Counts the learnable lines of an article about to be stored (received at
    /// `receivedAt`) in `scope`, and returns the keys that recur in at least `threshold`
    /// articles of it now (this one included), with their counts. Call it inside the
    /// article's transaction (`batch`): a crash then counts nothing twice.
    public func countRepeatedLines(
        scope: String, lines: [(key: String, line: String)], receivedAt: String, threshold: Int
    ) throws(StoreError) -> [String: Int] {
        guard threshold > 0, !lines.isEmpty else { return [:] }
        let upsert = try db.prepare(
            """
            INSERT INTO repeated_lines (scope, key, line, articles, first_seen) VALUES (?, ?, ?, 1, ?)
            ON CONFLICT (scope, key) DO UPDATE SET articles = articles + 1
            RETURNING articles
            """)
        var repeated: [String: Int] = [:]
        for (key, line) in lines {
            try upsert.bind(.text(scope), .text(key), .text(line), .text(receivedAt))
            if try upsert.step() {
                let count = Int(upsert.int64(0))
                if count >= threshold { repeated[key] = count }
            }
            while try upsert.step() {}
        }
        return repeated
    }

    /// The keys among `keys` that recur in at least `threshold` articles of `scope`, with
    /// their counts, counting nothing (reprocess reads what ingest counted).
    public func repeatedLines(scope: String, keys: [String], threshold: Int) throws(StoreError) -> [String: Int] {
        guard threshold > 0, !keys.isEmpty else { return [:] }
        let lookup = try db.prepare("SELECT articles FROM repeated_lines WHERE scope = ? AND key = ?")
        var repeated: [String: Int] = [:]
        for key in keys {
            try lookup.bind(.text(scope), .text(key))
            if try lookup.step(), Int(lookup.int64(0)) >= threshold { repeated[key] = Int(lookup.int64(0)) }
            while try lookup.step() {}
        }
        return repeated
    }
}
