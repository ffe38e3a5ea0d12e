import FieldPlanCore
import Foundation
import GRDB

extension FieldPlanStore {
    /// Replaces the road network with `network`, in one transaction (a failed import leaves
    /// the previous network, or none).
    public func saveRoadNetwork(_ network: StoredRoadNetwork) throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM road_network")
            try db.execute(sql: """
                INSERT INTO road_network(id, profile, source, imported_at, vertices, edges, km, graph)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [network.profile, network.source, network.importedAt, network.vertices, network.edges, network.km,
                                 Data(network.graph ?? [])])
        }
    }

    /// The stored road network, with its graph when `withGraph`; nil when none was imported.
    public func roadNetwork(withGraph: Bool = true) throws -> StoredRoadNetwork? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT profile, source, imported_at, vertices, edges, km\(withGraph ? ", graph" : "") FROM road_network WHERE id = 1") else {
                return nil
            }
            let graph: [UInt8]? = withGraph ? [UInt8]((row["graph"] as Data?) ?? Data()) : nil
            return StoredRoadNetwork(profile: row["profile"], source: row["source"], importedAt: row["imported_at"], vertices: row["vertices"],
                                     edges: row["edges"], km: row["km"], graph: graph)
        }
    }

    /// Every located account (any status) and every agent's base, for listing what lies off
    /// the road network: (kind, id, location), accounts first, by id.
    public func locatedPlaces() throws -> [(kind: String, id: String, at: Coordinate)] {
        try writer.read { db in
            var out: [(kind: String, id: String, at: Coordinate)] = []
            for row in try Row.fetchAll(db, sql: "SELECT id, lat, lon FROM account WHERE lat IS NOT NULL AND lon IS NOT NULL ORDER BY id") {
                if let at = Coordinate(lat: row["lat"], lon: row["lon"]) { out.append(("account", row["id"], at)) }
            }
            for agent in try Row.fetchAll(db, sql: "SELECT * FROM agent ORDER BY id").map(\.agent) {
                out.append(("base", agent.id, agent.base))
            }
            return out
        }
    }
}
