import GRDB
import GRDBSQLite

/// A prepared statement executed through the SQLite C API with values bound in place:
/// the import's hot path, where building `StatementArguments` for every line would cost
/// more than SQLite's own work. Used only inside a GRDB write transaction.
///
/// Text values are gathered in one buffer owned by the statement and handed to SQLite
/// without a copy when the statement runs: SQLite would otherwise allocate, copy and free
/// every text value of every line.
final class BoundStatement {
    private let statement: Statement
    private let connection: OpaquePointer
    /// This execution's text values, back to back, and where each one goes.
    private var texts: [UInt8] = []
    private var textSlots: [(index: Int32, offset: Int, count: Int)] = []

    /// - Parameter cached: take the statement from the connection's cache (GRDB's), so the
    ///   next import on the same connection does not compile it again. Compiling the import's
    ///   dozen statements cost more than storing a sync of 15 outcomes (issue 13's profile:
    ///   GRDB's authorizer and SQLite's parser). Only for SQL that no other live statement of
    ///   the same transaction uses at the same time: the cached statement is one object.
    init(_ db: Database, sql: String, cached: Bool = false) throws {
        statement = try cached ? db.cachedStatement(sql: sql) : db.makeStatement(sql: sql)
        connection = db.sqliteConnection!
        texts.reserveCapacity(1024)
    }

    private var handle: OpaquePointer { statement.sqliteStatement }

    /// SQLite copies the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    /// SQLite uses the bytes in place: they must stay put until the statement is reset.
    private static let staticBytes = unsafeBitCast(0, to: sqlite3_destructor_type.self)

    func bind(_ index: Int32, _ value: String?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        let offset = texts.count
        texts.append(contentsOf: value.utf8)
        textSlots.append((index, offset, texts.count - offset))
    }

    func bind(_ index: Int32, bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            _ = sqlite3_bind_blob(handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), Self.transient)
        }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int?) { bind(index, value.map(Int64.init)) }

    func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Bool?) { bind(index, value.map { $0 ? Int64(1) : Int64(0) }) }

    /// Binds `count` packed values, starting at `first`, to parameters 1…count and runs the
    /// statement; the texts are read in place from the packed buffer.
    @discardableResult
    func execute(_ packed: PackedValues, from first: Int, count: Int) throws -> Int {
        try packed.bytes.withUnsafeBufferPointer { buffer in
            for i in 0..<count {
                let index = Int32(i + 1)
                switch packed.values[first + i] {
                case .null: sqlite3_bind_null(handle, index)
                case .integer(let value): sqlite3_bind_int64(handle, index, value)
                case .real(let value): sqlite3_bind_double(handle, index, value)
                case .text(let offset, let length):
                    if length > 0, let start = buffer.baseAddress {
                        let text = UnsafeRawPointer(start + Int(offset)).assumingMemoryBound(to: CChar.self)
                        sqlite3_bind_text(handle, index, text, length, Self.staticBytes)
                    } else {
                        bind(index, "")
                    }
                }
            }
            return try execute()
        }
    }

    /// Binds the gathered texts in place, steps once, and leaves the statement reset with no
    /// bindings, so the buffer can be reused for the next execution.
    private func stepOnce<T>(_ read: (Int32) throws -> T) throws -> T {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            texts.removeAll(keepingCapacity: true)
            textSlots.removeAll(keepingCapacity: true)
        }
        // Empty texts need a non-null pointer, or SQLite would bind NULL.
        if texts.isEmpty && !textSlots.isEmpty { texts.append(0) }
        return try texts.withUnsafeBufferPointer { buffer in
            if let start = buffer.baseAddress {
                let base = UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self)
                for slot in textSlots {
                    sqlite3_bind_text(handle, slot.index, base + slot.offset, Int32(slot.count), Self.staticBytes)
                }
            }
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE || code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
            }
            return try read(code)
        }
    }

    /// Runs the statement to completion and returns the number of rows it changed.
    @discardableResult
    func execute() throws -> Int {
        try stepOnce { _ in Int(sqlite3_changes(connection)) }
    }

    /// Runs a query and returns the first column of its first row as text, if any.
    func firstText() throws -> String? {
        try stepOnce { code in
            guard code == SQLITE_ROW, let text = sqlite3_column_text(handle, 0) else { return nil }
            return String(cString: text)
        }
    }

    /// Runs a query and returns the first column of its first row as an integer, if any.
    func firstInt64() throws -> Int64? {
        try stepOnce { code in
            guard code == SQLITE_ROW, sqlite3_column_type(handle, 0) != SQLITE_NULL else { return nil }
            return sqlite3_column_int64(handle, 0)
        }
    }

    /// Whether a query returns any row.
    func hasRow() throws -> Bool {
        try stepOnce { code in code == SQLITE_ROW }
    }
}
