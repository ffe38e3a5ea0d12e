import Testing
@testable import FieldPlanZoning

/// Zones go to agents by nearness of their bases: the total distance is minimal (no swap of
/// two agents shortens it), with more zones or more agents than the other.
struct AgentZoneAssignmentTests {
    typealias Site = AgentZoneAssignment.Site

    static func sites(_ prefix: String, _ count: Int, seed: UInt64) -> [Site] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { i in
            Site(id: "\(prefix)\(i)", latitude: -1.2 - Double(rng.next() % 1000) / 10_000, longitude: 36.8 + Double(rng.next() % 1000) / 10_000)
        }
    }

    @Test(arguments: [(5, 5), (4, 7), (7, 4)] as [(Int, Int)])
    func noSwapShortensTheTotal(agents: Int, zones: Int) {
        let a = Self.sites("A", agents, seed: UInt64(agents * 31 + zones))
        let z = Self.sites("Z", zones, seed: UInt64(zones * 17 + agents))
        let pairs = AgentZoneAssignment.nearest(agents: a, zones: z.map { ($0.id, $0) })
        #expect(pairs.count == min(agents, zones))
        #expect(Set(pairs.map(\.zoneID)).count == pairs.count)
        let site = Dictionary(uniqueKeysWithValues: (a + z).map { ($0.id, $0) })
        func d(_ x: String, _ y: String) -> Double { AgentZoneAssignment.metres(site[x]!, site[y]!) }
        for p in pairs { #expect(abs(p.metres! - d(p.agentID, p.zoneID)) < 1e-6) }
        for p in pairs {
            for q in pairs where p != q {
                #expect(d(p.agentID, p.zoneID) + d(q.agentID, q.zoneID) <= d(p.agentID, q.zoneID) + d(q.agentID, p.zoneID) + 1e-6)
            }
            // Nor does giving an unassigned zone instead.
            for free in z where !pairs.contains(where: { $0.zoneID == free.id }) {
                #expect(d(p.agentID, p.zoneID) <= d(p.agentID, free.id) + 1e-6)
            }
        }
    }

    @Test func theNearestBaseWinsEvenAgainstTheGreedyChoice() {
        // Greedy (A0 takes its nearest, Z0) would leave A1 with the far zone Z1.
        let a = [Site(id: "A0", latitude: 0, longitude: 0.010), Site(id: "A1", latitude: 0, longitude: 0)]
        let z = [Site(id: "Z0", latitude: 0, longitude: 0.008), Site(id: "Z1", latitude: 0, longitude: 0.030)]
        let pairs = AgentZoneAssignment.nearest(agents: a, zones: z.map { ($0.id, $0) })
        #expect(pairs.map(\.zoneID) == ["Z1", "Z0"])
        let empty = AgentZoneAssignment.nearest(agents: a, zones: [("Z0", z[0]), ("EMPTY", nil)])
        #expect(empty.first { $0.zoneID == "EMPTY" }?.metres == nil)
        #expect(empty.count == 2)
    }
}
