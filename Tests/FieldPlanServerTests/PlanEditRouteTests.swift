import FieldPlanCore
@testable import FieldPlanServer
import FieldPlanStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /api/plans/{date}/edits`, `GET /api/plans?from=&to=` and `GET /api/plans/{date}/diff`,
/// through the router (no socket).
@Suite(.serialized)
struct PlanEditRouteTests {
    typealias F = ServerFixture
    static let day = CivilDate("2026-12-10")!

    func latest(_ f: ServerFixture) throws -> Int? { try f.store.storedPlan(date: Self.day, version: nil)?.version }

    /// Each edit is the next version with the routes it changed; a stale `expected_version` is
    /// 409 with the current version, and stores nothing.
    @Test func editsAreStoredAsVersionsAndAStaleVersionIs409() async throws {
        let f = try ServerFixture()
        try f.plan("2026-12-10")
        let stored = try #require(try f.store.storedPlan(date: Self.day, version: nil))
        let onG1 = try #require(stored.plan.routes.first { $0.agentID == "G1" }?.stops.compactMap(\.accountID).first)
        try await f.app().test(.router) { client in
            let h = PlanRouteTests.json(f.supervisor)
            func post(_ body: String) async throws -> TestResponse {
                try await client.execute(uri: "/api/plans/2026-12-10/edits", method: .post, headers: h, body: ByteBuffer(string: body))
            }
            let moved = try await post(#"{"op":"move","account_id":"\#(onG1)","agent_id":"G2","position":1,"expected_version":1}"#)
            #expect(moved.status == .ok, "\(moved.text)")
            #expect(moved.object["version"] as? Int == 2 && moved.object["op"] as? String == "move" && moved.object["route"] as? String == "G2")
            let routes = (moved.object["routes"] as? [[String: Any]]) ?? []
            #expect(routes.compactMap { $0["agent_id"] as? String } == ["G1", "G2"])
            let g2 = routes.first { $0["agent_id"] as? String == "G2" }
            #expect((g2?["stops"] as? [[String: Any]])?.contains { $0["account_id"] as? String == onG1 } == true)
            #expect((moved.object["changes"] as? [String: Any])?["moved_agent"] as? Int == 1)
            #expect(try latest(f) == 2)

            let stale = try await post(#"{"op":"drop","account_id":"\#(onG1)","reason":"closed","expected_version":1}"#)
            #expect(stale.status == .conflict, "\(stale.text)")
            #expect(stale.object["current_version"] as? Int == 2)
            #expect((stale.object["error"] as? String)?.contains("version 2") == true)
            #expect(try latest(f) == 2)

            let dropped = try await post(#"{"op":"drop","account_id":"\#(onG1)","reason":"  paid at the branch ","expected_version":2}"#)
            #expect(dropped.status == .ok, "\(dropped.text)")
            #expect(dropped.object["version"] as? Int == 3 && dropped.object["route"] == nil)
            #expect((dropped.object["made_by"] as? String)?.hasSuffix("--reason paid at the branch") == true)
            let added = try await post(#"{"op":"add","account_id":"\#(onG1)","agent_id":"G1"}"#)
            #expect(added.status == .ok, "\(added.text)")
            #expect(added.object["version"] as? Int == 4 && added.object["route"] as? String == "G1")
            #expect(try latest(f) == 4)
        }
    }

    /// A lock makes no version and answers the route, locked; an edit of a locked route is the
    /// rule's 422 and stores nothing.
    @Test func aLockedRouteRefusesEditsWith422() async throws {
        let f = try ServerFixture()
        try f.plan("2026-12-10")
        let stored = try #require(try f.store.storedPlan(date: Self.day, version: nil))
        let onG2 = try #require(stored.plan.routes.first { $0.agentID == "G2" }?.stops.compactMap(\.accountID).first)
        try await f.app().test(.router) { client in
            let h = PlanRouteTests.json(f.supervisor)
            func post(_ body: String) async throws -> TestResponse {
                try await client.execute(uri: "/api/plans/2026-12-10/edits", method: .post, headers: h, body: ByteBuffer(string: body))
            }
            let lock = try await post(#"{"op":"lock","agent_id":"G2","expected_version":1}"#)
            #expect(lock.status == .ok, "\(lock.text)")
            #expect(lock.object["locked"] as? Bool == true && lock.object["changed"] as? Bool == true && lock.object["version"] as? Int == 1)
            #expect((lock.object["routes"] as? [[String: Any]])?.first?["locked"] as? Bool == true)
            let again = try await post(#"{"op":"lock","agent_id":"G2"}"#)
            #expect(again.object["changed"] as? Bool == false)
            let refused = try await post(#"{"op":"move","account_id":"\#(onG2)","agent_id":"G1"}"#)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect((refused.object["error"] as? String)?.contains("locked") == true)
            #expect(try latest(f) == 1)
            let unlock = try await post(#"{"op":"unlock","agent_id":"G2"}"#)
            #expect(unlock.status == .ok && unlock.object["locked"] as? Bool == false && unlock.object["changed"] as? Bool == true)
            let noRoute = try await post(#"{"op":"lock","agent_id":"G9"}"#)
            #expect(noRoute.status == .notFound)
            let staleLock = try await post(#"{"op":"lock","agent_id":"G2","expected_version":5}"#)
            #expect(staleLock.status == .conflict && staleLock.object["current_version"] as? Int == 1)
        }
        #expect(try f.store.storedPlan(date: Self.day, version: nil)?.locked == [])
    }

    static let badBodies: [(String, String?)] = [
        (#"{"op":"swap","account_id":"A1"}"#, "op"), (#"{"account_id":"A1"}"#, "op"), (#"{"op":"move","agent_id":"G2"}"#, "account_id"),
        (#"{"op":"move","account_id":"A1"}"#, "agent_id"), (#"{"op":"move","account_id":"A1","agent_id":"G2","reason":"x"}"#, "reason"),
        (#"{"op":"move","account_id":"A1","agent_id":"G2","position":0}"#, "position"), (#"{"op":"drop","account_id":"A1"}"#, "reason"),
        (#"{"op":"drop","account_id":"A1","reason":"  "}"#, "reason"), (#"{"op":"add","account_id":"A1","agent_id":"G1","expected_version":"1"}"#, "expected_version"),
        (#"{"op":"lock","agent_id":"G1","account_id":"A1"}"#, "account_id"), (#"{"op":"lock","agent_id":"G1","force":true}"#, "force"),
        (#"{"op":"move","account_id":1,"agent_id":"G2"}"#, "account_id"), ("", nil), (#"{"op":"#, nil),
    ]

    @Test func badEditBodiesAre400NamingTheField() async throws {
        let f = try ServerFixture()
        try f.plan("2026-12-10")
        try await f.app().test(.router) { client in
            for (body, field) in Self.badBodies {
                let r = try await client.execute(uri: "/api/plans/2026-12-10/edits", method: .post, headers: PlanRouteTests.json(f.supervisor),
                                                 body: ByteBuffer(string: body))
                #expect(r.status == .badRequest, "\(body): \(r.status) \(r.text)")
                if let field { #expect(r.object["field"] as? String == field, "\(body): \(r.text)") }
            }
        }
        #expect(try latest(f) == 1)
    }

    @Test func anEditOfADayWithoutAPlanIs404() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/plans/2026-12-11/edits", method: .post, headers: PlanRouteTests.json(f.supervisor),
                                             body: ByteBuffer(string: #"{"op":"drop","account_id":"A1","reason":"x"}"#))
            #expect(r.status == .notFound, "\(r.text)")
            let bad = try await client.execute(uri: "/api/plans/2026-13-01/edits", method: .post, headers: PlanRouteTests.json(f.supervisor),
                                               body: ByteBuffer(string: #"{"op":"drop","account_id":"A1","reason":"x"}"#))
            #expect(bad.status == .badRequest && bad.object["field"] as? String == "date")
        }
    }

    /// The calendar lists the planned days of the range with their latest version, and the
    /// diff is `plan diff --format json`.
    @Test func theCalendarListsPlannedDaysAndTheDiffComparesVersions() async throws {
        let f = try ServerFixture()
        try f.plan("2026-12-10")
        try f.plan("2026-12-10")
        try f.plan("2026-12-12")
        try f.plan("2027-01-05")
        let v2 = try #require(try f.store.storedPlan(date: Self.day, version: nil))
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/plans?from=2026-12-01&to=2026-12-31", method: .get, headers: F.bearer(f.supervisor))
            #expect(r.status == .ok, "\(r.text)")
            #expect(r.headers[.contentType]?.hasPrefix("application/x-ndjson") == true)
            #expect(r.lines.map { $0["date"] as? String } == ["2026-12-10", "2026-12-12"])
            let first = try #require(r.lines.first)
            #expect(first["version"] as? Int == 2 && first["visits"] as? Int == v2.plan.visitCount && first["agents"] as? Int == v2.plan.routes.count)
            #expect((first["created_at"] as? String)?.hasSuffix("+03:00") == true)
            let one = try await client.execute(uri: "/api/plans?from=2026-12-11&to=2026-12-11", method: .get, headers: F.bearer(f.supervisor))
            #expect(one.status == .ok && one.text.isEmpty)
            for (query, field) in [("from=2026-12-01", "to"), ("to=2026-12-01", "from"), ("from=2026-12-10&to=2026-12-01", nil as String?),
                                   ("from=2026-01-01&to=2027-06-01", nil), ("from=x&to=2026-12-01", "from")] {
                let bad = try await client.execute(uri: "/api/plans?" + query, method: .get, headers: F.bearer(f.supervisor))
                #expect(bad.status == .badRequest, "\(query)")
                if let field { #expect(bad.object["field"] as? String == field, "\(query)") }
            }

            let diff = try await client.execute(uri: "/api/plans/2026-12-10/diff?from=1", method: .get, headers: F.bearer(f.supervisor))
            #expect(diff.status == .ok, "\(diff.text)")
            #expect(diff.object["from_version"] as? Int == 1 && diff.object["to_version"] as? Int == 2)
            for key in ["added", "dropped", "moved", "reordered"] { #expect(diff.object[key] is [Any], "\(key)") }
            let explicit = try await client.execute(uri: "/api/plans/2026-12-10/diff?from=2&to=1", method: .get, headers: F.bearer(f.supervisor))
            #expect(explicit.object["from_version"] as? Int == 2 && explicit.object["to_version"] as? Int == 1)
            let missing = try await client.execute(uri: "/api/plans/2026-12-10/diff?from=7", method: .get, headers: F.bearer(f.supervisor))
            #expect(missing.status == .notFound)
            let noFrom = try await client.execute(uri: "/api/plans/2026-12-10/diff", method: .get, headers: F.bearer(f.supervisor))
            #expect(noFrom.status == .badRequest && noFrom.object["field"] as? String == "from")
        }
    }
}
