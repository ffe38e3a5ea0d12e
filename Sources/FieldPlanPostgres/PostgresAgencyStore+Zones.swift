import FieldPlanCore
import FieldPlanStore
import Logging
import PostgresNIO

extension PostgresAgencyStore {
    /// Saves a zone build in one serializable transaction (`FieldPlanStore.saveZoning`):
    /// removed zones lose their accounts and go, `zones` are upserted, and each account of
    /// `assignments` gets its zone. Only rows that really change get a new `updated_at`, so
    /// `export --since` sees just what the build changed. Returns the accounts whose zone changed.
    /// - Complexity: five set-based statements (`unnest` of arrays), whatever the build's size.
    @discardableResult
    public func saveZoning(zones: [StoredZone], removing: [String], assignments: [(accountID: String, zoneID: String)]) throws -> Int {
        // One row per id, the last given winning, as statement after statement does on SQLite.
        var zoneRows: [String: StoredZone] = [:]
        for z in zones { zoneRows[z.id] = z }
        let upserts = zones.map(\.id).enumerated().filter { i, id in zones.lastIndex { $0.id == id } == i }.map { zoneRows[$0.1]! }
        var assigned: [String: String] = [:]
        for a in assignments { assigned[a.accountID] = a.zoneID }
        let accountIDs = assigned.keys.sorted(), zoneIDs = accountIDs.map { assigned[$0]! }
        return try write { connection in
            let logger = self.logger
            let now = Self.now()
            if !removing.isEmpty {
                try await connection.query("""
                    UPDATE account_record SET zone_id = NULL, updated_at = \(now) WHERE zone_id = ANY(\(removing)::text[])
                    """, logger: logger)
                try await connection.query("DELETE FROM zone WHERE id = ANY(\(removing)::text[])", logger: logger)
            }
            let agents = Array(Set(upserts.compactMap(\.agentID))).sorted()
            if !agents.isEmpty {
                var known: Set<String> = []
                for try await id in try await connection.query("SELECT id FROM agent WHERE id = ANY(\(agents)::text[])", logger: logger)
                    .decode(String.self) {
                    known.insert(id)
                }
                if let missing = upserts.compactMap(\.agentID).first(where: { !known.contains($0) }) { throw ZoneStoreError.unknownAgent(missing) }
            }
            if !upserts.isEmpty {
                // Arrays carry no NULLs here: a flag says whether the name and the agent are given.
                try await connection.query("""
                    INSERT INTO zone (id, name, agent_id, locked, updated_at)
                    SELECT i, CASE WHEN hn THEN n END, CASE WHEN ha THEN a END, l, \(now)
                    FROM unnest(\(upserts.map(\.id))::text[], \(upserts.map { $0.name ?? "" })::text[], \(upserts.map { $0.name != nil })::bool[],
                                \(upserts.map { $0.agentID ?? "" })::text[], \(upserts.map { $0.agentID != nil })::bool[],
                                \(upserts.map { Int64($0.locked ? 1 : 0) })::bigint[]) AS z(i, n, hn, a, ha, l)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, agent_id = excluded.agent_id, locked = excluded.locked,
                        updated_at = excluded.updated_at
                    WHERE zone.name IS DISTINCT FROM excluded.name OR zone.agent_id IS DISTINCT FROM excluded.agent_id
                       OR zone.locked IS DISTINCT FROM excluded.locked
                    """, logger: logger)
            }
            guard !accountIDs.isEmpty else { return 0 }
            let rows = try await connection.query("""
                WITH changed AS (
                    UPDATE account_record r SET zone_id = s.z, updated_at = \(now)
                    FROM unnest(\(accountIDs)::text[], \(zoneIDs)::text[]) AS s(i, z)
                    WHERE r.id = s.i AND r.zone_id IS DISTINCT FROM s.z RETURNING 1)
                SELECT count(*) FROM changed
                """, logger: logger).collect()
            return Int(try rows[0].decode(Int64.self))
        }
    }

    /// `zones assign ZONE AGENT` (nil takes the zone away from its agent).
    public func assignZone(_ zoneID: String, to agentID: String?) throws {
        try assignZones([zoneID: agentID])
    }

    /// Gives each zone in `agents` its agent (nil: none), in one transaction, zone by zone in
    /// id order, so the first unknown zone or agent is the one SQLite names.
    public func assignZones(_ agents: [String: String?]) throws {
        try write { connection in
            let logger = self.logger
            let now = Self.now()
            for (zone, agent) in agents.sorted(by: { $0.key < $1.key }) {
                try await Self.requireZone(connection, logger: logger, zone)
                if let agent, try await connection.query("SELECT 1 FROM agent WHERE id = \(agent)", logger: logger).collect().isEmpty {
                    throw ZoneStoreError.unknownAgent(agent)
                }
                try await connection.query("""
                    UPDATE zone SET agent_id = \(agent), updated_at = \(now) WHERE id = \(zone) AND agent_id IS DISTINCT FROM \(agent)::text
                    """, logger: logger)
            }
        }
    }

    /// `zones rename ZONE NAME` (nil clears the name).
    public func renameZone(_ zoneID: String, to name: String?) throws {
        try write { connection in
            try await Self.requireZone(connection, logger: self.logger, zoneID)
            try await connection.query("""
                UPDATE zone SET name = \(name), updated_at = \(Self.now()) WHERE id = \(zoneID) AND name IS DISTINCT FROM \(name)::text
                """, logger: self.logger)
        }
    }

    /// `zones lock` / `zones unlock`: a locked zone is left alone by rebuilds.
    public func setZoneLocked(_ zoneID: String, _ locked: Bool) throws {
        let value: Int64 = locked ? 1 : 0
        try write { connection in
            try await Self.requireZone(connection, logger: self.logger, zoneID)
            try await connection.query("""
                UPDATE zone SET locked = \(value), updated_at = \(Self.now()) WHERE id = \(zoneID) AND locked <> \(value)
                """, logger: self.logger)
        }
    }

    private static func requireZone(_ connection: PostgresConnection, logger: Logger, _ id: String) async throws {
        if try await connection.query("SELECT 1 FROM zone WHERE id = \(id)", logger: logger).collect().isEmpty {
            throw ZoneStoreError.unknownZone(id)
        }
    }
}
