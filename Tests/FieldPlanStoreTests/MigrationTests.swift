import FieldPlanStore
import GRDB
import Testing

struct MigrationTests {
    /// Migrations are frozen once shipped: their names and order never change.
    @Test func migrationsAreNamedAndApplied() throws {
        let store = try FieldPlanStore()
        #expect(try store.appliedMigrations() == ["v1-accounts-agents-visits", "v2-sync-effects"])
    }

    @Test func schemaHasEveryTableOfTheSpec() throws {
        let store = try FieldPlanStore()
        let tables = try store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for t in ["account", "agent", "appointment", "outcome", "payment", "promise", "zone", "plan", "plan_route",
                  "plan_visit", "setting", "rejected_line"] {
            #expect(tables.contains(t), "missing table \(t)")
        }
    }

    @Test func fileStoreUsesWALAndReopens() throws {
        let folder = TempFolder()
        let path = folder.path + "/s.db"
        do {
            let store = try FieldPlanStore(path: path)
            try store.setSetting("min_gap_days", to: "5")
            let mode = try store.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
        let reopened = try FieldPlanStore(path: path)
        #expect(try reopened.settings().minGapDays == 5)
        #expect(try reopened.appliedMigrations().count == 2)
    }
}
