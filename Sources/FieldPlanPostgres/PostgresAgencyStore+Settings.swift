import FieldPlanCore
import FieldPlanStore
import PostgresNIO

extension PostgresAgencyStore {
    /// The settings, every key the store holds applied over the defaults (a value that no
    /// longer validates falls back to the default, as on SQLite). One read.
    public func settings() throws -> Settings {
        let rows = try read { connection in
            var rows: [(String, String)] = []
            // Prepared: the service reads the settings for every sync that names its clock.
            for row in try await PreparedRun.rows(SmallSyncSQL.Settings.self, on: connection, logger: self.logger) {
                rows.append(try row.decode((String, String).self))
            }
            return rows
        }
        return Self.settings(from: rows)
    }

    static func settings(from rows: [(String, String)]) -> Settings {
        var settings = Settings()
        for (key, value) in rows {
            try? settings.set(key, to: value, isKnownTimeZone: FieldPlanStore.knownTimeZone)
        }
        return settings
    }

    /// Validates and stores one setting, as `FieldPlanStore.setSetting` does; returns the
    /// value as kept. The read and the write are one serializable transaction, so a rule
    /// that spans keys holds against a concurrent change of another key.
    @discardableResult
    public func setSetting(_ key: String, to value: String) throws -> String {
        try write { connection in
            var rows: [(String, String)] = []
            // Prepared: the service reads the settings for every sync that names its clock.
            for row in try await PreparedRun.rows(SmallSyncSQL.Settings.self, on: connection, logger: self.logger) {
                rows.append(try row.decode((String, String).self))
            }
            var settings = Self.settings(from: rows)
            try settings.set(key, to: value, isKnownTimeZone: FieldPlanStore.knownTimeZone)
            let kept = settings.value(of: key)!
            try await connection.query("""
                INSERT INTO setting (key, value) VALUES (\(key), \(kept))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, logger: self.logger)
            return kept
        }
    }

    /// The agency's date at `now` (default: the system clock), in the settings' time zone.
    public func agencyToday(now: Int64?) throws -> CivilDate {
        try clock().localDate(now ?? Self.now())
    }
}
