import FieldPlanStore
import Foundation
import PostgresNIO

extension StoreCopier {
    /// PostgreSQL into SQLite. The database is read in one read-only `REPEATABLE READ`
    /// transaction (one moment of it), its rows streamed to this thread in pages
    /// (`PostgresAgencyStore.stream`) and inserted into the file in one write transaction
    /// with a prepared insert per table. The file is made if there is none (and removed
    /// again if the copy fails); an existing one must hold no rows.
    static func postgresToSQLite(_ url: PostgresURL, _ path: String,
                                 progress: (_ table: String, _ rows: Int) -> Void) throws -> [(table: String, rows: Int)] {
        try checkCurrent(url)
        let store = try PostgresAgencyStore(url: url, mustExist: true)
        defer { store.close() }
        let logger = store.logger
        let names = tables.map(\.name)
        let sourceColumns: [String: [String]] = try store.read { connection in
            try await Self.postgresColumns(connection, logger: logger)
        }
        let lastIDs: [String: Int64] = try store.read { connection in
            var ids: [String: Int64] = [:]
            for table in numbered.sorted() {
                let query = PostgresQuery(unsafeSQL: """
                    SELECT GREATEST(COALESCE((SELECT last_value FROM pg_sequences s WHERE format('%I.%I', s.schemaname, s.sequencename)::regclass
                            = pg_get_serial_sequence('"\(table)"', 'id')::regclass), 0),
                        COALESCE((SELECT MAX(id) FROM "\(table)"), 0))
                    """)
                ids[table] = try await connection.query(query, logger: logger).collect().first?.decode(Int64.self) ?? 0
            }
            return ids
        }

        let existed = FileManager.default.fileExists(atPath: path)
        do {
            let target = try SQLiteTables.writing(path)
            return try target.write { writer in
                let reader = writer.reader
                var inserts: [([StoreValue]) throws -> Void] = []
                var columnsOf: [[String]] = []
                for table in names {
                    if try reader.hasRows(table) { throw StoreCopyError.targetNotEmpty(path, table: table) }
                    let columns = sourceColumns[table] ?? []
                    try checkColumns(table, source: columns, target: try reader.columns(table), location: store.location)
                    columnsOf.append(columns)
                    inserts.append(try writer.inserter(table, columns: columns))
                }
                let queries = tables.enumerated().map { index, table in
                    PostgresQuery(unsafeSQL: "SELECT \(columnsOf[index].map { "\"\($0)\"" }.joined(separator: ", ")) FROM \"\(table.name)\" "
                        + "ORDER BY \(table.key.map { "\"\($0)\"" }.joined(separator: ", "))")
                }
                var counts = names.map { ($0, 0) }
                var current = 0
                try store.stream(queries) { index, row -> (Int, [StoreValue])? in
                    (index, try Self.values(row))
                } emit: { item in
                    while current < item.0 {
                        progress(names[current], counts[current].1)
                        current += 1
                    }
                    try inserts[item.0](item.1)
                    counts[item.0].1 += 1
                }
                while current < names.count {
                    progress(names[current], counts[current].1)
                    current += 1
                }
                for (table, id) in lastIDs.sorted(by: { $0.key < $1.key }) { try writer.setLastID(table, id) }
                return counts.map { (table: $0.0, rows: $0.1) }
            }
        } catch {
            if !existed { SQLiteTables.remove(path) }
            throw error
        }
    }

    /// A row's values as stored: PostgreSQL's types of the schema, each SQLite's class.
    static func values(_ row: PostgresRow) throws -> [StoreValue] {
        var values: [StoreValue] = []
        for cell in row {
            guard cell.bytes != nil else { values.append(.null); continue }
            switch cell.dataType {
            case .int8, .int4, .int2: values.append(.integer(try cell.decode(Int64.self)))
            case .float8, .float4: values.append(.real(try cell.decode(Double.self)))
            case .bytea:
                let bytes = try cell.decode(ByteBuffer.self)
                values.append(.blob(Array(bytes.readableBytesView)))
            default: values.append(.text(try cell.decode(String.self)))
            }
        }
        return values
    }

    /// Refuses, without changing it, a database that is not a fieldplan store or that lacks
    /// migrations: opening it afterwards migrates nothing, so the source stays as it was.
    static func checkCurrent(_ url: PostgresURL) throws {
        let ledger = try PostgresAgencyStore.count(url, """
            SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'grdb_migrations'
            """)
        guard ledger > 0 else { return }  // opening says what it is (no store, another program's)
        let known = PostgresSchema.migrations.map(\.name)
        let list = known.map { "'\($0)'" }.joined(separator: ", ")
        let applied = try PostgresAgencyStore.count(url, "SELECT COUNT(*) FROM grdb_migrations WHERE identifier IN (\(list))")
        let total = try PostgresAgencyStore.count(url, "SELECT COUNT(*) FROM grdb_migrations")
        guard total == applied, applied < known.count else { return }  // a newer fieldplan's: opening refuses it
        for name in known {
            if try PostgresAgencyStore.count(url, "SELECT COUNT(*) FROM grdb_migrations WHERE identifier = '\(name)'") == 0 {
                throw StoreCopyError.sourceNotCurrent(url.description, missing: name)
            }
        }
    }
}
