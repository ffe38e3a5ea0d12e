import GRDB
import GRDBSQLite

/// A prepared statement read and written through the SQLite C API, columns by position:
/// the sync replay runs a dozen of these per account, and GRDB's rows (copied, looked up
/// by case-insensitive name) cost more than SQLite itself there. Used only inside a GRDB
/// transaction, by the code that made it.
final class QueryStatement {
    private let statement: Statement
    private let connection: OpaquePointer
    private var handle: OpaquePointer { statement.sqliteStatement }
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, _ sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        connection = db.sqliteConnection!
    }

    /// Binds the values in order (String, Int64, Int, Double, Bool or nil) and resets.
    @discardableResult
    func bind(_ values: [Any?]) -> QueryStatement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            switch value {
            case let s as String:
                var copy = s
                copy.withUTF8 { buffer in
                    _ = sqlite3_bind_text(handle, index, UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self),
                                          Int32(buffer.count), Self.transient)
                }
            case let v as Int64: sqlite3_bind_int64(handle, index, v)
            case let v as Int: sqlite3_bind_int64(handle, index, Int64(v))
            case let v as Double: sqlite3_bind_double(handle, index, v)
            case let v as Bool: sqlite3_bind_int64(handle, index, v ? 1 : 0)
            default: sqlite3_bind_null(handle, index)
            }
        }
        return self
    }

    /// The next row; false at the end (the statement is then reset).
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
        }
        return false
    }

    /// Runs a statement that returns no rows; the number of rows it changed.
    @discardableResult
    func execute() throws -> Int {
        _ = try step()
        sqlite3_reset(handle)
        return Int(sqlite3_changes(connection))
    }

    /// Done reading early.
    func finish() { sqlite3_reset(handle) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func int64(_ column: Int32) -> Int64? { isNull(column) ? nil : sqlite3_column_int64(handle, column) }
    func double(_ column: Int32) -> Double? { isNull(column) ? nil : sqlite3_column_double(handle, column) }
    func text(_ column: Int32) -> String? {
        guard let p = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: p)
    }
}
