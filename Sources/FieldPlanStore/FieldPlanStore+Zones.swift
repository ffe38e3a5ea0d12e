import FieldPlanCore
import GRDB

extension FieldPlanStore {
    /// An account as zoning sees it: a located, plannable (open or ptp) account.
    public struct ZoningAccount: Sendable, Hashable {
        public var id: String
        public var lat: Double
        public var lon: Double
        public var serviceMinutes: Int?
        public var zoneID: String?

        /// Public so that the PostgreSQL store reads them alike.
        public init(id: String, lat: Double, lon: Double, serviceMinutes: Int?, zoneID: String?) {
            self.id = id
            self.lat = lat
            self.lon = lon
            self.serviceMinutes = serviceMinutes
            self.zoneID = zoneID
        }
    }

    /// Every zone, ordered by id.
    public func zones() throws -> [StoredZone] {
        try writer.read { db in try Self.zones(db) }
    }

    static func zones(_ db: Database) throws -> [StoredZone] {
        try Row.fetchAll(db, sql: "SELECT id, name, agent_id, locked FROM zone ORDER BY id").map {
            StoredZone(id: $0["id"], name: $0["name"], agentID: $0["agent_id"], locked: ($0["locked"] as Int?) == 1)
        }
    }

    /// The accounts that zones are built from: located, status open or ptp, ordered by id.
    /// - Complexity: one indexed scan; O(n) memory for the returned array (zoning needs
    ///   every point at once anyway).
    public func zoningAccounts() throws -> [ZoningAccount] {
        try writer.read { db in
            var out: [ZoningAccount] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, lat, lon, service_minutes, zone_id FROM account
                WHERE lat IS NOT NULL AND lon IS NOT NULL AND status IN ('open', 'ptp') ORDER BY id
                """)
            while let row = try rows.next() {
                out.append(ZoningAccount(id: row["id"], lat: row["lat"], lon: row["lon"],
                                         serviceMinutes: row["service_minutes"], zoneID: row["zone_id"]))
            }
            return out
        }
    }

    /// Saves a zone build in one transaction: upserts `zones` (name, agent, locked as given),
    /// deletes `removing` (their accounts, of any status, lose their zone), and sets the zone
    /// of each account in `assignments`. Only rows that really change get a new `updated_at`,
    /// so `export --since` sees just what the build changed.
    /// - Returns: the number of accounts whose zone changed.
    /// - Complexity: O(z + a) statements, one transaction.
    @discardableResult
    public func saveZoning(zones: [StoredZone], removing: [String], assignments: [(accountID: String, zoneID: String)]) throws -> Int {
        try writer.write { db in
            let now = Self.now()
            for id in removing {
                try db.execute(sql: "UPDATE account_record SET zone_id = NULL, updated_at = ? WHERE zone_id = ?", arguments: [now, id])
                try db.execute(sql: "DELETE FROM zone WHERE id = ?", arguments: [id])
            }
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO zone(id, name, agent_id, locked, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT(id) DO UPDATE SET name = ?2, agent_id = ?3, locked = ?4, updated_at = ?5
                WHERE name IS NOT ?2 OR agent_id IS NOT ?3 OR locked IS NOT ?4
                """)
            for z in zones {
                if let agent = z.agentID, try !Self.exists(db, "agent", agent) { throw ZoneStoreError.unknownAgent(agent) }
                try upsert.execute(arguments: [z.id, z.name, z.agentID, z.locked ? 1 : 0, now])
            }
            let update = try db.cachedStatement(sql: "UPDATE account_record SET zone_id = ?1, updated_at = ?2 WHERE id = ?3 AND zone_id IS NOT ?1")
            var changed = 0
            for a in assignments {
                try update.execute(arguments: [a.zoneID, now, a.accountID])
                changed += db.changesCount
            }
            return changed
        }
    }

    /// `zones assign ZONE AGENT` (or `nil` to take the zone away from its agent).
    public func assignZone(_ zoneID: String, to agentID: String?) throws {
        try writer.write { db in
            guard try Self.exists(db, "zone", zoneID) else { throw ZoneStoreError.unknownZone(zoneID) }
            if let agentID, try !Self.exists(db, "agent", agentID) { throw ZoneStoreError.unknownAgent(agentID) }
            try db.execute(sql: "UPDATE zone SET agent_id = ?1, updated_at = ?2 WHERE id = ?3 AND agent_id IS NOT ?1",
                           arguments: [agentID, Self.now(), zoneID])
        }
    }

    /// `zones rename ZONE NAME` (or `nil` to clear the name).
    public func renameZone(_ zoneID: String, to name: String?) throws {
        try writer.write { db in
            guard try Self.exists(db, "zone", zoneID) else { throw ZoneStoreError.unknownZone(zoneID) }
            try db.execute(sql: "UPDATE zone SET name = ?1, updated_at = ?2 WHERE id = ?3 AND name IS NOT ?1",
                           arguments: [name, Self.now(), zoneID])
        }
    }

    /// `zones lock` / `zones unlock`: a locked zone is left alone by rebuilds.
    public func setZoneLocked(_ zoneID: String, _ locked: Bool) throws {
        try writer.write { db in
            guard try Self.exists(db, "zone", zoneID) else { throw ZoneStoreError.unknownZone(zoneID) }
            try db.execute(sql: "UPDATE zone SET locked = ?1, updated_at = ?2 WHERE id = ?3 AND locked IS NOT ?1",
                           arguments: [locked ? 1 : 0, Self.now(), zoneID])
        }
    }

    /// Zones changed at or after `since` (epoch seconds), ordered by id; all when `nil`.
    public func zones(since: Int64?) throws -> [StoredZone] {
        guard let since else { return try zones() }
        return try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, agent_id, locked FROM zone WHERE updated_at >= ? ORDER BY id", arguments: [since]).map {
                StoredZone(id: $0["id"], name: $0["name"], agentID: $0["agent_id"], locked: ($0["locked"] as Int?) == 1)
            }
        }
    }

    private static func exists(_ db: Database, _ table: String, _ id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM \(table) WHERE id = ?)", arguments: [id]) ?? false
    }
}

extension FieldPlanStore {
    /// Gives each zone in `agents` its agent (nil: none), in one transaction: `zones assign
    /// --nearest` hands out every unlocked zone at once.
    public func assignZones(_ agents: [String: String?]) throws {
        try writer.write { db in
            let now = Self.now()
            for (zone, agent) in agents.sorted(by: { $0.key < $1.key }) {
                guard try Self.zoneExists(db, zone) else { throw ZoneStoreError.unknownZone(zone) }
                if let agent, try !(Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM agent WHERE id = ?)", arguments: [agent]) ?? false) {
                    throw ZoneStoreError.unknownAgent(agent)
                }
                try db.execute(sql: "UPDATE zone SET agent_id = ?1, updated_at = ?2 WHERE id = ?3 AND agent_id IS NOT ?1", arguments: [agent, now, zone])
            }
        }
    }

    private static func zoneExists(_ db: Database, _ id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM zone WHERE id = ?)", arguments: [id]) ?? false
    }
}
