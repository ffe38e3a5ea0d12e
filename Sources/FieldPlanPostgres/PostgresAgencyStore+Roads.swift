import FieldPlanCore
import FieldPlanStore
import NIOCore
import PostgresNIO

extension PostgresAgencyStore {
    /// Replaces the road network with `network` in one transaction (a failed import leaves the
    /// previous network, or none). The graph, tens of MiB for a city, is one `BYTEA` value sent
    /// as one binary parameter: PostgreSQL keeps it out of line (TOAST), compressed.
    public func saveRoadNetwork(_ network: StoredRoadNetwork) throws {
        let graph = ByteBuffer(bytes: network.graph ?? [])
        try write { connection in
            try await connection.query("DELETE FROM road_network", logger: self.logger)
            try await connection.query("""
                INSERT INTO road_network (id, profile, source, imported_at, vertices, edges, km, graph)
                VALUES (1, \(network.profile), \(network.source), \(network.importedAt), \(Int64(network.vertices)), \(Int64(network.edges)),
                        \(network.km), \(graph))
                """, logger: self.logger)
        }
    }

    /// The stored road network, with its graph when `withGraph` (without it, the graph is
    /// not read from the server at all); nil when none was imported.
    public func roadNetwork(withGraph: Bool) throws -> StoredRoadNetwork? {
        try read { connection in
            let sql = "SELECT profile, source, imported_at, vertices, edges, km\(withGraph ? ", graph" : "") FROM road_network WHERE id = 1"
            guard let row = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: self.logger).collect().first else { return nil }
            var columns = PostgresColumns(row)
            let profile = try columns.text() ?? "", source = try columns.text() ?? "", importedAt = try columns.int64() ?? 0
            let vertices = try columns.int() ?? 0, edges = try columns.int() ?? 0, km = try columns.double() ?? 0
            let graph: [UInt8]? = withGraph ? Array(try PostgresRandomAccessRow(row)[6].decode(ByteBuffer.self).readableBytesView) : nil
            return StoredRoadNetwork(profile: profile, source: source, importedAt: importedAt, vertices: vertices, edges: edges, km: km, graph: graph)
        }
    }

    /// Every located account (any status) and every agent's base, for listing what lies off
    /// the road network: accounts first, by id.
    public func locatedPlaces() throws -> [(kind: String, id: String, at: Coordinate)] {
        let places = try read { connection in
            var places: [LocatedPlace] = []
            for try await (id, lat, lon) in try await connection.query("""
                SELECT id, lat, lon FROM account WHERE lat IS NOT NULL AND lon IS NOT NULL ORDER BY id
                """, logger: self.logger).decode((String, Double, Double).self) {
                if let at = Coordinate(lat: lat, lon: lon) { places.append(LocatedPlace(kind: "account", id: id, at: at)) }
            }
            for try await row in try await connection.query("SELECT \(unescaped: PostgresColumns.agent) FROM agent ORDER BY id", logger: self.logger) {
                var columns = PostgresColumns(row)
                let agent = try columns.agent()
                places.append(LocatedPlace(kind: "base", id: agent.id, at: agent.base))
            }
            return places
        }
        return places.map { ($0.kind, $0.id, $0.at) }
    }

    struct LocatedPlace: Sendable {
        var kind: String
        var id: String
        var at: Coordinate
    }
}
