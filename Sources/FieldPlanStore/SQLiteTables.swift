import Foundation
import GRDB

/// An SQLite store's tables as plain rows, for a whole-store copy (`fieldplan migrate`): the
/// side of `StoreCopier` that touches the file. Reading opens the file read-only (the source
/// is never changed, not even migrated) and reads every table in one read transaction, one
/// moment of the store; writing fills a store made by this build's migrations in one write
/// transaction, so a failed copy leaves no half store.
public struct SQLiteTables: Sendable {
    let queue: DatabaseQueue
    public let path: String

    /// The store at `path`, read-only. Refuses a missing file, another program's database, a
    /// newer fieldplan's store and one that lacks migrations (`StoreCopyError.sourceNotCurrent`).
    public static func reading(_ path: String) throws -> SQLiteTables {
        try StoreFileError.checkExisting(path)
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(30)
        let queue = try DatabaseQueue(path: path, configuration: config)
        try FieldPlanStore.checkMigrations(queue, path: path)
        let applied = try queue.read { db in try Schema.migrator.appliedIdentifiers(db) }
        if let missing = Schema.migrator.migrations.first(where: { !applied.contains($0) }) {
            throw StoreCopyError.sourceNotCurrent(path, missing: missing)
        }
        return SQLiteTables(queue: queue, path: path)
    }

    /// The store at `path` for writing, made with this build's migrations if there is no file.
    public static func writing(_ path: String) throws -> SQLiteTables {
        _ = try FieldPlanStore(path: path)
        var config = Configuration()
        config.busyMode = .timeout(30)
        return SQLiteTables(queue: try DatabaseQueue(path: path, configuration: config), path: path)
    }

    /// Removes the file and its `-wal` / `-shm` companions (a copy that failed into a file it made).
    public static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// The tables of the store (SQLite's own and the migration ledger left out), sorted.
    public func tableNames() throws -> [String] {
        try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
                ORDER BY name
                """)
        }
    }

    /// `body` in one read transaction.
    public func read<T>(_ body: (Reader) throws -> T) throws -> T {
        try queue.read { db in try body(Reader(db: db)) }
    }

    /// `body` in one write transaction: committed when it returns, rolled back when it throws.
    public func write<T>(_ body: (Writer) throws -> T) throws -> T {
        try queue.write { db in try body(Writer(db: db)) }
    }

    /// Reading tables inside `read`.
    public struct Reader {
        let db: Database

        /// The columns of `table`, in the table's order.
        public func columns(_ table: String) throws -> [String] {
            try Row.fetchAll(db, sql: "PRAGMA table_info(\(Self.quoted(table)))").map { $0["name"] as String }
        }

        /// The rows of `table`, `columns` in that order, sorted by `key`, one at a time.
        public func rows(_ table: String, columns: [String], key: [String], _ each: ([StoreValue]) throws -> Void) throws {
            let sql = "SELECT \(columns.map(Self.quoted).joined(separator: ", ")) FROM \(Self.quoted(table)) "
                + "ORDER BY \(key.map(Self.quoted).joined(separator: ", "))"
            let cursor = try Row.fetchCursor(db, sql: sql)
            var values: [StoreValue] = []
            values.reserveCapacity(columns.count)
            while let row = try cursor.next() {
                values.removeAll(keepingCapacity: true)
                for index in 0..<columns.count {
                    switch (row[index] as DatabaseValue).storage {
                    case .null: values.append(.null)
                    case .int64(let v): values.append(.integer(v))
                    case .double(let v): values.append(.real(v))
                    case .string(let v): values.append(.text(v))
                    case .blob(let v): values.append(.blob([UInt8](v)))
                    }
                }
                try each(values)
            }
        }

        /// The last id an `AUTOINCREMENT` table handed out (never less than its largest id): a
        /// copy starts the target's numbering after it, so an id once used is never reused.
        public func lastID(_ table: String) throws -> Int64 {
            let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table]) ?? 0
            let max = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM \(Self.quoted(table))") ?? 0
            return Swift.max(seq, max)
        }

        /// Whether `table` has any row.
        public func hasRows(_ table: String) throws -> Bool {
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(Self.quoted(table)))") ?? false
        }

        static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    }

    /// Filling tables inside `write`.
    public struct Writer {
        let db: Database

        public var reader: Reader { Reader(db: db) }

        /// A prepared insert of `columns` into `table`; call it once per row.
        public func inserter(_ table: String, columns: [String]) throws -> ([StoreValue]) throws -> Void {
            let statement = try db.makeStatement(sql: "INSERT INTO \(Reader.quoted(table)) (\(columns.map(Reader.quoted).joined(separator: ", "))) "
                + "VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))")
            return { values in
                try statement.execute(arguments: StatementArguments(values.map { value -> DatabaseValue in
                    switch value {
                    case .null: .null
                    case .integer(let v): v.databaseValue
                    case .real(let v): v.databaseValue
                    case .text(let v): v.databaseValue
                    case .blob(let v): Data(v).databaseValue
                    }
                }))
            }
        }

        /// Makes `table`'s next `AUTOINCREMENT` id come after `id` (no-op for a table without one).
        public func setLastID(_ table: String, _ id: Int64) throws {
            let auto = try Bool.fetchOne(db, sql: "SELECT sql LIKE '%AUTOINCREMENT%' FROM sqlite_master WHERE type = 'table' AND name = ?",
                                         arguments: [table]) ?? false
            guard auto, id > 0 else { return }
            try db.execute(sql: "UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?", arguments: [id, table])
            if db.changesCount == 0 {
                try db.execute(sql: "INSERT INTO sqlite_sequence(name, seq) VALUES (?, ?)", arguments: [table, id])
            }
        }
    }
}
