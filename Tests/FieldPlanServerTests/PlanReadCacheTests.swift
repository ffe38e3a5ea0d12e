import FieldPlanCore
@testable import FieldPlanServer
import FieldPlanStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// An agent's route of the day is answered from the cache while nothing is committed, and a
/// commit by anyone — a new version, a route lock, a settings change, made through another
/// connection to the file as another process would — is seen at the very next request.
struct PlanReadCacheTests {
    typealias F = ServerFixture

    /// `GET /api/plans/{date}` behind the token check, with the plan controller's cache at hand.
    static func router(_ f: ServerFixture) throws -> (Router<APIRequestContext>, PlansController) {
        let store = try FieldPlanStore(existingAt: f.path)
        let blocking = BlockingStore(store: store, seconds: 30, longSeconds: 30)
        let auth = AuthMiddleware(store: blocking, changes: try store.changes())
        let plans = PlansController(store: blocking, limits: ServerLimits())
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.group("/api").add(middleware: auth).addRoutes(plans.routes)
        return (router, plans)
    }

    static let day = "2026-12-10"

    @Test func aCommitByAnyoneIsSeenAtTheNextRead() async throws {
        let f = try ServerFixture()
        try f.plan(Self.day)
        let (router, plans) = try Self.router(f)
        let other = try FieldPlanStore(existingAt: f.path)
        let uri = "/api/plans/\(Self.day)?agent=G1"
        try await Application(router: router).test(.router) { client in
            let first = try await client.execute(uri: uri, method: .get, headers: F.bearer(f.agentG1))
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.object["version"] as? Int == 1)
            #expect(plans.readings.hits == 0, "the first read reads the store")
            let second = try await client.execute(uri: uri, method: .get, headers: F.bearer(f.agentG1))
            #expect(second.text == first.text, "the same answer, byte for byte")
            #expect(second.headers[.contentType] == first.headers[.contentType])
            #expect(plans.readings.hits == 1, "nothing was committed: answered from the cache")

            // Another agent's route and another version are other answers.
            let g2 = try await client.execute(uri: "/api/plans/\(Self.day)?agent=G2", method: .get, headers: F.bearer(f.agentG2))
            #expect(g2.status == .ok)
            #expect((g2.object["routes"] as? [[String: Any]])?.compactMap { $0["agent_id"] as? String } == ["G2"])
            #expect(plans.readings.hits == 1)
            // Access is checked before the cache: G2 never gets G1's cached route.
            let stolen = try await client.execute(uri: uri, method: .get, headers: F.bearer(f.agentG2))
            #expect(stolen.status == .forbidden)
            #expect(plans.readings.hits == 1)

            // A route lock by another connection: the next read shows it.
            #expect(try other.setRouteLocked(date: CivilDate(Self.day)!, agent: "G1", true))
            let locked = try await client.execute(uri: uri, method: .get, headers: F.bearer(f.agentG1))
            #expect(((locked.object["routes"] as? [[String: Any]])?.first?["locked"] as? Bool) == true, "\(locked.text)")
            #expect(plans.readings.hits == 1)

            // A new version planned elsewhere: the latest is read again.
            try f.plan(Self.day)
            let replanned = try await client.execute(uri: uri, method: .get, headers: F.bearer(f.agentG1))
            #expect(replanned.object["version"] as? Int == 2)
            let pinned = try await client.execute(uri: uri + "&version=1", method: .get, headers: F.bearer(f.agentG1))
            #expect(pinned.object["version"] as? Int == 1)
            #expect(plans.readings.hits == 1)

            // A new time zone changes when the plan is said to have been stored.
            let before = try #require(replanned.object["created_at"] as? String)
            _ = try other.setSetting("time_zone", to: "Europe/London")
            let moved = try await client.execute(uri: uri, method: .get, headers: F.bearer(f.agentG1))
            let after = try #require(moved.object["created_at"] as? String)
            #expect(after != before, "\(before) → \(after)")
            let again = try await client.execute(uri: uri, method: .get, headers: F.bearer(f.agentG1))
            #expect(again.text == moved.text)
            #expect(plans.readings.hits == 2)
        }
    }

    /// A refusal (no plan of the day) is never kept: the plan made next is found.
    @Test func aRefusalIsNotKept() async throws {
        let f = try ServerFixture()
        let (router, plans) = try Self.router(f)
        let uri = "/api/plans/\(Self.day)?agent=G1"
        try await Application(router: router).test(.router) { client in
            let none = try await client.execute(uri: uri, method: .get, headers: F.bearer(f.agentG1))
            #expect(none.status == .notFound)
            try f.plan(Self.day)
            let found = try await client.execute(uri: uri, method: .get, headers: F.bearer(f.agentG1))
            #expect(found.status == .ok)
            #expect(found.object["version"] as? Int == 1)
            #expect(plans.readings.hits == 0)
        }
    }
}
