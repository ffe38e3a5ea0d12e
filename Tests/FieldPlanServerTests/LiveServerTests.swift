@testable import FieldPlanServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A real server on a loopback socket (a free port), started and stopped by the test.
struct LiveServerTests {
    typealias F = ServerFixture

    @Test func aRealServerAnswersAndStops() async throws {
        let f = try ServerFixture()
        try await f.app().test(.live) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            let accounts = try await client.execute(uri: "/api/accounts", method: .get, headers: F.bearer(f.supervisor))
            #expect(accounts.status == .ok)
            #expect((accounts.object["accounts"] as? [Any])?.count == 3)
            var headers = F.bearer(f.agentG1)
            headers[.contentType] = "application/x-ndjson"
            let sync = try await client.execute(uri: "/api/sync?now=2026-12-10T12:00", method: .post, headers: headers,
                                                body: ByteBuffer(string: TokenMatrixTests.outcomeOfG1 + "\n"))
            #expect(sync.object["accepted"] as? Int == 1)
            let none = try await client.execute(uri: "/api/accounts", method: .get)
            #expect(none.status == .unauthorized)
        }
    }
}
