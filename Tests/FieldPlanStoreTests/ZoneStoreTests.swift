import FieldPlanStore
import GRDB
import Testing

/// `FieldPlanStore+Zones`: what zone builds and zone commands change, in one transaction each.
struct ZoneStoreTests {
    private func store(accounts: Int) throws -> FieldPlanStore {
        let store = try FieldPlanStore()
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO agent(id, name, base_lat, base_lon, shift_start, shift_end, updated_at) VALUES ('AG1', 'A', -1.3, 36.8, '08:00', '17:00', 0)")
            for i in 0..<accounts {
                let status = i % 5 == 4 ? "paid" : "open"
                let lat: Double? = i % 7 == 6 ? nil : -1.3 + Double(i) * 0.001
                try db.execute(sql: "INSERT INTO account_record(id, client, debtor_name, balance, lat, lon, status, updated_at) VALUES (?, 'C', 'D', 100, ?, ?, ?, 0)",
                               arguments: ["A\(i)", lat, lat.map { _ in 36.8 }, status])
            }
        }
        return store
    }

    @Test func zoningAccountsAreLocatedAndPlannable() throws {
        let s = try store(accounts: 35)
        let ids = try s.zoningAccounts().map(\.id)
        #expect(ids == ids.sorted())
        for i in 0..<35 {
            #expect(ids.contains("A\(i)") == (i % 5 != 4 && i % 7 != 6))
        }
    }

    @Test func saveZoningChangesOnlyWhatChangedAndRemovesZones() throws {
        let s = try store(accounts: 10)
        let assignments = (0..<10).map { (accountID: "A\($0)", zoneID: $0 < 5 ? "Z01" : "Z02") }
        let zones = [StoredZone(id: "Z01", agentID: "AG1"), StoredZone(id: "Z02", name: "East")]
        #expect(try s.saveZoning(zones: zones, removing: [], assignments: assignments) == 10)
        #expect(try s.saveZoning(zones: zones, removing: [], assignments: assignments) == 0)
        #expect(try s.zones() == zones)

        #expect(try s.saveZoning(zones: [zones[0]], removing: ["Z02"], assignments: []) == 0)
        #expect(try s.zones().map(\.id) == ["Z01"])
        let orphans = try s.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account WHERE zone_id IS NULL") }
        #expect(orphans == 5)
    }

    @Test func assignRenameLockNameTheMissingItem() throws {
        let s = try store(accounts: 1)
        try s.saveZoning(zones: [StoredZone(id: "Z01")], removing: [], assignments: [])
        try s.assignZone("Z01", to: "AG1")
        try s.renameZone("Z01", to: "Westlands")
        try s.setZoneLocked("Z01", true)
        #expect(try s.zones() == [StoredZone(id: "Z01", name: "Westlands", agentID: "AG1", locked: true)])
        try s.assignZone("Z01", to: nil)
        #expect(try s.zones().first?.agentID == nil)
        #expect(throws: ZoneStoreError.unknownZone("Z09")) { try s.assignZone("Z09", to: "AG1") }
        #expect(throws: ZoneStoreError.unknownAgent("NOBODY")) { try s.assignZone("Z01", to: "NOBODY") }
        #expect(throws: ZoneStoreError.unknownZone("Z09")) { try s.setZoneLocked("Z09", true) }
        #expect(throws: ZoneStoreError.unknownAgent("NOBODY")) {
            try s.saveZoning(zones: [StoredZone(id: "Z02", agentID: "NOBODY")], removing: [], assignments: [])
        }
        // The failed save left nothing behind.
        #expect(try s.zones().map(\.id) == ["Z01"])
    }
}
