import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GRDBSQLite

/// A prepared statement read and written through the SQLite C API, columns by position:
/// the sync replay runs a dozen of these per account, and GRDB's rows (copied, looked up
/// by case-insensitive name) cost more than SQLite itself there. Used only inside a GRDB
/// transaction, by the code that made it.
final class QueryStatement {
    private let statement: Statement
    private let connection: OpaquePointer
    var handle: OpaquePointer { statement.sqliteStatement }

    /// - Parameter cached: from the connection's statement cache, as `BoundStatement`'s.
    init(_ db: Database, _ sql: String, cached: Bool = false) throws {
        statement = try cached ? db.cachedStatement(sql: sql) : db.makeStatement(sql: sql)
        sqlite3_reset(statement.sqliteStatement)
        connection = db.sqliteConnection!
    }

    /// Resets the statement and binds the values in order. Generic over the values' types,
    /// so no value is boxed or cast at run time.
    @discardableResult
    func bind<each Value: SQLiteBindable>(_ values: repeat each Value) -> QueryStatement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        var index: Int32 = 0
        for value in repeat each values {
            index += 1
            value.bind(to: handle, at: index)
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

    /// Whether a text column holds exactly `value`, compared byte by byte without making a
    /// string of the column (false for NULL).
    func textEquals(_ column: Int32, _ value: String) -> Bool {
        guard let p = sqlite3_column_text(handle, column) else { return false }
        let count = Int(sqlite3_column_bytes(handle, column))
        var value = value
        return value.withUTF8 { v in v.count == count && (count == 0 || memcmp(p, v.baseAddress!, count) == 0) }
    }
}
