import FieldPlanCore
import Foundation
import GRDB
import Synchronization

extension FieldPlanStore {
    public func settings() throws -> Settings {
        guard let settingsCache else { return try writer.read { db in try Self.settings(db) } }
        return try settingsCache.settings { try writer.read { db in try Self.settings(db) } }
    }

    static func settings(_ db: Database) throws -> Settings {
        var settings = Settings()
        // Every request of the service reads the settings: the statement is compiled once per connection.
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT key, value FROM setting ORDER BY key")) {
            let key: String = row["key"]
            // A value that no longer validates (a time zone the system has dropped) falls
            // back to the default rather than making the whole store unreadable.
            try? settings.set(key, to: row["value"], isKnownTimeZone: knownTimeZone)
        }
        return settings
    }

    /// Whether the system's time zone data knows `name`. This is where that data is read;
    /// the core only checks a name's form. The name is kept as the user spelled it (the
    /// system may call `UTC` `GMT`).
    /// The answers are kept: the settings are read on every request of the service, and
    /// making a `TimeZone` reads the system's zone data.
    public static func knownTimeZone(_ name: String) -> Bool {
        if let known = knownTimeZones.withLock({ $0[name] }) { return known }
        let known = TimeZone(identifier: name) != nil
        knownTimeZones.withLock { $0[name] = known }
        return known
    }

    private static let knownTimeZones = Mutex<[String: Bool]>([:])

    /// Checks one setting as `setSetting` would, without a store: so a refused value is
    /// reported before a store is opened (or created). Returns the value as it would be kept.
    public static func checkSetting(_ key: String, to value: String) throws(SettingsError) -> String {
        var settings = Settings()
        try settings.set(key, to: value, isKnownTimeZone: knownTimeZone)
        return settings.value(of: key)!
    }

    /// Validates and stores one setting; returns the value as kept (`visit_days` in week order).
    @discardableResult
    public func setSetting(_ key: String, to value: String) throws -> String {
        try writer.write { db in
            var settings = try Self.settings(db)
            try settings.set(key, to: value, isKnownTimeZone: Self.knownTimeZone)
            let kept = settings.value(of: key)!
            try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, kept])
            return kept
        }
    }
}
