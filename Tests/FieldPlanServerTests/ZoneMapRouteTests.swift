@testable import FieldPlanServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 14: `GET /api/zones/map`, what the desk's map is drawn from, and `GET /api/me`, how
/// the web app learns who signed in.
struct ZoneMapRouteTests {
    typealias F = ServerFixture

    @Test func theMapHasZonesLocatedAccountsAndAgents() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/zones/map", method: .get, headers: F.bearer(f.supervisor))
            #expect(r.status == .ok)
            let zones = try #require(r.object["zones"] as? [[String: Any]])
            #expect(zones.map { $0["id"] as? String } == ["Z1", "Z2"])
            #expect(zones.map { $0["agent_id"] as? String } == ["G1", "G2"])
            #expect(zones.allSatisfy { ($0["color"] as? String)?.hasPrefix("#") == true && $0["accounts"] as? Int == 1 })
            let centroid = try #require(zones[0]["centroid"] as? [String: Double])
            #expect(abs(centroid["lat"]! - -1.29) < 1e-9 && abs(centroid["lon"]! - 36.82) < 1e-9)
            let accounts = try #require(r.object["accounts"] as? [String: [Any]])
            // A3 has no location: it is on the tracing list, not on the map.
            #expect(accounts["ids"] as? [String] == ["A1", "A2"])
            #expect(accounts["zone"] as? [Int] == [0, 1])
            #expect((accounts["lat"] as? [Double])?.count == 2 && (accounts["lon"] as? [Double])?.count == 2)
            let agents = try #require(r.object["agents"] as? [[String: Any]])
            #expect(agents.map { $0["id"] as? String } == ["G1", "G2"])
            #expect(agents.map { $0["zone_id"] as? String } == ["Z1", "Z2"])
            #expect((agents[0]["base"] as? [String: Double])?["lat"] == -1.3)
            let bounds = try #require(r.object["bounds"] as? [String: Double])
            #expect(bounds["min_lat"] == -1.31 && bounds["max_lat"] == -1.28 && bounds["max_lon"] == 36.83)
            #expect(!r.text.contains("NID-SECRET") && !r.text.contains("Achieng"), "the map holds ids and places, no debtor data")
            let agent = try await client.execute(uri: "/api/zones/map", method: .get, headers: F.bearer(f.agentG1))
            #expect(agent.status == .forbidden)
        }
    }

    @Test func meNamesTheUserAndItsAgent() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let boss = try await client.execute(uri: "/api/me", method: .get, headers: F.bearer(f.supervisor))
            #expect(boss.object["name"] as? String == "boss")
            #expect(boss.object["role"] as? String == "supervisor")
            #expect(boss.object["agent_id"] is NSNull)
            let g1 = try await client.execute(uri: "/api/me", method: .get, headers: F.bearer(f.agentG1))
            #expect(g1.object["role"] as? String == "agent")
            #expect(g1.object["agent_id"] as? String == "G1")
            #expect(!g1.text.contains("fpt_"), "never the token")
            let none = try await client.execute(uri: "/api/me", method: .get)
            #expect(none.status == .unauthorized)
        }
    }
}
