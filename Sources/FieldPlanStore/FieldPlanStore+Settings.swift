import FieldPlanCore
import GRDB

extension FieldPlanStore {
    public func settings() throws -> Settings {
        try writer.read { db in try Self.settings(db) }
    }

    static func settings(_ db: Database) throws -> Settings {
        var settings = Settings()
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM setting ORDER BY key") {
            let key: String = row["key"]
            // A value that no longer validates falls back to the default rather than
            // making the whole store unreadable.
            try? settings.set(key, to: row["value"])
        }
        return settings
    }

    /// Validates and stores one setting.
    public func setSetting(_ key: String, to value: String) throws {
        try writer.write { db in
            var settings = try Self.settings(db)
            try settings.set(key, to: value)
            try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, settings.value(of: key)!])
        }
    }
}
