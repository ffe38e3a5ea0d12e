import FieldPlanStore
import GRDB
import Testing

struct MigrationTests {
    /// Migrations are frozen once shipped: their names and order never change.
    @Test func migrationsAreNamedAndApplied() throws {
        let store = try FieldPlanStore()
        #expect(try store.appliedMigrations() == ["v1-accounts-agents-visits", "v2-sync-effects", "v3-lean-account-indexes"])
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
        #expect(try reopened.appliedMigrations().count == 3)
    }

    /// The zone index holds only accounts that have a zone (v3), yet a zone's accounts are
    /// still found through it rather than by scanning every account.
    @Test func zoneLookupUsesThePartialIndex() throws {
        let store = try FieldPlanStore()
        let plan = try store.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id FROM account WHERE zone_id = ?", arguments: ["Z1"])
                .map { $0["detail"] as String? ?? "" }.joined(separator: " ")
        }
        #expect(plan.contains("account_zone"), "query plan: \(plan)")
    }
}
