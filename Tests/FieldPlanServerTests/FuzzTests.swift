import FieldPlanCore
@testable import FieldPlanServer
import FieldPlanStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 13, Security: seeded requests with hostile paths, queries, headers and bodies never
/// get a 500, every refusal is the JSON error, and afterwards the server still answers and
/// the store passes SQLite's integrity check. Same seed, same requests.
struct FuzzTests {
    typealias F = ServerFixture

    static let templates = [
        "/api/accounts", "/api/accounts/{x}", "/api/agents", "/api/settings", "/api/settings/{x}", "/api/zones",
        "/api/packets/{x}/{x}", "/api/plans/{x}", "/api/sheets/{x}/{x}", "/api/import", "/api/sync", "/api/export", "/api/review", "/api/audit", "/api/clearances",
        "/api/reports/daily", "/api/reports/monthly", "/api/reports/range", "/api/openapi.json", "/healthz", "/api/{x}", "/{x}",
        "/api/zones/build", "/api/zones/assign-nearest", "/api/zones/{x}/agent", "/api/zones/{x}/name", "/api/zones/{x}/lock",
        "/api/plans", "/api/plans/{x}/edits", "/api/plans/{x}/diff", "/api/review/{x}/resolve", "/api/clearances/{x}/confirm",
    ]
    static let pieces = [
        "A1", "G1", "2026-12-10", "..", "..%2F..%2Fetc%2Fpasswd", "%00", "%FF%FE", "'", "\"", "';DROP TABLE account;--", "1 OR 1=1",
        "%E2%80%AE", "ü", "min_gap_days", "agency_name", String(repeating: "x", count: 300), "%", "%zz", "{id}", "*",
    ]
    static let names = ["status", "client", "unlocated", "zone", "limit", "after", "date", "month", "from", "to", "by", "format",
                        "kind", "since", "now", "all", "account", "state", "dry_run", "csv_kind", "q", "version"]
    static let bodies: [[UInt8]] = [
        Array(#"{"value": 3}"#.utf8), Array(#"{"value": "#.utf8), [0xFF, 0xFE, 0x00, 0x7B], Array("not json at all".utf8),
        Array(#"{"kind":"account","id":"Z9","client":"C","debtor_name":"D","balance":1}"#.utf8),
        Array(#"{"kind":"outcome","id":"fz","account_id":"A1","agent_id":"G2","visited_at":"2026-12-09T10:00:00+03:00","code":"NOT_HOME"}"#.utf8),
        Array("id,client\n\"unterminated,\n".utf8), Array(repeating: UInt8(ascii: "["), count: 5000), [],
        Array(#"{"kind":"payment","id":"pz","account_id":"A1","amount":1e400,"paid_at":"x"}"#.utf8),
        Array(#"{"op":"move","account_id":"A1","agent_id":"G2","position":1e400,"expected_version":1}"#.utf8),
        Array(#"{"op":"lock","agent_id":"';DROP TABLE plan;--"}"#.utf8),
        Array(#"{"zones":2,"dry_run":true,"seconds":0.2,"balance":"accounts"}"#.utf8),
        Array(#"{"agent_id":null,"name":"%_\u0000","locked":true,"note":"x"}"#.utf8),
        Array(#"{"locked":true}"#.utf8), Array(#"{"name":"' OR 1=1 --"}"#.utf8), Array(#"{"agent_id":"G1"}"#.utf8),
    ]
    static let types = ["application/x-ndjson", "text/csv", "application/json", "text/plain", "multipart/form-data; boundary=x", ""]

    @Test(arguments: [1, 2, 3] as [UInt64])
    func hostileRequestsNeverBreakTheServer(seed: UInt64) async throws {
        let f = try ServerFixture()
        let tokens = [f.supervisor, f.agentG1, f.revoked, "fpt_" + String(repeating: "A", count: 43), "garbage"]
        let methods: [HTTPRequest.Method] = [.get, .get, .get, .post, .put, .delete]
        try await f.app().test(.router) { client in
            var generator = SeededGenerator(seed: seed)
            var seen: [Int: Int] = [:]
            for _ in 0..<1000 {
                var path = Self.templates.randomElement(using: &generator)!
                while let hole = path.range(of: "{x}") { path.replaceSubrange(hole, with: Self.pieces.randomElement(using: &generator)!) }
                let query = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                    Self.names.randomElement(using: &generator)! + "=" + Self.pieces.randomElement(using: &generator)!
                }.joined(separator: "&")
                let uri = query.isEmpty ? path : path + "?" + query
                var headers: HTTPFields = [:]
                if Bool.random(using: &generator) { headers[.authorization] = "Bearer " + tokens.randomElement(using: &generator)! }
                let type = Self.types.randomElement(using: &generator)!
                if !type.isEmpty { headers[.contentType] = type }
                let method = methods.randomElement(using: &generator)!
                let body = method == .get ? nil : ByteBuffer(bytes: Self.bodies.randomElement(using: &generator)!)
                let r = try await client.execute(uri: uri, method: method, headers: headers, body: body)
                seen[r.status.code, default: 0] += 1
                #expect(r.status.code < 500, "\(method) \(uri): \(r.status) \(String(buffer: r.body).prefix(200))")
                if r.status.code >= 400 {
                    #expect((try? JSONSerialization.jsonObject(with: Data(buffer: r.body))) as? [String: Any] != nil,
                            "\(method) \(uri): \(r.status) is not the JSON error")
                }
            }
            // The requests reached the routes, not only the token check.
            for status in [200, 400, 401, 403, 404] { #expect(seen[status, default: 0] > 0, "no \(status) among \(seen)") }
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
        }
        let check = try await f.store.writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(check == ["ok"])
    }
}
