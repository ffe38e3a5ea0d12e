@testable import FieldPlanServer
import FieldPlanStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A token found valid is not looked up again while nothing is committed to the store, and a
/// revocation made through another connection to the file (as `fieldplan users revoke` in
/// another process makes it) refuses the token at the very next request.
struct TokenCacheTests {
    typealias F = ServerFixture

    /// `/api/me` behind the token check, with the check's cache at hand.
    static func router(_ f: ServerFixture) throws -> (Router<APIRequestContext>, AuthMiddleware) {
        let store = try FieldPlanStore(existingAt: f.path)
        let blocking = BlockingStore(store: store, seconds: 30, longSeconds: 30)
        let changes = try store.changes()
        #expect(changes != nil, "a store file has a change counter")
        let auth = AuthMiddleware(store: blocking, changes: changes)
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.group("/api").add(middleware: auth).addRoutes(SessionController().routes)
        return (router, auth)
    }

    @Test func aRevocationByAnotherConnectionRefusesTheNextRequest() async throws {
        let f = try ServerFixture()
        let (router, auth) = try Self.router(f)
        try await Application(router: router).test(.router) { client in
            let first = try await client.execute(uri: "/api/me", method: .get, headers: F.bearer(f.supervisor))
            #expect(first.status == .ok)
            #expect(auth.cache.hits == 0, "the first request looks its token up")
            let second = try await client.execute(uri: "/api/me", method: .get, headers: F.bearer(f.supervisor))
            #expect(second.status == .ok)
            #expect(second.object["name"] as? String == "boss")
            #expect(auth.cache.hits == 1, "nothing was committed: the second is answered from the cache")

            // Another connection (another process in real life) revokes boss.
            try FieldPlanStore(existingAt: f.path).revokeUser(name: "boss")
            let refused = try await client.execute(uri: "/api/me", method: .get, headers: F.bearer(f.supervisor))
            #expect(refused.status == .unauthorized)
            #expect(refused.text.contains("revoked token"))
            #expect(auth.cache.hits == 1)

            // Any commit empties the cache; a valid token is then looked up again, and kept.
            let g1 = try await client.execute(uri: "/api/me", method: .get, headers: F.bearer(f.agentG1))
            #expect(g1.status == .ok)
            _ = try f.store.setSetting("min_gap_days", to: "6")
            _ = try await client.execute(uri: "/api/me", method: .get, headers: F.bearer(f.agentG1))
            #expect(auth.cache.hits == 1, "a commit in between: looked up again")
            _ = try await client.execute(uri: "/api/me", method: .get, headers: F.bearer(f.agentG1))
            #expect(auth.cache.hits == 2)
            let unknown = try await client.execute(uri: "/api/me", method: .get, headers: F.bearer(AccessToken.random().text))
            #expect(unknown.status == .unauthorized)
            #expect(auth.cache.hits == 2)
        }
    }

    /// The change counter moves with every commit of another connection and only then.
    @Test func theChangeCounterMovesWithCommitsOnly() throws {
        let f = try ServerFixture()
        let changes = try #require(try f.store.changes())
        let before = try changes.version()
        _ = try f.store.users()
        #expect(try changes.version() == before, "a read is no change")
        _ = try f.store.setSetting("min_gap_days", to: "6")
        let after = try changes.version()
        #expect(after != before)
        try FieldPlanStore(existingAt: f.path).revokeUser(name: "g2")
        #expect(try changes.version() != after)
        #expect(try FieldPlanStore().changes() == nil, "a store in memory has no other connection")
    }
}
