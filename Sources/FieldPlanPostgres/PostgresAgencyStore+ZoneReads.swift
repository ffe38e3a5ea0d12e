import FieldPlanCore
import FieldPlanStore
import PostgresNIO

extension PostgresAgencyStore {
    /// Every zone, ordered by id (`FieldPlanStore.zones`): the export's zone lines and
    /// `zones list` are computed from these and `zoningAccounts`.
    public func zones() throws -> [StoredZone] { try zones(since: nil) }

    /// The zones changed at or after `since` (every zone without it), ordered by id.
    public func zones(since: Int64?) throws -> [StoredZone] {
        try read { connection in
            var zones: [StoredZone] = []
            let filter = since.map { " WHERE updated_at >= \($0)" } ?? ""
            for try await (id, name, agentID, locked) in try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT id, name, agent_id, locked FROM zone\(filter) ORDER BY id"), logger: self.logger
            ).decode((String, String?, String?, Int64).self) {
                zones.append(StoredZone(id: id, name: name, agentID: agentID, locked: locked == 1))
            }
            return zones
        }
    }

    /// The accounts zones are built from: located, open or ptp, ordered by id.
    /// - Complexity: one scan; O(n) memory for the array (zoning needs every point at once).
    public func zoningAccounts() throws -> [FieldPlanStore.ZoningAccount] {
        try read { connection in
            var accounts: [FieldPlanStore.ZoningAccount] = []
            for try await (id, lat, lon, minutes, zone) in try await connection.query("""
                SELECT id, lat, lon, service_minutes, zone_id FROM account
                WHERE lat IS NOT NULL AND lon IS NOT NULL AND status IN ('open', 'ptp') ORDER BY id
                """, logger: self.logger).decode((String, Double, Double, Int64?, String?).self) {
                accounts.append(FieldPlanStore.ZoningAccount(id: id, lat: lat, lon: lon, serviceMinutes: minutes.map { Int($0) }, zoneID: zone))
            }
            return accounts
        }
    }
}
