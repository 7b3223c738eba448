import CSQLite
import Foundation

/// A failed SQLite call: which statement, SQLite's result code and its message.
public enum DatabaseError: Error, CustomStringConvertible, Equatable {
    case open(path: String, code: Int32, message: String)
    case prepare(sql: String, message: String)
    case step(sql: String, code: Int32, message: String)
    case migration(version: Int, message: String)
    case newerSchema(found: Int, known: Int)

    public var description: String {
        switch self {
        case .open(let path, let code, let message): "cannot open database \(path): \(message) (sqlite \(code))"
        case .prepare(let sql, let message): "cannot prepare '\(sql)': \(message)"
        case .step(let sql, let code, let message): "'\(sql)' failed: \(message) (sqlite \(code))"
        case .migration(let version, let message): "migration \(version) failed: \(message)"
        case .newerSchema(let found, let known):
            "the database has schema version \(found) but this blockfence knows only up to \(known); "
                + "run a newer blockfence"
        }
    }

    /// True for constraint violations (a unique name taken, a foreign key missing).
    public var isConstraintViolation: Bool {
        if case .step(_, let code, _) = self { return code & 0xff == SQLITE_CONSTRAINT }
        return false
    }
}

/// One SQLite connection in WAL mode with full synchronous commits: when a transaction returns,
/// its changes are on disk, which is what "persist, then publish" relies on.
///
/// Not thread-safe: the control core uses it from one thread only.
public final class Database {
    private var handle: OpaquePointer?
    public let path: String
    private var statements: [String: Statement] = [:]

    public init(path: String) throws(DatabaseError) {
        self.path = path
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(connection)
            throw .open(path: path, code: code, message: message)
        }
        handle = connection
        sqlite3_busy_timeout(connection, 5_000)
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = FULL")
        try execute("PRAGMA foreign_keys = ON")
    }

    deinit {
        statements.removeAll()
        sqlite3_close(handle)
    }

    /// Runs SQL that returns no rows (several statements allowed).
    public func execute(_ sql: String) throws(DatabaseError) {
        var error: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &error)
        guard code == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(error)
            throw .step(sql: sql, code: code, message: message)
        }
    }

    /// A prepared statement, cached by its text; bindings from an earlier use are cleared.
    public func statement(_ sql: String) throws(DatabaseError) -> Statement {
        if let cached = statements[sql] {
            cached.reset()
            return cached
        }
        var prepared: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &prepared, nil) == SQLITE_OK, let prepared else {
            throw .prepare(sql: sql, message: lastMessage)
        }
        let statement = Statement(prepared, sql: sql, database: self)
        statements[sql] = statement
        return statement
    }

    /// Runs `body` in one IMMEDIATE transaction (the write lock is taken at the start, so two
    /// writers never deadlock) and commits; any error rolls everything back.
    public func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }

    public var changes: Int { Int(sqlite3_changes(handle)) }
}

/// A prepared statement. Bind with 1-based indexes, then step through rows.
public final class Statement {
    private let pointer: OpaquePointer
    let sql: String
    private unowned let database: Database

    init(_ pointer: OpaquePointer, sql: String, database: Database) {
        self.pointer = pointer
        self.sql = sql
        self.database = database
    }

    deinit {
        sqlite3_finalize(pointer)
    }

    func reset() {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
    }

    @discardableResult
    public func bind(_ values: [DatabaseValue]) -> Statement {
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            switch value {
            case .integer(let number): sqlite3_bind_int64(pointer, position, number)
            case .text(let text): sqlite3_bind_text(pointer, position, text, -1, bf_sqlite_transient())
            case .null: sqlite3_bind_null(pointer, position)
            }
        }
        return self
    }

    /// Advances to the next row; false when there are no more.
    public func step() throws(DatabaseError) -> Bool {
        let code = sqlite3_step(pointer)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            throw .step(
                sql: sql, code: sqlite3_extended_errcode(sqlite3_db_handle(pointer)), message: database.lastMessage)
        }
    }

    /// Runs a statement that returns no rows.
    public func run(_ values: [DatabaseValue] = []) throws(DatabaseError) {
        bind(values)
        while try step() {}
    }

    /// Every row, each turned into a value by `row`.
    public func rows<Row>(_ values: [DatabaseValue] = [], _ row: (Statement) throws -> Row) throws -> [Row] {
        bind(values)
        var result: [Row] = []
        while try step() { result.append(try row(self)) }
        return result
    }

    public func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(pointer, column) }

    public func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(pointer, column) else { return "" }
        return String(cString: bytes)
    }

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(pointer, column) == SQLITE_NULL }
}

/// A value bound to a statement.
public enum DatabaseValue: Sendable, Equatable {
    case integer(Int64)
    case text(String)
    case null
}

extension DatabaseValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(_ value: UInt64) { self = .integer(Int64(bitPattern: value)) }
    public init(_ value: Int) { self = .integer(Int64(value)) }
    public init(_ value: String?) { self = value.map { .text($0) } ?? .null }
}
