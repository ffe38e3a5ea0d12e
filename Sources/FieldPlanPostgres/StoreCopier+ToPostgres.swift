import FieldPlanStore
import Foundation
import PostgresNIO

extension StoreCopier {
    /// SQLite into PostgreSQL. This thread reads the file (one read transaction) and turns its
    /// rows into `COPY` text, chunk by chunk (`CopyPipe`); the store's task, waited for on a
    /// thread of its own, sends each table through `COPY … FROM STDIN`, all in one transaction,
    /// and sets the identity sequences at the end, then vacuums and analyzes the copy. The
    /// database must hold no rows (a new one gets the schema first).
    static func sqliteToPostgres(_ source: SQLiteTables, _ url: PostgresURL,
                                 progress: (_ table: String, _ rows: Int) -> Void) throws -> [(table: String, rows: Int)] {
        let store = try PostgresAgencyStore(url: url, mustExist: false)
        defer { store.close() }
        let location = store.location
        let targetColumns: [String: [String]] = try store.read { connection in
            let columns = try await Self.postgresColumns(connection, logger: store.logger)
            if let table = try await Self.firstTableWithRows(connection, logger: store.logger) {
                throw StoreCopyError.targetNotEmpty(location, table: table)
            }
            return columns
        }

        // The consumer: the store's task, waited for on a thread of its own while this
        // thread reads the file and feeds it.
        let pipe = CopyPipe()
        let consumed = DispatchSemaphore(value: 0)
        let outcome = CopyOutcome()
        let client = store.client, logger = store.logger
        let consumer = Thread {
            defer { consumed.signal() }
            outcome.set(Result {
                try store.blocking {
                    try await client.withConnection { connection in
                        try await connection.query("BEGIN ISOLATION LEVEL SERIALIZABLE", logger: logger)
                        do {
                            try await Self.consume(pipe, into: connection, logger: logger)
                            try await connection.query("COMMIT", logger: logger)
                        } catch {
                            _ = try? await connection.query("ROLLBACK", logger: logger)
                            throw error
                        }
                        // Freshly copied rows have no statistics (the planner guesses, and a
                        // report's joins went wrong by seconds) and no hint bits (the first
                        // read of each page writes it): both settled here, as after pg_restore.
                        try await connection.query("VACUUM (ANALYZE)", logger: logger)
                    }
                }
            })
            pipe.close()
        }
        consumer.stackSize = 4 << 20
        consumer.start()

        var counts: [(table: String, rows: Int)] = []
        let produced = Result {
            try source.read { reader in
                var lastIDs: [String: Int64] = [:]
                for (table, key) in tables {
                    let columns = try reader.columns(table)
                    try checkColumns(table, source: columns, target: targetColumns[table] ?? [], location: location)
                    try pipe.put(.table(table, columns: columns))
                    var rows = CopyRows()
                    var count = 0
                    try reader.rows(table, columns: columns, key: key) { values in
                        for value in values {
                            switch value {
                            case .null: rows.text(nil)
                            case .integer(let v): rows.int(v)
                            case .real(let v): rows.double(v)
                            case .text(let v): rows.text(v)
                            case .blob(let v): rows.bytes(v)
                            }
                        }
                        rows.end()
                        count += 1
                        if !rows.chunks.isEmpty {
                            for chunk in rows.all { try pipe.put(.rows(chunk)) }
                            rows = CopyRows()
                        }
                    }
                    for chunk in rows.all { try pipe.put(.rows(chunk)) }
                    try pipe.put(.end)
                    if numbered.contains(table) { lastIDs[table] = try reader.lastID(table) }
                    counts.append((table, count))
                    progress(table, count)
                }
                try pipe.put(.lastIDs(lastIDs))
            }
        }
        if case .failure(let error) = produced { pipe.finish(error) } else { pipe.finish() }
        consumed.wait()
        // The consumer's failure says why first; the producer's own failure otherwise.
        try outcome.get()
        try produced.get()
        return counts
    }

    /// Reads the pipe to its end: each table's chunks through one `COPY`, then the sequences.
    private static func consume(_ pipe: CopyPipe, into connection: PostgresConnection, logger: Logger) async throws {
        func next() async throws -> CopyPipe.Item? { try await pipe.next() }
        while let item = try await next() {
            switch item {
            case .table(let table, let columns):
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    while let item = try await next(), case .rows(let chunk) = item {
                        try await writer.write(chunk)
                    }
                }
            case .lastIDs(let lastIDs):
                for (table, lastID) in lastIDs.sorted(by: { $0.key < $1.key }) where lastID > 0 {
                    try await connection.query(PostgresQuery(unsafeSQL: """
                        SELECT setval(pg_get_serial_sequence('"\(table)"', 'id'), \(lastID), true)
                        """), logger: logger)
                }
            case .rows, .end:
                continue
            }
        }
    }
}
