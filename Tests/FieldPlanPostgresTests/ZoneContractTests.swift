import FieldPlanCore
@testable import FieldPlanPostgres
import FieldPlanStore
import Foundation
import Testing

/// The store contract for zone changes (issue 17, third stage): a zone build saved, saved
/// again unchanged (nothing gets a new `updated_at`), zones removed, assigned, renamed and
/// locked, with the same refusals, on both engines.
@Suite("Store contract: zone changes")
struct ZoneContractTests {
    static func failure(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    static func scenario(_ store: any AgencyStore, folder: String) throws -> [String] {
        var report: [String] = []
        _ = try store.importRecords(try PlanContractTests.demoInputs(folder), now: ImportContractTests.now)
        let accounts = try store.zoningAccounts().map(\.id)
        let zones = [StoredZone(id: "Z1", name: "North", agentID: "AG01"), StoredZone(id: "Z2", agentID: "AG02", locked: true),
                     StoredZone(id: "Z3")]
        let assignments = accounts.enumerated().map { (accountID: $1, zoneID: "Z\($0 % 3 + 1)") }
        report.append("built \(try store.saveZoning(zones: zones, removing: [], assignments: assignments))")
        report.append("zones \(try store.zones())")
        let start = Int64(Date().timeIntervalSince1970) + 1
        Thread.sleep(forTimeInterval: 1.2)
        report.append("again \(try store.saveZoning(zones: zones, removing: [], assignments: assignments))")
        report.append("changed since \(try store.zones(since: start).map(\.id))")
        // A rebuild into two zones: Z3 goes, its accounts move.
        let fewer = accounts.enumerated().filter { $0.offset % 3 == 2 }.map { (accountID: $0.element, zoneID: "Z1") }
        report.append("rebuilt \(try store.saveZoning(zones: [StoredZone(id: "Z1", name: "North", agentID: "AG03")], removing: ["Z3"], assignments: fewer))")
        report.append("after \(try store.zones()) \(try store.zones(since: start).map(\.id))")
        report.append("zoned \(try store.zoningAccounts().filter { $0.zoneID == "Z1" }.count) \(try store.zoningAccounts().filter { $0.zoneID == nil }.count)")
        report.append(failure { _ = try store.saveZoning(zones: [StoredZone(id: "Z4", agentID: "NOBODY")], removing: [], assignments: []) })
        try store.assignZone("Z2", to: "AG04")
        try store.assignZone("Z1", to: nil)
        try store.assignZones(["Z1": "AG05", "Z2": nil])
        try store.renameZone("Z2", to: "Riverside")
        try store.renameZone("Z1", to: nil)
        try store.setZoneLocked("Z1", true)
        try store.setZoneLocked("Z2", false)
        report.append("edited \(try store.zones())")
        report.append(failure { try store.assignZone("Z9", to: "AG01") })
        report.append(failure { try store.assignZone("Z1", to: "NOBODY") })
        report.append(failure { try store.assignZones(["Z1": "AG01", "Z8": "AG02"]) })
        report.append(failure { try store.renameZone("Z9", to: "x") })
        report.append(failure { try store.setZoneLocked("Z9", true) })
        report.append("unchanged by refusals \(try store.zones())")
        report.append("agent of \(accounts[0]): \(try store.zoneAgent(account: accounts[0]) ?? "-"), names \(try store.zoneNames(agent: "AG05"))")
        var exported: [String] = []
        try store.export(kinds: [.zone, .account]) { exported.append($0) }
        report.append("export \(exported.count) \(exported.prefix(3))")
        return report
    }

    static func run(_ engine: StoreEngine) async throws -> [String] {
        try await withFreshStore(engine) { store in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldplan-zones-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            return try scenario(store, folder: folder)
        }
    }

    @Test("zone builds, assignments, names and locks store the same and refuse the same on both engines", arguments: StoreEngine.postgresOnly)
    func sameZones(_ engine: StoreEngine) async throws {
        let sqlite = try await Self.run(.sqlite)
        let postgres = try await Self.run(engine)
        #expect(postgres == sqlite)
        #expect(sqlite[2] == "again 0" && sqlite[3] == "changed since []")
        #expect(sqlite[7].contains("unknownAgent") || sqlite[7].contains("no such agent"))
    }
}
