import CSQLite
import MarsadModel

extension Connection {
    /// Writes what cleaning removed and what de-obfuscation changed (the article's audit trail).
    func writeAudit(articleID: Int64, removedLines: [RemovedLine], edits: [TextEdit]) throws(StoreError) {
        if !removedLines.isEmpty {
            let insert = try prepare("INSERT INTO removed_lines (article_id, position, line, rule) VALUES (?, ?, ?, ?)")
            for (position, removed) in removedLines.enumerated() {
                try insert.bind(.integer(articleID), .int(position), .text(removed.line), .text(removed.rule)).run()
            }
        }
        if !edits.isEmpty {
            let insert = try prepare("INSERT INTO text_edits (article_id, position, offset, before, after) VALUES (?, ?, ?, ?, ?)")
            for (position, edit) in edits.enumerated() {
                try insert.bind(.integer(articleID), .int(position), .int(edit.offset), .text(edit.before), .text(edit.after)).run()
            }
        }
    }

    /// The de-obfuscation edits of an article, in order.
    func edits(articleID: Int64) throws(StoreError) -> [TextEdit] {
        let statement = try prepare("SELECT offset, before, after FROM text_edits WHERE article_id = ? ORDER BY position").bind(.integer(articleID))
        var edits: [TextEdit] = []
        while try statement.step() {
            edits.append(TextEdit(offset: Int(statement.int64(0)), before: statement.text(1) ?? "", after: statement.text(2) ?? ""))
        }
        return edits
    }

    /// The lines the cleaner removed from an article, in order.
    func removedLines(articleID: Int64) throws(StoreError) -> [RemovedLine] {
        let statement = try prepare("SELECT line, rule FROM removed_lines WHERE article_id = ? ORDER BY position").bind(.integer(articleID))
        var lines: [RemovedLine] = []
        while try statement.step() { lines.append(RemovedLine(line: statement.text(0) ?? "", rule: statement.text(1) ?? "")) }
        return lines
    }
}
