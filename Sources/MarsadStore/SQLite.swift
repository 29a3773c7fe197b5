import CSQLite
// MarsadStore owns the SQLite database: schema, migrations, FTS5 and every query.
// It is the only module that speaks SQL. It knows nothing of files, sockets or text rules.
import MarsadModel

// SQLITE_TRANSIENT tells SQLite to copy bound buffers before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One SQLite connection. Not thread-safe: each connection is owned by one queue.
/// A thin layer over the C API, so that SQL stays visible and FTS5 and the backup API are
/// reachable directly (docs/ARCHITECTURE.md says why this and not GRDB).
final class Connection {
    let handle: OpaquePointer
    let path: String
    /// The budget of the request running on this connection, if any.
    private(set) var budget: QueryBudget?

    /// Sets the budget of the request about to run (nil: none): SQLite's progress handler
    /// stops the statement in hand (SQLITE_INTERRUPT, reported as `.timedOut`) once it is
    /// spent.
    func setBudget(_ budget: QueryBudget?) {
        self.budget = budget
        guard let budget else {
            sqlite3_progress_handler(handle, 0, nil, nil)
            return
        }
        sqlite3_progress_handler(
            handle, 1_000,
            { context in
                Unmanaged<QueryBudget>.fromOpaque(context!).takeUnretainedValue().isSpent ? 1 : 0
            }, Unmanaged.passUnretained(budget).toOpaque())
    }

    /// Opens (and with `create`, creates) the database at `path`.
    init(path: String, readOnly: Bool = false, create: Bool = true) throws(StoreError) {
        var db: OpaquePointer?
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        flags |= readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0))
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw StoreError(.sqlite, "cannot open database \(path): \(message)", sqliteCode: rc)
        }
        self.handle = db
        self.path = path
        sqlite3_busy_timeout(db, 5_000)
    }

    deinit {
        for handles in pool.values { for statement in handles { sqlite3_finalize(statement) } }
        sqlite3_close_v2(handle)
    }

    func error(_ rc: Int32, _ context: String) -> StoreError {
        let message = String(cString: sqlite3_errmsg(handle))
        let primary = rc & 0xFF
        if primary == SQLITE_INTERRUPT, let budget {
            return StoreError(.timedOut, budget.message, sqliteCode: rc)
        }
        let code: StoreError.Code = (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) ? .busy : .sqlite
        return StoreError(code, "\(context): \(message) (SQLite code \(rc))", sqliteCode: rc)
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            let primary = rc & 0xFF
            throw StoreError(primary == SQLITE_BUSY ? .busy : .sqlite, "\(text) (SQLite code \(rc)) in: \(sql.prefix(80))", sqliteCode: rc)
        }
    }

    func prepare(_ sql: String) throws(StoreError) -> Statement {
        if var handles = pool[sql], let handle = handles.popLast() {
            pool[sql] = handles
            return Statement(handle, connection: self, sql: sql)
        }
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw error(rc, "cannot prepare \(sql.prefix(80))")
        }
        return Statement(statement, connection: self, sql: sql)
    }

    /// Prepared statements put back by `Statement`s that are done, by SQL text: compiling a
    /// statement costs more than running most of them (an ingested article runs about 15).
    /// Bounded: beyond `poolLimit` different texts a statement is finalized, not kept.
    private var pool: [String: [OpaquePointer]] = [:]
    private static let poolLimit = 256

    /// Takes back a statement handle that is done: reset, so it holds no read snapshot.
    func recycle(_ statement: OpaquePointer, sql: String) {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        if pool[sql] != nil || pool.count < Self.poolLimit {
            pool[sql, default: []].append(statement)
        } else {
            sqlite3_finalize(statement)
        }
    }

    /// Open transactions: `transaction` nests, and only the outermost commits.
    private var depth = 0

    /// Runs `body` in a transaction (BEGIN IMMEDIATE ... COMMIT), rolled back when it
    /// throws. Inside another transaction it runs as part of that one.
    func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        if depth > 0 { return try body() }
        try execute("BEGIN IMMEDIATE")
        depth += 1
        defer { depth -= 1 }
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// The value of an integer pragma, such as `user_version`.
    func pragmaInt(_ name: String) throws(StoreError) -> Int {
        let statement = try prepare("PRAGMA \(name)")
        guard try statement.step() else { return 0 }
        return Int(statement.int64(0))
    }

    func pragmaText(_ name: String) throws(StoreError) -> String? {
        let statement = try prepare("PRAGMA \(name)")
        guard try statement.step() else { return nil }
        return statement.text(0)
    }
}

/// A prepared statement. Bind with 1-based indices, step, read with 0-based columns.
final class Statement {
    private let handle: OpaquePointer
    private let connection: Connection
    private let sql: String

    init(_ handle: OpaquePointer, connection: Connection, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit {
        connection.recycle(handle, sql: sql)
    }

    @discardableResult
    func bind(_ values: SQLValue...) throws(StoreError) -> Statement {
        try bind(values)
    }

    @discardableResult
    func bind(_ values: [SQLValue]) throws(StoreError) -> Statement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null:
                rc = sqlite3_bind_null(handle, index)
            case .integer(let number):
                rc = sqlite3_bind_int64(handle, index, number)
            case .real(let number):
                rc = sqlite3_bind_double(handle, index, number)
            case .text(let string):
                rc = sqlite3_bind_text(handle, index, string, -1, transient)
            case .blob(let bytes):
                rc = bytes.withUnsafeBytes { buffer in
                    // A zero-length blob must still be a blob, not NULL.
                    sqlite3_bind_blob64(handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), sqlite3_uint64(buffer.count), transient)
                }
            }
            if rc != SQLITE_OK { throw connection.error(rc, "cannot bind parameter \(index)") }
        }
        return self
    }

    /// Advances to the next row: true when a row is ready, false when done.
    func step() throws(StoreError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let sql = sqlite3_sql(handle).map { String(cString: $0) } ?? "?"
            throw connection.error(rc, "statement failed: \(sql.prefix(80))")
        }
    }

    /// Steps a statement that returns no rows.
    func run() throws(StoreError) {
        while try step() {}
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }
    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

/// A value bound to a statement parameter.
enum SQLValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    static func optional(_ string: String?) -> SQLValue { string.map(SQLValue.text) ?? .null }
    static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
    static func double(_ value: Double) -> SQLValue { .real(value) }
    static func optionalDouble(_ value: Double?) -> SQLValue { value.map(SQLValue.real) ?? .null }
}
