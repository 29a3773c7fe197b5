import Foundation
import MarsadModel
import MarsadPipeline
import MarsadText

/// Boilerplate learned from what arrives (`ingest.boilerplate_repeats`), and the outlet an
/// operator names for a drop folder (`[outlets]`).
extension Ingestor {
    /// The outlet configured for the folder of the inbox a file was dropped in, if any.
    static func folderOutlet(of relative: BytePath, in outlets: [String: String]) -> String? {
        guard !outlets.isEmpty, let folder = inboxFolder(of: relative) else { return nil }
        return outlets[folder]
    }

    /// The first folder of a path relative to the inbox ("bbc/2025/x.txt" -> "bbc"); nil
    /// for a file in the inbox itself.
    static func inboxFolder(of relative: BytePath) -> String? {
        guard let slash = relative.bytes.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        return BytePath(Array(relative.bytes[..<slash])).description
    }

    /// Where an article's lines are counted: its outlet when known, else the inbox folder it
    /// was dropped in ("folder:" for the inbox itself).
    static func boilerplateScope(_ metadata: ArticleMetadata, relative: BytePath) -> String {
        if let outlet = metadata.outletEn ?? metadata.outletAr { return "outlet:" + outlet }
        return "folder:" + (inboxFolder(of: relative) ?? "")
    }

    /// Counts an article's learnable lines in its scope (inside the transaction that stores
    /// it) and, when some now recur in `ingest.boilerplate_repeats` articles, derives it again
    /// without them. The article as first derived when nothing recurs, or learning is off.
    func learningBoilerplate(_ record: ArticleRecord, of item: Claimed, store: any ArticleStoreWriter) throws(StoreError) -> ArticleRecord {
        let threshold = config.boilerplateRepeats
        guard threshold > 0 else { return record }
        let scope = Self.boilerplateScope(record.metadata, relative: item.relative)
        let lines = Cleaning.learnableLines(cleanText: record.cleanText, title: record.title)
        let repeated = try store.countRepeatedLines(
            scope: scope, lines: lines, receivedAt: Timestamps.string(item.received), threshold: threshold)
        return derivedAgain(
            record, without: repeated, scope: scope, bytes: item.bytes, file: item.relative, receivedAt: Timestamps.string(item.received))
    }

    /// For reprocess: the lines of a stored article that its scope's counts make boilerplate
    /// now, removed (counting nothing: each article was counted when it was stored).
    func applyingLearnedBoilerplate(_ record: ArticleRecord, source: StoredSource, store: any ArticleStoreWriter) throws(StoreError) -> ArticleRecord
    {
        let threshold = config.boilerplateRepeats
        guard threshold > 0 else { return record }
        let relative = BytePath(source.file)
        let scope = Self.boilerplateScope(record.metadata, relative: relative)
        let keys = Cleaning.learnableLines(cleanText: record.cleanText, title: record.title).map(\.key)
        let repeated = try store.repeatedLines(scope: scope, keys: keys, threshold: threshold)
        return derivedAgain(
            record, without: repeated, scope: scope, bytes: source.raw, file: relative, receivedAt: source.receivedAt)
    }

    /// The article derived again with `repeated` lines removed, each recorded as
    /// "repeated-line (N articles of SCOPE)"; `record` itself when there are none (or when
    /// the bytes, against all odds, no longer derive).
    private func derivedAgain(
        _ record: ArticleRecord, without repeated: [String: Int], scope: String, bytes: [UInt8], file: BytePath, receivedAt: String?
    ) -> ArticleRecord {
        guard !repeated.isEmpty else { return record }
        let context = DropContext(folderOutlet: Self.folderOutlet(of: file, in: config.folderOutlets), learnedLines: Set(repeated.keys))
        guard
            var again = try? Pipeline.derive(
                bytes: bytes, fileName: file.lastComponent.description, receivedAt: receivedAt,
                options: pipelineOptions, context: context)
        else { return record }
        for index in again.removedLines.indices where again.removedLines[index].rule == Cleaning.repeatedLineRule {
            let key = Cleaning.lineKey(searchForm: Substring(Normalization.search(again.removedLines[index].line)))
            let count = repeated[key].map { " (\($0) articles of \(scope))" } ?? ""
            again.removedLines[index].rule += count
        }
        return again
    }
}
