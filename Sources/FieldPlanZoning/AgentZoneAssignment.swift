import Foundation

/// Gives zones to agents by the nearness of their bases to the zones' centres: a min-cost
/// assignment (`MinCostMatching`) of great-circle distances, so that no swap of two agents
/// would shorten the total. With more zones than agents some zones get nobody, with more
/// agents some agents get no zone. A zone without a centre (no accounts) comes last.
/// - Complexity: O(n³) for n = max(agents, zones).
public enum AgentZoneAssignment {
    public struct Site: Sendable, Hashable {
        public var id: String
        public var latitude: Double
        public var longitude: Double

        public init(id: String, latitude: Double, longitude: Double) {
            self.id = id
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    public struct Pair: Sendable, Hashable {
        public var agentID: String
        public var zoneID: String
        /// Great-circle metres from the agent's base to the zone's centre (nil: no centre).
        public var metres: Double?
    }

    /// - Parameters: zones with a nil centre have no accounts.
    /// - Returns: one pair per agent that gets a zone, in agent order.
    public static func nearest(agents: [Site], zones: [(id: String, centre: Site?)]) -> [Pair] {
        let n = max(agents.count, zones.count)
        guard n > 0 else { return [] }
        let far = 1e9
        var cost = [Double](repeating: 0, count: n * n)
        for (i, a) in agents.enumerated() {
            for (j, z) in zones.enumerated() {
                cost[i * n + j] = z.centre.map { metres(a, $0) } ?? far
            }
        }
        let match = MinCostMatching.solve(cost: cost, n: n)
        return agents.indices.compactMap { i in
            let j = match[i]
            guard j < zones.count else { return nil }
            return Pair(agentID: agents[i].id, zoneID: zones[j].id, metres: zones[j].centre.map { metres(agents[i], $0) })
        }
    }

    /// Great-circle (haversine) metres between two sites.
    static func metres(_ a: Site, _ b: Site) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.latitude - a.latitude) * rad, dLon = (b.longitude - a.longitude) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.latitude * rad) * cos(b.latitude * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * PlanarProjection.earthRadius * asin(min(1, sqrt(h)))
    }
}
