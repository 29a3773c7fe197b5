import CSQLite
import MarsadModel

/// The single writer of the store. Not thread-safe: the ingestor owns it on its queue.
public final class StoreWriter {
    let db: Connection
    /// Called inside each article's transaction, after its rows are written and before
    /// COMMIT. For the crash tests' fault point only (MARSAD_FAULT_KILL_IN_TRANSACTION).
    public var beforeCommit: (() -> Void)?

    /// Opens or creates the database at `path`, switches it to WAL and migrates it.
    public init(path: String, durability: Durability = .full) throws(StoreError) {
        db = try Connection(path: path)
        let mode = try db.pragmaText("journal_mode = WAL")
        guard mode?.lowercased() == "wal" else {
            throw StoreError(.sqlite, "database \(path) cannot use WAL mode (journal_mode stayed \(mode ?? "?")); is it on a network filesystem?")
        }
        let synchronous = "PRAGMA synchronous = \(durability == .full ? "FULL" : "NORMAL")"
        try db.execute("\(synchronous); PRAGMA foreign_keys = ON")
        try Migrations.migrate(db)
        let checkpoints = try Connection(path: path, create: false)
        try checkpoints.execute(synchronous)
        checkpointer = Checkpointer(connection: checkpoints)
        checkpointer.attach(to: db)
    }

    private let checkpointer: Checkpointer

    deinit {
        checkpointer.drain()
    }

    /// The schema version of the open database.
    public func schemaVersion() throws(StoreError) -> Int { try db.pragmaInt("user_version") }

    public static var latestSchemaVersion: Int { Migrations.latestVersion }

    /// How many articles the store holds.
    public func articleCount() throws(StoreError) -> Int {
        let statement = try db.prepare("SELECT count(*) FROM articles")
        _ = try statement.step()
        return Int(statement.int64(0))
    }

    /// The article with these raw bytes, if stored.
    public func articleID(sha256: String) throws(StoreError) -> Int64? {
        let statement = try db.prepare("SELECT id FROM articles WHERE sha256 = ?").bind(.text(sha256))
        return try statement.step() ? statement.int64(0) : nil
    }

    /// What an earlier run committed for this claim, if anything.
    public func record(forClaim claim: String) throws(StoreError) -> ClaimRecord? {
        let articles = try db.prepare("SELECT id, archive_path FROM articles WHERE claim = ?").bind(.text(claim))
        if try articles.step() {
            return .article(id: articles.int64(0), archivePath: articles.text(1))
        }
        let sightings = try db.prepare("SELECT id, article_id, archive_path FROM sightings WHERE claim = ?").bind(.text(claim))
        if try sightings.step() {
            return .sighting(id: sightings.int64(0), articleID: sightings.int64(1), archivePath: sightings.text(2))
        }
        return nil
    }

    /// Runs several writes in one transaction (one commit, one fsync): the inserts inside
    /// it join it instead of committing each. Nothing is written when `body` throws.
    public func batch<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try db.transaction(body)
    }

    /// Inserts an article, its removed lines and its index entry in one transaction (or in
    /// the `batch` it is part of).
    public func insert(_ article: NewArticle) throws(StoreError) -> Int64 {
        try db.transaction { () throws(StoreError) -> Int64 in
            try db.prepare(
                """
                INSERT INTO articles (sha256, file, file_raw, received_at, size, encoding, raw, title,
                                      clean_text, archive_path, claim,
                                      index_title, index_title_variants, index_text, index_text_variants,
                                      outlet_ar, outlet_en, published, published_precision, dates, published_basis)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            ).bind(
                .text(article.sha256), .text(article.drop.file), .blob(article.drop.fileRaw), .text(article.drop.receivedAt),
                .int(article.size), .text(article.record.encoding), .blob(article.raw), .optional(article.record.title),
                .text(article.record.cleanText), .optional(article.drop.archivePath), .text(article.drop.claim),
                .optional(article.record.index?.title), .optional(article.record.index?.titleVariants),
                .optional(article.record.index?.text), .optional(article.record.index?.textVariants),
                .optional(article.record.metadata.outletAr), .optional(article.record.metadata.outletEn),
                .optional(article.record.metadata.published), .optional(article.record.metadata.publishedPrecision),
                .text(article.record.metadata.dates.joined(separator: " ")), .optional(article.record.metadata.publishedBasis)
            ).run()
            let id = db.lastInsertRowID
            try db.writeAudit(articleID: id, removedLines: article.record.removedLines, edits: article.record.edits)
            if let findings = article.record.findings { try db.writeFindings(articleID: id, findings) }
            beforeCommit?()
            return id
        }
    }

    /// Records a drop of already-stored bytes.
    public func insert(_ sighting: NewSighting) throws(StoreError) -> Int64 {
        try db.transaction { () throws(StoreError) -> Int64 in
            try db.prepare(
                """
                INSERT INTO sightings (article_id, file, file_raw, received_at, archive_path, claim)
                VALUES (?, ?, ?, ?, ?, ?)
                """
            ).bind(
                .integer(sighting.articleID), .text(sighting.drop.file), .blob(sighting.drop.fileRaw),
                .text(sighting.drop.receivedAt), .optional(sighting.drop.archivePath), .text(sighting.drop.claim)
            ).run()
            return db.lastInsertRowID
        }
    }

    /// The metadata columns of a row, starting at `column` (outlet_ar, outlet_en, published,
    /// published_precision, dates, published_basis).
    static func metadata(_ statement: Statement, from column: Int32) -> ArticleMetadata {
        ArticleMetadata(
            outletAr: statement.text(column), outletEn: statement.text(column + 1), published: statement.text(column + 2),
            publishedPrecision: statement.text(column + 3), publishedBasis: statement.text(column + 5),
            dates: (statement.text(column + 4) ?? "").split(separator: " ").map(String.init))
    }

    /// Articles not in the full-text index yet (stored before it existed): id, title, text.
    public func articlesWithoutIndex(limit: Int) throws(StoreError) -> [(id: Int64, title: String?, cleanText: String)] {
        let statement = try db.prepare("SELECT id, title, clean_text FROM articles WHERE index_text IS NULL ORDER BY id LIMIT ?").bind(.int(limit))
        var rows: [(Int64, String?, String)] = []
        while try statement.step() { rows.append((statement.int64(0), statement.text(1), statement.text(2) ?? "")) }
        return rows
    }

    /// Articles whose findings are missing or older than `version`: what extraction reads.
    public func articlesNeedingFindings(version: Int, limit: Int) throws(StoreError) -> [ArticleToExtract] {
        let statement = try db.prepare(
            """
            SELECT id, title, clean_text, file, received_at, outlet_ar, outlet_en, published, published_precision, dates, published_basis
            FROM articles WHERE extractor_version IS NULL OR extractor_version < ? ORDER BY id LIMIT ?
            """
        ).bind(.int(version), .int(limit))
        var rows: [ArticleToExtract] = []
        while try statement.step() {
            rows.append(
                ArticleToExtract(
                    id: statement.int64(0), title: statement.text(1), cleanText: statement.text(2) ?? "", file: statement.text(3) ?? "",
                    receivedAt: statement.text(4), metadata: Self.metadata(statement, from: 5)))
        }
        return rows
    }

    /// Sets (or replaces) the findings of articles, in one transaction.
    public func setFindings(_ entries: [(id: Int64, findings: FindingsRecord)]) throws(StoreError) {
        try db.transaction { () throws(StoreError) in
            for entry in entries { try db.writeFindings(articleID: entry.id, entry.findings) }
        }
    }

    /// Sets (or replaces) the index forms of articles, in one transaction.
    public func setIndex(_ entries: [(id: Int64, forms: IndexForms)]) throws(StoreError) {
        try db.transaction { () throws(StoreError) in
            let update = try db.prepare(
                """
                UPDATE articles SET index_title = ?, index_title_variants = ?, index_text = ?, index_text_variants = ?
                WHERE id = ?
                """)
            for entry in entries {
                try update.bind(
                    .text(entry.forms.title), .text(entry.forms.titleVariants), .text(entry.forms.text),
                    .text(entry.forms.textVariants), .integer(entry.id)
                ).run()
            }
        }
    }

    /// Articles with ids in `ids` (or, with nil, the next `limit` after `afterID`), with their sources.
    public func sources(ids: [Int64]?, afterID: Int64 = 0, limit: Int = 200) throws(StoreError) -> [StoredSource] {
        let statement: Statement
        if let ids {
            guard !ids.isEmpty else { return [] }
            statement = try db.prepare(
                """
                SELECT id, raw, encoding, title, clean_text, index_title, index_title_variants, index_text, index_text_variants,
                       outlet_ar, outlet_en, published, published_precision, dates, published_basis, file, received_at
                FROM articles WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ","))) ORDER BY id
                """
            ).bind(ids.map { .integer($0) })
        } else {
            statement = try db.prepare(
                """
                SELECT id, raw, encoding, title, clean_text, index_title, index_title_variants, index_text, index_text_variants,
                       outlet_ar, outlet_en, published, published_precision, dates, published_basis, file, received_at
                FROM articles WHERE id > ? ORDER BY id LIMIT ?
                """
            ).bind(.integer(afterID), .int(limit))
        }
        var rows: [StoredSource] = []
        while try statement.step() {
            let index =
                statement.isNull(7)
                ? nil
                : IndexForms(
                    title: statement.text(5) ?? "", titleVariants: statement.text(6) ?? "",
                    text: statement.text(7) ?? "", textVariants: statement.text(8) ?? "")
            rows.append(
                StoredSource(
                    id: statement.int64(0), file: statement.text(15) ?? "", receivedAt: statement.text(16), raw: statement.blob(1),
                    derived: ArticleRecord(
                        encoding: statement.text(2) ?? "", title: statement.text(3), cleanText: statement.text(4) ?? "",
                        removedLines: [], index: index, metadata: Self.metadata(statement, from: 9))))
        }
        for position in rows.indices {
            rows[position].derived.removedLines = try db.removedLines(articleID: rows[position].id)
            rows[position].derived.edits = try db.edits(articleID: rows[position].id)
            // As the pipeline derives them: incident ids are the store's, not derived.
            var findings = try db.findings(articleID: rows[position].id)
            for index in findings?.incidents.indices ?? 0..<0 {
                findings?.incidents[index].id = nil
                findings?.incidents[index].incidentId = nil
            }
            rows[position].derived.findings = findings
        }
        return rows
    }

    /// Replaces the derived fields of articles, in one transaction; ids stay.
    public func update(_ entries: [(id: Int64, derived: ArticleRecord)]) throws(StoreError) {
        try db.transaction { () throws(StoreError) in
            let article = try db.prepare(
                """
                UPDATE articles SET encoding = ?, title = ?, clean_text = ?,
                    index_title = ?, index_title_variants = ?, index_text = ?, index_text_variants = ?,
                    outlet_ar = ?, outlet_en = ?, published = ?, published_precision = ?, dates = ?, published_basis = ?
                WHERE id = ?
                """)
            let clearLines = try db.prepare("DELETE FROM removed_lines WHERE article_id = ?")
            let clearEdits = try db.prepare("DELETE FROM text_edits WHERE article_id = ?")
            for entry in entries {
                let derived = entry.derived
                try article.bind(
                    .text(derived.encoding), .optional(derived.title), .text(derived.cleanText),
                    .optional(derived.index?.title), .optional(derived.index?.titleVariants),
                    .optional(derived.index?.text), .optional(derived.index?.textVariants),
                    .optional(derived.metadata.outletAr), .optional(derived.metadata.outletEn),
                    .optional(derived.metadata.published), .optional(derived.metadata.publishedPrecision),
                    .text(derived.metadata.dates.joined(separator: " ")), .optional(derived.metadata.publishedBasis), .integer(entry.id)
                ).run()
                try clearLines.bind(.integer(entry.id)).run()
                try clearEdits.bind(.integer(entry.id)).run()
                try db.writeAudit(articleID: entry.id, removedLines: derived.removedLines, edits: derived.edits)
                if let findings = derived.findings { try db.writeFindings(articleID: entry.id, findings) }
            }
        }
    }

    /// Records where a committed claim's file was finally moved.
    public func updateArchivePath(claim: String, path: String) throws(StoreError) {
        try db.prepare("UPDATE articles SET archive_path = ? WHERE claim = ?").bind(.text(path), .text(claim)).run()
        try db.prepare("UPDATE sightings SET archive_path = ? WHERE claim = ?").bind(.text(path), .text(claim)).run()
    }

    /// Runs `PRAGMA integrity_check`; "ok" when the file is sound.
    public func integrityCheck() throws(StoreError) -> String {
        try db.pragmaText("integrity_check") ?? "no answer"
    }
}

extension StoreWriter: ArticleStoreWriter {}
