import FieldPlanStore
import PostgresNIO

extension PostgresAgencyStore {
    /// How long opening waits for the server before saying it cannot be reached.
    static let openSeconds = 15.0

    /// Brings the schema up to date in one transaction under `pg_advisory_xact_lock`, so two
    /// processes opening the same database at once migrate it once: the second waits for the
    /// lock, then finds every migration recorded. Refuses, before changing anything, a
    /// database that another program made (tables but no fieldplan migrations) or that a
    /// newer fieldplan wrote (a migration this build does not know), as the SQLite store does.
    func migrate(mustExist: Bool, openSeconds: Double) throws {
        let location = self.location
        let logger = self.logger
        let client = self.client
        try blocking(timeout: openSeconds) {
            try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                do {
                    try await Self.migrate(connection, mustExist: mustExist, location: location, logger: logger)
                    try await connection.query("COMMIT", logger: logger)
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    private static func migrate(_ connection: PostgresConnection, mustExist: Bool, location: String, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))", logger: logger)
        let ledger = try await connection.query(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'grdb_migrations'",
            logger: logger).collect().first?.decode(Int64.self) ?? 0
        var applied: Set<String> = []
        if ledger == 0 {
            let tables = try await connection.query(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()",
                logger: logger).collect().first?.decode(Int64.self) ?? 0
            if tables > 0 {
                throw StoreFileError.notAStore(location, reason: "a PostgreSQL database of another program (no fieldplan migrations)")
            }
            if mustExist { throw StoreFileError.noStore(location) }
            try await connection.query(#"CREATE TABLE grdb_migrations (identifier TEXT COLLATE "C" NOT NULL PRIMARY KEY)"#,
                                       logger: logger)
        } else {
            for try await name in try await connection.query("SELECT identifier FROM grdb_migrations", logger: logger).decode(String.self) {
                applied.insert(name)
            }
        }
        let known = Set(PostgresSchema.migrations.map(\.name))
        if let unknown = applied.subtracting(known).sorted().first {
            throw StoreFileError.notAStore(location, reason: "written by a newer fieldplan (unknown migration \(unknown))")
        }
        for migration in PostgresSchema.migrations where !applied.contains(migration.name) {
            for statement in PostgresSchema.statements(migration.sql) {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            try await connection.query("INSERT INTO grdb_migrations (identifier) VALUES (\(migration.name))", logger: logger)
        }
    }

    /// The names of the migrations applied, in the order they were made.
    public func appliedMigrations() throws -> [String] {
        let applied = try read { connection in
            var names: Set<String> = []
            for try await name in try await connection.query("SELECT identifier FROM grdb_migrations", logger: self.logger).decode(String.self) {
                names.insert(name)
            }
            return names
        }
        return PostgresSchema.migrations.map(\.name).filter(applied.contains)
    }
}
