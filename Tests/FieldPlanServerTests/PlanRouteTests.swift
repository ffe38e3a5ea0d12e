import FieldPlanApp
import FieldPlanCore
import FieldPlanRendering
@testable import FieldPlanServer
import FieldPlanStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// What the plan, sheet and packet routes answer, through the router (no socket).
struct PlanRouteTests {
    typealias F = ServerFixture

    static func json(_ token: String) -> HTTPFields {
        var headers = F.bearer(token)
        headers[.contentType] = "application/json"
        return headers
    }

    /// A short search (`force` so the day is planned whatever today is), as `plan --format json`.
    static let quick = #"{"seconds":0.3,"force":true}"#

    @Test func aSupervisorPlansTheDayAndGetsThePlanJSON() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/plans/2026-12-10", method: .post, headers: Self.json(f.supervisor), body: ByteBuffer(string: Self.quick))
            #expect(r.status == .ok, "\(r.text)")
            #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(r.object["date"] as? String == "2026-12-10")
            #expect(r.object["version"] as? Int == 1)
            #expect(r.object["changes"] is [String: Any])
            let agents = (r.object["routes"] as? [[String: Any]])?.compactMap { $0["agent_id"] as? String }
            #expect(agents?.contains("G1") == true)
            // Stored: the next run is version 2, and the reading finds it.
            let again = try await client.execute(uri: "/api/plans/2026-12-10", method: .post, headers: Self.json(f.supervisor), body: ByteBuffer(string: Self.quick))
            #expect(again.object["version"] as? Int == 2)
            let read = try await client.execute(uri: "/api/plans/2026-12-10", method: .get, headers: F.bearer(f.supervisor))
            #expect(read.object["version"] as? Int == 2)
        }
        #expect(try f.store.storedPlan(date: .init("2026-12-10")!, version: nil)?.version == 2)
    }

    /// The body is optional: only some agents, or a plan restricted to one.
    @Test func theBodyChoosesTheAgents() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/plans/2026-12-10", method: .post, headers: Self.json(f.supervisor),
                                             body: ByteBuffer(string: #"{"seconds":0.3,"force":true,"agents":["G2"]}"#))
            #expect(r.status == .ok, "\(r.text)")
            #expect((r.object["routes"] as? [[String: Any]])?.compactMap { $0["agent_id"] as? String } == ["G2"])
        }
    }

    @Test(arguments: [
        (#"{"seconds":31}"#, nil as String?), (#"{"seconds":-1}"#, nil), (#"{"seconds":"ten"}"#, "seconds"), (#"{"agents":"G1"}"#, "agents"),
        (#"{"agents":["NOPE"],"force":true,"seconds":0.1}"#, nil), (#"{"absent":[1]}"#, "absent"), (#"{"force":"yes"}"#, "force"),
        (#"{"sekonds":1}"#, "sekonds"), (#"{"seconds":"#, nil), (#"[1]"#, nil),
    ])
    func badPlanBodiesAre400(body: String, field: String?) async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/plans/2026-12-10", method: .post, headers: Self.json(f.supervisor), body: ByteBuffer(string: body))
            #expect(r.status == .badRequest, "\(body): \(r.status) \(r.text)")
            #expect(r.object["error"] is String)
            if let field { #expect(r.object["field"] as? String == field, "\(body)") }
        }
        #expect(try f.store.storedPlan(date: .init("2026-12-10")!, version: nil) == nil)
    }

    /// `seconds` above the service's cap is refused before any search.
    @Test func thePlanSecondsAreCapped() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let over = FieldPlanApp.servicePlanSecondsCap + 1
            let r = try await client.execute(uri: "/api/plans/2026-12-10", method: .post, headers: Self.json(f.supervisor),
                                             body: ByteBuffer(string: #"{"seconds":\#(over)}"#))
            #expect(r.status == .badRequest)
            #expect((r.object["error"] as? String)?.contains("at most") == true)
        }
    }

    @Test func anAgentMayNotRunAPlan() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/plans/2026-12-10", method: .post, headers: Self.json(f.agentG1), body: ByteBuffer(string: Self.quick))
            #expect(r.status == .forbidden)
        }
        #expect(try f.store.storedPlan(date: .init("2026-12-10")!, version: nil) == nil)
    }

    @Test func aSupervisorReadsAnyVersionAndAnyRoute() async throws {
        let f = try ServerFixture()
        try f.plan("2026-12-10")
        try f.plan("2026-12-10")
        try await f.app().test(.router) { client in
            let latest = try await client.execute(uri: "/api/plans/2026-12-10", method: .get, headers: F.bearer(f.supervisor))
            #expect(latest.status == .ok)
            #expect(latest.object["version"] as? Int == 2)
            #expect(latest.object["made_by"] is String)
            let routes = latest.object["routes"] as? [[String: Any]] ?? []
            #expect(Set(routes.compactMap { $0["agent_id"] as? String }) == ["G1", "G2"])
            #expect(routes.allSatisfy { $0["stops"] is [Any] })
            let first = try await client.execute(uri: "/api/plans/2026-12-10?version=1", method: .get, headers: F.bearer(f.supervisor))
            #expect(first.object["version"] as? Int == 1)
            let g2 = try await client.execute(uri: "/api/plans/2026-12-10?agent=G2", method: .get, headers: F.bearer(f.supervisor))
            #expect((g2.object["routes"] as? [[String: Any]])?.compactMap { $0["agent_id"] as? String } == ["G2"])
            for (uri, status) in [("/api/plans/2026-12-10?version=9", 404), ("/api/plans/2026-12-11", 404), ("/api/plans/2026-12-10?agent=NOPE", 404),
                                  ("/api/plans/2026-12-10?version=0", 400), ("/api/plans/2026-12-10?version=x", 400), ("/api/plans/10-12-2026", 400)] {
                let r = try await client.execute(uri: uri, method: .get, headers: F.bearer(f.supervisor))
                #expect(r.status.code == status, "\(uri): \(r.status)")
                #expect(r.object["error"] is String)
            }
        }
    }

    @Test func anAgentReadsOnlyItsOwnRoute() async throws {
        let f = try ServerFixture()
        try f.plan("2026-12-10")
        try await f.app().test(.router) { client in
            let own = try await client.execute(uri: "/api/plans/2026-12-10?agent=G1", method: .get, headers: F.bearer(f.agentG1))
            #expect(own.status == .ok)
            #expect((own.object["routes"] as? [[String: Any]])?.compactMap { $0["agent_id"] as? String } == ["G1"])
            #expect(!own.text.contains("\"G2\""))
            for uri in ["/api/plans/2026-12-10", "/api/plans/2026-12-10?agent=G2", "/api/plans/2026-12-10?agent=NOPE"] {
                let r = try await client.execute(uri: uri, method: .get, headers: F.bearer(f.agentG1))
                #expect(r.status == .forbidden, "\(uri): \(r.status)")
            }
        }
    }

    @Test func sheetsInEveryFormatMaskedAsTheCommands() async throws {
        let f = try ServerFixture()
        try f.plan("2026-12-10")
        let sheet = try FieldPlanApp(store: f.store).routeSheet(date: .init("2026-12-10")!, agent: "G1")
        try await f.app().test(.router) { client in
            for (format, type) in [("html", "text/html"), ("text", "text/plain"), ("csv", "text/csv")] {
                let r = try await client.execute(uri: "/api/sheets/2026-12-10/G1?format=\(format)", method: .get, headers: F.bearer(f.agentG1))
                #expect(r.status == .ok, "\(format)")
                #expect(r.headers[.contentType]?.hasPrefix(type) == true, "\(format)")
                #expect(!r.text.contains("NID-SECRET"))
                if format != "csv" { #expect(r.text.contains("Otieno"), "\(format)") }
            }
            let html = try await client.execute(uri: "/api/sheets/2026-12-10/G1", method: .get, headers: F.bearer(f.supervisor))
            #expect(html.text == RouteSheetRenderer.html(sheet))
            let other = try await client.execute(uri: "/api/sheets/2026-12-10/G2", method: .get, headers: F.bearer(f.agentG1))
            #expect(other.status == .forbidden)
            for (uri, status) in [("/api/sheets/2026-12-11/G1", 404), ("/api/sheets/2026-12-10/NOPE", 404),
                                  ("/api/sheets/2026-12-10/G1?format=pdf", 400), ("/api/sheets/2026-13-10/G1", 400)] {
                let r = try await client.execute(uri: uri, method: .get, headers: F.bearer(f.supervisor))
                #expect(r.status.code == status, "\(uri): \(r.status)")
                #expect(r.object["error"] is String)
            }
        }
    }

    @Test func packetsAreTheAgentsOwnOnly() async throws {
        let f = try ServerFixture()
        try f.plan("2026-12-10")
        try await f.app().test(.router) { client in
            let own = try await client.execute(uri: "/api/packets/2026-12-10/G1", method: .get, headers: F.bearer(f.agentG1))
            #expect(own.status == .ok)
            #expect(own.headers[.contentType]?.hasPrefix("application/x-ndjson") == true)
            #expect(own.lines.first?["kind"] as? String == "packet")
            #expect(own.lines.contains { $0["kind"] as? String == "route" && $0["agent_id"] as? String == "G1" })
            #expect(!own.text.contains("NID-SECRET"))
            let other = try await client.execute(uri: "/api/packets/2026-12-10/G2", method: .get, headers: F.bearer(f.agentG1))
            #expect(other.status == .forbidden)
            #expect(other.object["error"] is String)
            #expect(!other.text.contains("Baraka"))
            let g2 = try await client.execute(uri: "/api/packets/2026-12-10/G2", method: .get, headers: F.bearer(f.supervisor))
            #expect(g2.status == .ok)
            let none = try await client.execute(uri: "/api/packets/2026-12-11/G1", method: .get, headers: F.bearer(f.agentG1))
            #expect(none.status == .notFound)
        }
    }
}
