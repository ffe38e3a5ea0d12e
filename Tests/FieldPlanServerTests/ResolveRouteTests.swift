import FieldPlanCore
@testable import FieldPlanServer
import FieldPlanStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /api/review/{id}/resolve`, `POST /api/clearances/{account_id}/confirm` and the
/// accounts search `GET /api/accounts?q=`, through the router (no socket).
@Suite(.serialized)
struct ResolveRouteTests {
    typealias F = ServerFixture

    /// An outcome sent again with other content (a conflict, kept for review) and a payment
    /// that clears A1, posted by the supervisor.
    static let first = [
        #"{"kind":"outcome","id":"c1","account_id":"A2","agent_id":"G2","visited_at":"2026-12-09T10:00:00+03:00","code":"NOT_HOME"}"#,
        #"{"kind":"payment","id":"p1","account_id":"A1","amount":1000,"paid_at":"2026-12-09T09:00:00+03:00"}"#,
    ].joined(separator: "\n")
    static let second = #"{"kind":"outcome","id":"c1","account_id":"A2","agent_id":"G2","visited_at":"2026-12-09T10:00:00+03:00","code":"REFUSED"}"#

    static func sync(_ client: some TestClientProtocol, _ f: ServerFixture, _ body: String) async throws {
        var headers = F.bearer(f.supervisor)
        headers[.contentType] = "application/x-ndjson"
        let r = try await client.execute(uri: "/api/sync?now=2026-12-10T12:00", method: .post, headers: headers, body: ByteBuffer(string: body))
        #expect(r.status == .ok, "\(r.text)")
    }

    @Test func aReviewItemIsResolvedOnceWithItsNote() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            try await Self.sync(client, f, Self.first)
            try await Self.sync(client, f, Self.second)
            let open = try await client.execute(uri: "/api/review", method: .get, headers: F.bearer(f.supervisor))
            let id = try #require(open.lines.first { $0["type"] as? String == "conflict" }?["id"] as? String)
            let h = PlanRouteTests.json(f.supervisor)
            let r = try await client.execute(uri: "/api/review/\(id)/resolve", method: .post, headers: h, body: ByteBuffer(string: #"{"note":"kept the first"}"#))
            #expect(r.status == .ok, "\(r.text)")
            #expect(r.object["id"] as? String == id && r.object["resolved"] as? Bool == true && r.object["kind"] as? String == "review")
            let after = try await client.execute(uri: "/api/review", method: .get, headers: F.bearer(f.supervisor))
            #expect(!after.lines.contains { $0["id"] as? String == id })
            let twice = try await client.execute(uri: "/api/review/\(id)/resolve", method: .post, headers: h, body: ByteBuffer(string: "{}"))
            #expect(twice.status == .notFound)
            let unknown = try await client.execute(uri: "/api/review/o-none/resolve", method: .post, headers: F.bearer(f.supervisor))
            #expect(unknown.status == .notFound && (unknown.object["error"] as? String)?.contains("o-none") == true)
            let bad = try await client.execute(uri: "/api/review/\(id)/resolve", method: .post, headers: h, body: ByteBuffer(string: #"{"notes":"x"}"#))
            #expect(bad.status == .badRequest && bad.object["field"] as? String == "notes")
            let agent = try await client.execute(uri: "/api/review/\(id)/resolve", method: .post, headers: F.bearer(f.agentG2))
            #expect(agent.status == .forbidden)
        }
        let note = try await f.store.writer.read { db in try String.fetchOne(db, sql: "SELECT note FROM review") }
        #expect(note == "kept the first")
    }

    /// The confirmation is the user's, by name; the account is closed; a second is 404.
    @Test func aClearanceIsConfirmedByTheUser() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            try await Self.sync(client, f, Self.first)
            let r = try await client.execute(uri: "/api/clearances/A1/confirm", method: .post, headers: F.bearer(f.supervisor))
            #expect(r.status == .ok, "\(r.text)")
            #expect(r.object["account_id"] as? String == "A1" && r.object["state"] as? String == "confirmed" && r.object["confirmed_by"] as? String == "boss")
            let again = try await client.execute(uri: "/api/clearances/A1/confirm", method: .post, headers: F.bearer(f.supervisor))
            #expect(again.status == .notFound)
            let other = try await client.execute(uri: "/api/clearances/A2/confirm", method: .post, headers: F.bearer(f.supervisor))
            #expect(other.status == .notFound)
            let body = try await client.execute(uri: "/api/clearances/A2/confirm", method: .post, headers: PlanRouteTests.json(f.supervisor),
                                                body: ByteBuffer(string: #"{"by":"someone else"}"#))
            #expect(body.status == .badRequest && body.object["field"] as? String == "by")
        }
        #expect(try f.store.account(id: "A1")?.status == .closed)
    }

    static let searches: [(String, [String])] = [
        ("q=a1", ["A1"]), ("q=ACHIENG", ["A1"]), ("q=mwangi", ["A2"]), ("q=000102", ["A2"]), ("q=a", ["A1", "A2", "A3"]),
        ("q=%25", []), ("q=_", []), ("q=x'%20OR%201=1--", []), ("q=';DROP%20TABLE%20account;--", []), ("q=a&client=kcb%20bank", ["A3"]),
        ("q=%20%20", ["A1", "A2", "A3"]), ("q=ki&limit=1", ["A3"]),
    ]

    @Test func theAccountsSearchFindsIdsNamesAndPhones() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            for (query, expected) in Self.searches {
                let r = try await client.execute(uri: "/api/accounts?" + query, method: .get, headers: F.bearer(f.supervisor))
                #expect(r.status == .ok, "\(r.text)")
                #expect((r.object["accounts"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == expected, "\(query)")
                #expect(!r.text.contains("NID-SECRET"))
            }
        }
        #expect(try f.store.account(id: "A1") != nil)
    }

    /// Paging goes on through the search: `next` is the last id of the page.
    @Test func aSearchPages() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let first = try await client.execute(uri: "/api/accounts?q=a&limit=2", method: .get, headers: F.bearer(f.supervisor))
            #expect((first.object["accounts"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["A1", "A2"])
            #expect(first.object["next"] as? String == "A2")
            let second = try await client.execute(uri: "/api/accounts?q=a&limit=2&after=A2", method: .get, headers: F.bearer(f.supervisor))
            #expect((second.object["accounts"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["A3"])
            #expect(second.object["next"] is NSNull)
        }
    }
}
