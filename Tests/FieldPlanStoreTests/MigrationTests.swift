@testable import FieldPlanStore
import GRDB
import Testing

struct MigrationTests {
    /// Migrations are frozen once shipped: their names and order never change.
    @Test func migrationsAreNamedAndApplied() throws {
        let store = try FieldPlanStore()
        #expect(try store.appliedMigrations() == ["v1-accounts-agents-visits", "v2-sync-effects", "v3-lean-account-indexes", "v4-account-state",
                                                      "v5-facts-without-lines", "v6-client-file-audit", "v7-plan-edits", "v8-users", "v9-roads"])
    }

    @Test func schemaHasEveryTableOfTheSpec() throws {
        let store = try FieldPlanStore()
        let tables = try store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
        }
        for t in ["account", "agent", "appointment", "outcome", "payment", "promise", "zone", "plan", "plan_route",
                  "plan_visit", "setting", "rejected_line", "user"] {
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
        #expect(try reopened.appliedMigrations().count == 9)
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

    /// v4 moves what facts derived out of the account row. A store written before it reads
    /// the same afterwards: derived values from the state table, the client's snapshot in
    /// the record, and a later snapshot change still replaces the derived value.
    @Test func accountStateMigrationKeepsWhatAccountsRead() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v3-lean-account-indexes")
        try queue.write { db in
            // A1: a collection lowered the balance, a PTP set the status, HARDSHIP a hold, a
            // MOVED cleared the location. A2: untouched by facts.
            try db.execute(sql: """
                INSERT INTO account(id, client, debtor_name, balance, lat, lon, status, hold_until, zone_id, updated_at,
                    client_balance, client_status, client_lat, client_lon, balance_run, status_run, location_run)
                VALUES ('A1', 'C', 'D1', 40000, NULL, NULL, 'ptp', '2026-12-30', NULL, 20,
                        100000, 'open', -1.25, 36.85, 1, 1, 1),
                       ('A2', 'C', 'D2', 5000, -1.3, 36.8, 'open', NULL, 'Z1', 10, 5000, 'open', -1.3, 36.8, 1, 1, 1)
                """)
        }
        try Schema.migrator.migrate(queue)
        try queue.write { db in
            // Every column of the view, as text, for both accounts.
            let seen = try String.fetchAll(db, sql: """
                SELECT id || '|' || balance || '|' || status || '|' || IFNULL(lat, '-') || '|' || IFNULL(lon, '-') || '|'
                    || IFNULL(hold_until, '-') || '|' || IFNULL(zone_id, '-') || '|' || updated_at FROM account ORDER BY id
                """)
            #expect(seen == ["A1|40000|ptp|-|-|2026-12-30|-|20", "A2|5000|open|-1.3|36.8|-|Z1|10"])
            let snapshot = try String.fetchOne(db, sql: "SELECT balance || '|' || status || '|' || lat FROM account_record WHERE id = 'A1'")
            #expect(snapshot == "100000|open|-1.25")
            #expect(try String.fetchAll(db, sql: "SELECT account_id FROM account_state") == ["A1"])
            // The client sends a new balance: it replaces the derived one; the status it sent
            // again unchanged keeps the derived `ptp`.
            try db.execute(sql: "UPDATE account_record SET balance = 90000, status = 'open' WHERE id = 'A1'")
            let after = try String.fetchOne(db, sql: "SELECT balance || '|' || status FROM account WHERE id = 'A1'")
            #expect(after == "90000|ptp")
        }
    }

    /// v5 drops the stored lines of outcomes and payments: a store written before it
    /// exports the same lines afterwards, rebuilt from the columns.
    @Test func factsExportTheSameWithoutTheirStoredLines() throws {
        let folder = TempFolder()
        let path = folder.path + "/old.db"
        let outcome = #"{"kind":"outcome","id":"o1","account_id":"A1","agent_id":"G1","visited_at":"2026-11-20T10:00:00+03:00","code":"PARTIAL","contact":"debtor","collected":{"amount":250.75,"receipt":"R9"},"notes":"left a note"}"#
        let payment = #"{"kind":"payment","id":"p1","account_id":"A1","amount":100,"paid_at":"2026-11-21T11:00:00Z","channel":"mpesa"}"#
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v4-account-state")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO outcome(id, account_id, agent_id, visited_at, visited_epoch, code, contact, collected_amount,
                        collected_receipt, notes, canonical, updated_at)
                    VALUES ('o1', 'A1', 'G1', '2026-11-20T10:00:00+03:00', 1795158000, 'PARTIAL', 'debtor', 25075, 'R9', 'left a note', ?, 0)
                    """, arguments: [outcome])
                try db.execute(sql: """
                    INSERT INTO payment(id, account_id, amount, paid_at, paid_epoch, channel, canonical, updated_at)
                    VALUES ('p1', 'A1', 10000, '2026-11-21T11:00:00Z', 1795258800, 'mpesa', ?, 0)
                    """, arguments: [payment])
            }
        }
        let store = try FieldPlanStore(path: path)
        var lines: [String] = []
        try store.export(kinds: [.outcome, .payment]) { lines.append($0) }
        #expect(lines == [outcome, payment])
    }
}
