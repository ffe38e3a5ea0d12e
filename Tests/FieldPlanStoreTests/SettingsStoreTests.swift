@testable import FieldPlanStore
import FieldPlanCore
import GRDB
import Testing

/// The store checks a time zone against the system's data, which the core cannot read.
struct SettingsStoreTests {
    @Test func unknownTimeZonesAreRefused() throws {
        let store = try FieldPlanStore()
        #expect(throws: SettingsError.self) { try store.setSetting("time_zone", to: "Mars/Olympus") }
        #expect(throws: SettingsError.self) { try FieldPlanStore.checkSetting("time_zone", to: "Africa/Atlantis") }
        #expect(try store.settings().timeZone == "Africa/Nairobi")
        #expect(try store.setSetting("time_zone", to: "Asia/Kolkata") == "Asia/Kolkata")
        #expect(try store.clock().offsetSeconds(at: 0) == 19_800)
    }

    /// A value stored before it was validated (an older fieldplan) reads as the default.
    @Test func anUnknownStoredZoneFallsBackToTheDefault() throws {
        let store = try FieldPlanStore()
        try store.writer.write { db in try db.execute(sql: "INSERT INTO setting(key, value) VALUES ('time_zone', 'Mars/Olympus')") }
        #expect(try store.settings().timeZone == "Africa/Nairobi")
    }

    /// A store file's settings are kept between reads (issue 13) but never outlive a commit:
    /// one made through the same store, through another connection to the file (another
    /// process), or straight into the table.
    @Test func keptSettingsFollowEveryCommit() throws {
        let folder = TempFolder()
        let path = folder.path + "/s.db"
        let store = try FieldPlanStore(path: path)
        let other = try FieldPlanStore(existingAt: path)
        #expect(try store.settings().timeZone == "Africa/Nairobi")
        #expect(try store.settings().timeZone == "Africa/Nairobi")
        try store.setSetting("time_zone", to: "Asia/Kolkata")
        #expect(try store.settings().timeZone == "Asia/Kolkata")
        try other.setSetting("time_zone", to: "Europe/Berlin")
        #expect(try store.settings().timeZone == "Europe/Berlin")
        try other.writer.write { db in try db.execute(sql: "UPDATE setting SET value = '9' WHERE key = 'min_gap_days'") }
        try other.writer.write { db in try db.execute(sql: "INSERT OR REPLACE INTO setting(key, value) VALUES ('min_gap_days', '9')") }
        #expect(try store.settings().value(of: "min_gap_days") == "9")
        #expect(try store.clock().offsetSeconds(at: 0) == 3_600)
    }
}
