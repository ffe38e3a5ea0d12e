import FieldPlanCore
import FieldPlanInterchange
@testable import FieldPlanPostgres
import FieldPlanServer
import FieldPlanStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The service on a PostgreSQL store: handlers call the store through `BlockingStore`'s plain
/// threads, the store's tasks talk to the server. Many requests at once, more than the two
/// threads of this machine's concurrency pool, must all be answered: a bridge that blocked
/// pool threads would hang here.
@Suite("PostgreSQL store behind the service")
struct PostgresServerPathTests {
    @Test("concurrent reads and writes through the service are all answered", arguments: StoreEngine.postgresOnly)
    func concurrentRequests(_ engine: StoreEngine) async throws {
        let database = try await onPlainThread { try ScratchDatabase.make() }
        defer { try? database.drop() }
        let token = AccessToken.random()
        let store = try await onPlainThread { () throws -> PostgresAgencyStore in
            let store = try PostgresAgencyStore(url: database.url, mustExist: false)
            try store.addUser(name: "boss", role: .supervisor, agentID: nil, tokenHash: token.hash, now: 1)
            return store
        }
        defer { store.close() }
        // What is tested is that every request is answered, not how fast: with the whole suite's
        // PostgreSQL tests starting at once on two cores, a write waited past the queue's 15 s
        // and got its (correct) 503 in CI. Generous caps keep the test about hangs.
        var limits = ServerLimits()
        limits.writeQueueSeconds = 300
        limits.requestSeconds = 300
        let configuration = ServerConfiguration(host: "127.0.0.1", port: 0, storePath: database.url.text,
                                                logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, limits: limits, store: store)
        let app = try buildApplication(configuration)
        let headers: HTTPFields = [.authorization: "Bearer \(token.text)"]
        try await app.test(.router) { client in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        if index % 4 == 0 {
                            let value = String(10 + index)
                            return try await client.execute(uri: "/api/settings/service_minutes", method: .put, headers: headers,
                                                            body: ByteBuffer(string: #"{"value":"\#(value)"}"#)).status.code
                        }
                        return try await client.execute(uri: "/api/settings", method: .get, headers: headers).status.code
                    }
                }
                var statuses: [Int] = []
                for try await status in group { statuses.append(status) }
                return statuses
            }
            #expect(statuses.count == 24)
            #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
            // The review queue is ported (issue 17, third stage): an empty store has none.
            let review = try await client.execute(uri: "/api/review", method: .get, headers: headers)
            #expect(review.status == .ok, "\(String(buffer: review.body))")
            // A token the store does not know is refused, as on SQLite.
            let stranger = try await client.execute(uri: "/api/settings", method: .get, headers: [.authorization: "Bearer \(AccessToken.random().text)"])
            #expect(stranger.status == .unauthorized)
        }
        let minutes = try await onPlainThread { try store.settings().serviceMinutes }
        #expect([10, 14, 18, 22, 26, 30].contains(minutes))
    }
}

/// The service's account and agent routes answer the same bodies on both engines.
@Suite("Accounts and agents behind the service, on both engines")
struct AccountRoutesContractTests {
    static func bodies(_ store: any AgencyStore) async throws -> [String] {
        let token = AccessToken.random()
        try await onPlainThread {
            try store.addUser(name: "boss", role: .supervisor, agentID: nil, tokenHash: token.hash, now: 1)
            let data = ImportContractTests.repository + "/data/"
            _ = try store.importRecords([ImportInput(path: data + "agents.csv"), ImportInput(path: data + "accounts.ndjson"),
                                         ImportInput(path: data + "appointments.ndjson")], now: ImportContractTests.now)
        }
        let configuration = ServerConfiguration(host: "127.0.0.1", port: 0, storePath: store.location,
                                                logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, store: store)
        let app = try buildApplication(configuration)
        let headers: HTTPFields = [.authorization: "Bearer \(token.text)"]
        return try await app.test(.router) { client in
            var bodies: [String] = []
            let lines = #"{"kind":"zone","id":"Z7","name":"Kayole"}"# + "\n" + #"{"kind":"account","id":"HL-100001","client":"Haraka Loans"}"#
                + "\n" + #"{"kind":"account","id":"HL-100001","client":"Haraka Loans","debtor_name":"Otieno Odera","balance":4100,"zone_id":"Z7"}"# + "\n"
            let posted = try await client.execute(uri: "/api/import", method: .post,
                                                  headers: [.authorization: "Bearer \(token.text)", .contentType: "application/x-ndjson"],
                                                  body: ByteBuffer(string: lines))
            bodies.append("POST /api/import \(posted.status.code) \(String(buffer: posted.body))")
            for uri in ["/api/accounts?limit=3", "/api/accounts?limit=2&after=HL-100001", "/api/accounts?status=open&q=otieno&limit=4",
                        "/api/accounts/HL-100215", "/api/accounts/NOBODY", "/api/agents", "/api/zones", "/api/export"] {
                let response = try await client.execute(uri: uri, method: .get, headers: headers)
                bodies.append("\(uri) \(response.status.code) \(String(buffer: response.body))")
            }
            return bodies
        }
    }

    @Test("GET /api/accounts, /api/accounts/{id} and /api/agents", arguments: StoreEngine.postgresOnly)
    func sameBodies(_ engine: StoreEngine) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldplan-routes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try await onPlainThread { try StoreOpener.openOrCreate(folder + "/fieldplan.db") }
        let expected = try await Self.bodies(file)
        let database = try await onPlainThread { try ScratchDatabase.make() }
        defer { try? database.drop() }
        let store = try await onPlainThread { try PostgresAgencyStore(url: database.url, mustExist: false) }
        defer { store.close() }
        let answered = try await Self.bodies(store)
        #expect(answered == expected)
        #expect(expected[1].hasPrefix("/api/accounts?limit=3 200") && expected[5].contains(" 404 ") && expected[6].contains("AG01"))
        #expect(expected[0].hasPrefix("POST /api/import 200") && expected[0].contains("rejected"), "\(expected[0])")
    }
}
