@testable import FieldPlanServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// One log line per request with id, method, path, status and time; never a token, a query
/// value, a body, or a debtor's name, phone or national id.
struct RequestLogTests {
    typealias F = ServerFixture

    @Test func oneLinePerRequestAndNothingConfidential() async throws {
        let f = try ServerFixture()
        var ndjson = F.bearer(f.supervisor)
        ndjson[.contentType] = "application/x-ndjson"
        let headers = ndjson
        try await f.app().test(.router) { client in
            _ = try await client.execute(uri: "/api/accounts?client=Achieng%20Odhiambo&after=Baraka", method: .get, headers: F.bearer(f.supervisor))
            _ = try await client.execute(uri: "/api/accounts/A1", method: .get, headers: F.bearer(f.supervisor))
            _ = try await client.execute(uri: "/api/accounts/A1", method: .get, headers: F.bearer(f.agentG2))
            _ = try await client.execute(uri: "/api/import", method: .post, headers: headers,
                                         body: ByteBuffer(string: #"{"kind":"account","id":"A7","client":"C","debtor_name":"Zawadi Njeri","phone":"+254799999999","national_id":"NID-SECRET-7","balance":"bad"}"#))
            _ = try await client.execute(uri: "/api/agents", method: .get, headers: F.bearer(f.revoked))
            _ = try await client.execute(uri: "/healthz", method: .get)
        }
        let lines = f.logs.requests
        #expect(lines.count == 6, "\(lines)")
        for line in lines {
            for key in ["id=", "method=", "path=", "status=", "ms="] { #expect(line.contains(key), "\(line) has no \(key)") }
        }
        #expect(lines.contains { $0.contains("path=/api/accounts/A1") && $0.contains("status=403") })
        #expect(lines.contains { $0.contains("path=/api/agents") && $0.contains("status=401") && $0.contains("user=-") })
        #expect(lines.contains { $0.contains("path=/api/accounts/A1") && $0.contains("status=403") && $0.contains("user=g2") })
        let everything = f.logs.all.joined(separator: "\n")
        for secret in [f.supervisor, f.agentG2, f.revoked, "fpt_", "Achieng", "Odhiambo", "Baraka", "Zawadi", "+254", "NID-SECRET", "client="] {
            #expect(!everything.contains(secret), "the log holds \(secret)")
        }
        // Each request has its own id.
        let ids = lines.compactMap { $0.split(separator: " ").first { $0.hasPrefix("id=") } }
        #expect(Set(ids).count == lines.count)
    }
}
