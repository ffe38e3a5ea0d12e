import FieldPlanCore
@testable import FieldPlanServer
import FieldPlanStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// What the zone routes that change the store answer, through the router (no socket).
@Suite(.serialized)
struct ZoneRouteTests {
    typealias F = ServerFixture

    static func json(_ token: String) -> HTTPFields {
        var headers = F.bearer(token)
        headers[.contentType] = "application/json"
        return headers
    }

    /// A dry run answers the build with its moves and stores nothing; the same build for real
    /// is stored and moves what the dry run said.
    @Test func aBuildAnswersItsFiguresAndADryRunStoresNothing() async throws {
        let f = try ServerFixture()
        let zonesBefore = try f.store.zones()
        try await f.app().test(.router) { client in
            let dry = try await client.execute(uri: "/api/zones/build", method: .post, headers: Self.json(f.supervisor),
                                               body: ByteBuffer(string: #"{"zones":1,"fresh":true,"dry_run":true,"seed":2}"#))
            #expect(dry.status == .ok, "\(dry.text)")
            #expect(dry.object["dry_run"] as? Bool == true && dry.object["built"] as? Int == 1 && dry.object["accounts"] as? Int == 2)
            #expect((dry.object["removed"] as? [String]) == ["Z2"])
            let moves = try #require(dry.object["moves"] as? [String: Any])
            #expect(moves["moved"] as? Int == 1)
            let perZone = (moves["zones"] as? [[String: Any]])?.map { "\($0["zone_id"]!)+\($0["gained"]!)-\($0["lost"]!)" }
            #expect(perZone == ["Z1+1-0", "Z2+0-1"])
            #expect(try f.store.zones() == zonesBefore)
            #expect(try f.store.account(id: "A2")?.zoneID == "Z2")

            let real = try await client.execute(uri: "/api/zones/build", method: .post, headers: Self.json(f.supervisor),
                                                body: ByteBuffer(string: #"{"zones":1,"fresh":true,"seed":2,"balance":"accounts","tolerance":10,"seconds":2}"#))
            #expect(real.status == .ok, "\(real.text)")
            #expect(real.object["dry_run"] as? Bool == false && real.object["moved"] as? Int == 1)
            #expect((real.object["zones"] as? [[String: Any]])?.map { $0["id"] as? String } == ["Z1"])
            #expect(try f.store.zones().map(\.id) == ["Z1"])
            #expect(try f.store.account(id: "A2")?.zoneID == "Z1")
        }
    }

    static let badBuildBodies: [(String, String?)] = [
        (#"{}"#, nil as String?), (#"{"zones":0}"#, "zones"), (#"{"zones":"2"}"#, "zones"), (#"{"zones":2,"seconds":31}"#, nil),
        (#"{"zones":2,"balance":"hours"}"#, "balance"), (#"{"zones":2,"dry_run":"yes"}"#, "dry_run"), (#"{"zones":2,"dryrun":true}"#, "dryrun"),
        (#"{"zones":2,"tolerance":80}"#, nil), (#"{"zones":2,"seed":-1}"#, "seed"), (#"{"zones":"#, nil), (#"[2]"#, nil),
    ]

    /// One store for every case (the suite runs beside the others on two cores).
    @Test func badBuildBodiesAre400AndStoreNothing() async throws {
        let f = try ServerFixture()
        let before = try f.store.zones()
        try await f.app().test(.router) { client in
            for (body, field) in Self.badBuildBodies {
                let r = try await client.execute(uri: "/api/zones/build", method: .post, headers: Self.json(f.supervisor), body: ByteBuffer(string: body))
                #expect(r.status == .badRequest, "\(body): \(r.status) \(r.text)")
                #expect(r.object["error"] is String)
                if let field { #expect(r.object["field"] as? String == field, "\(body)") }
            }
        }
        #expect(try f.store.zones() == before)
    }

    /// Assign, rename and lock each answer the zone as it now is; an unknown zone or agent
    /// is 404 and changes nothing.
    @Test func aZoneIsAssignedNamedAndLocked() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let h = Self.json(f.supervisor)
            var r = try await client.execute(uri: "/api/zones/Z1/agent", method: .put, headers: h, body: ByteBuffer(string: #"{"agent_id":"G2"}"#))
            #expect(r.status == .ok, "\(r.text)")
            #expect(r.object["id"] as? String == "Z1" && r.object["agent_id"] as? String == "G2" && r.object["kind"] as? String == "zone")
            r = try await client.execute(uri: "/api/zones/Z1/agent", method: .put, headers: h, body: ByteBuffer(string: #"{"agent_id":null}"#))
            #expect(r.status == .ok && r.object["agent_id"] == nil)
            #expect(try f.store.zones().first { $0.id == "Z1" }?.agentID == nil)

            r = try await client.execute(uri: "/api/zones/Z1/name", method: .put, headers: h, body: ByteBuffer(string: #"{"name":"  Westlands "}"#))
            #expect(r.status == .ok && r.object["name"] as? String == "Westlands")
            r = try await client.execute(uri: "/api/zones/Z1/lock", method: .put, headers: h, body: ByteBuffer(string: #"{"locked":true}"#))
            #expect(r.status == .ok && r.object["locked"] as? Bool == true)
            #expect(try f.store.zones().first { $0.id == "Z1" } == StoredZone(id: "Z1", name: "Westlands", agentID: nil, locked: true))
            r = try await client.execute(uri: "/api/zones/Z1/lock", method: .put, headers: h, body: ByteBuffer(string: #"{"locked":false}"#))
            #expect(r.status == .ok && r.object["locked"] as? Bool == false)

            r = try await client.execute(uri: "/api/zones/Z9/lock", method: .put, headers: h, body: ByteBuffer(string: #"{"locked":true}"#))
            #expect(r.status == .notFound && (r.object["error"] as? String)?.contains("Z9") == true)
            r = try await client.execute(uri: "/api/zones/Z2/agent", method: .put, headers: h, body: ByteBuffer(string: #"{"agent_id":"G9"}"#))
            #expect(r.status == .notFound && (r.object["error"] as? String)?.contains("G9") == true)
            #expect(try f.store.zones().first { $0.id == "Z2" }?.agentID == "G2")
            for (uri, body, field) in [("/api/zones/Z2/agent", #"{}"#, "agent_id"), ("/api/zones/Z2/agent", #"{"agent_id":7}"#, "agent_id"),
                                       ("/api/zones/Z2/name", #"{"nam":"x"}"#, "nam"), ("/api/zones/Z2/lock", #"{"locked":"yes"}"#, "locked"),
                                       ("/api/zones/Z2/lock", "", nil)] {
                r = try await client.execute(uri: uri, method: .put, headers: h, body: ByteBuffer(string: body))
                #expect(r.status == .badRequest, "\(uri) \(body): \(r.status)")
                if let field { #expect(r.object["field"] as? String == field, "\(uri) \(body)") }
            }
        }
    }

    /// As `zones assign --nearest`: each unlocked zone to the nearest agent, the zones as they now are.
    @Test func assignNearestGivesEachZoneTheNearestAgent() async throws {
        let f = try ServerFixture()
        try f.store.assignZone("Z1", to: nil)
        try f.store.assignZone("Z2", to: nil)
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/zones/assign-nearest", method: .post, headers: F.bearer(f.supervisor))
            #expect(r.status == .ok, "\(r.text)")
            let pairs = (r.object["assignment"] as? [[String: Any]]) ?? []
            #expect(Set(pairs.compactMap { $0["agent_id"] as? String }) == ["G1", "G2"])
            #expect(pairs.allSatisfy { $0["km"] is Double })
            #expect((r.object["unassigned"] as? [String]) == [])
            #expect(Set(((r.object["zones"] as? [[String: Any]]) ?? []).compactMap { $0["agent_id"] as? String }) == ["G1", "G2"])
            try f.store.setZoneLocked("Z1", true)
            try f.store.setZoneLocked("Z2", true)
            let none = try await client.execute(uri: "/api/zones/assign-nearest", method: .post, headers: F.bearer(f.supervisor))
            #expect(none.status == .unprocessableContent)
        }
        #expect(Set(try f.store.zones().compactMap(\.agentID)) == ["G1", "G2"])
    }
}
