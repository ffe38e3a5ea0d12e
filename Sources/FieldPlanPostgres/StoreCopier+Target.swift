import PostgresNIO

extension StoreCopier {
    /// The columns of every table of the database's schema, each table's in their order:
    /// both directions of the copy check them against SQLite's (`checkColumns`) and name
    /// them in one order, so the query lives here once.
    static func postgresColumns(_ connection: PostgresConnection, logger: Logger) async throws -> [String: [String]] {
        var columns: [String: [String]] = [:]
        let query: PostgresQuery = """
            SELECT table_name::text, column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """
        for try await (table, column) in try await connection.query(query, logger: logger).decode((String, String).self) {
            columns[table, default: []].append(column)
        }
        return columns
    }

    /// The first of the schema's tables (in `tables` order) that holds a row, or nil when
    /// the store is empty: a copy (and the demo) fills an empty store only, so nothing is
    /// merged into or written over an agency's data.
    static func firstTableWithRows(_ connection: PostgresConnection, logger: Logger) async throws -> String? {
        for table in tables.map(\.name) {
            let any = try await connection.query(PostgresQuery(unsafeSQL: "SELECT EXISTS (SELECT 1 FROM \"\(table)\")"),
                                                 logger: logger).collect().first?.decode(Bool.self) ?? false
            if any { return table }
        }
        return nil
    }
}
