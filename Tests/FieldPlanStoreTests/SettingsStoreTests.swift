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
}
