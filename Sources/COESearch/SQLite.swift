import CSQLite
import Foundation

/// An error from SQLite: its result code and message. `isDamage` tells a damaged or foreign file
/// (which the index rebuilds) from a busy lock or a full disk.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public let code: Int32
    public let message: String

    init(_ code: Int32, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// A file that is not a database, or one whose pages do not hold together.
    var isDamage: Bool {
        let primary = code & 0xFF
        return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_FORMAT || primary == SQLITE_SCHEMA
            || primary == SQLITE_ERROR || primary == SQLITE_MISMATCH || primary == SQLITE_RANGE
    }

    /// An FTS5 query the user wrote that FTS5 cannot parse.
    var isQuerySyntax: Bool {
        code & 0xFF == SQLITE_ERROR && (message.contains("fts5: syntax error") || message.contains("unknown special query")
            || message.contains("no such column") || message.contains("fts5:"))
    }
}

/// The few calls of SQLite that the search index makes: one connection, prepared statements, rows.
final class SQLiteDatabase {
    private(set) var handle: OpaquePointer?
    let path: String

    /// Opens (or, with `create`, creates) the database at `path`; `:memory:` for one in memory.
    init(path: String, create: Bool, readOnly: Bool = false) throws {
        self.path = path
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(handle)
            handle = nil
            throw SQLiteError(code, message)
        }
        sqlite3_extended_result_codes(handle, 1)
        // Two runs at once (an editor's and a terminal's) wait for each other's writes rather than fail.
        sqlite3_busy_timeout(handle, 5_000)
    }

    /// Statements prepared once per connection (`statement`), finalized before it closes.
    private var cache: [String: SQLiteStatement] = [:]

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// A statement prepared once for this connection and reused.
    func statement(_ sql: String) throws -> SQLiteStatement {
        if let cached = cache[sql] { return cached }
        let prepared = try prepare(sql)
        cache[sql] = prepared
        return prepared
    }

    /// The rowid of the last row inserted.
    var lastRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    func error(_ code: Int32) -> SQLiteError { SQLiteError(code, String(cString: sqlite3_errmsg(handle))) }

    /// Runs statements that return no rows.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw SQLiteError(code, text)
        }
    }

    func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code) }
        return SQLiteStatement(statement, database: self)
    }

    /// The rows of a query, each as its columns' text (nil for NULL).
    func rows(_ sql: String, _ bindings: [SQLiteValue] = []) throws -> [[String?]] {
        let statement = try prepare(sql)
        try statement.bind(bindings)
        var rows: [[String?]] = []
        while try statement.step() { rows.append((0..<statement.columnCount).map { statement.text($0) }) }
        return rows
    }

    /// The first column of the first row as an integer; nil when there is no row.
    func integer(_ sql: String) throws -> Int64? {
        let statement = try prepare(sql)
        defer { statement.reset() }
        return try statement.step() ? statement.int(0) : nil
    }

    /// The options this SQLite was compiled with (`PRAGMA compile_options`: `ENABLE_FTS5`, …).
    func compileOptions() throws -> [String] {
        try rows("PRAGMA compile_options").compactMap { $0.first ?? nil }
    }

    /// Copies the whole of `source` into this database (SQLite's online backup).
    func copy(from source: SQLiteDatabase) throws {
        guard let backup = sqlite3_backup_init(handle, "main", source.handle, "main") else { throw error(sqlite3_errcode(handle)) }
        let code = sqlite3_backup_step(backup, -1)
        sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE else { throw SQLiteError(code, "copying the index into memory failed (\(code))") }
    }

    var changes: Int { Int(sqlite3_changes(handle)) }
}

/// A value bound to a statement's parameter.
enum SQLiteValue {
    case text(String), int(Int64), blob([UInt8]), null
}

final class SQLiteStatement {
    private let statement: OpaquePointer
    /// Unowned: the connection keeps its prepared statements, and outlives them.
    private unowned let database: SQLiteDatabase

    init(_ statement: OpaquePointer, database: SQLiteDatabase) {
        self.statement = statement
        self.database = database
    }

    deinit { sqlite3_finalize(statement) }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ values: [SQLiteValue]) throws {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .text(let text): code = sqlite3_bind_text(statement, index, text, -1, Self.transient)
            case .int(let number): code = sqlite3_bind_int64(statement, index, number)
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), Self.transient) }
            case .null: code = sqlite3_bind_null(statement, index)
            }
            guard code == SQLITE_OK else { throw database.error(code) }
        }
    }

    /// Ends a statement's run before its last row: a statement left mid-way keeps its read lock.
    func reset() { sqlite3_reset(statement) }

    /// Binds and runs a statement that returns no rows.
    func run(_ values: [SQLiteValue]) throws {
        try bind(values)
        while try step() {}
    }

    /// The next row: true when there is one.
    func step() throws -> Bool {
        let code = sqlite3_step(statement)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw database.error(code)
    }

    var columnCount: Int32 { sqlite3_column_count(statement) }

    func text(_ column: Int32) -> String? {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL, let pointer = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: pointer)
    }

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
