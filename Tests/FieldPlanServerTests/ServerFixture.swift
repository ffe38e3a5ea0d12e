import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import FieldPlanRouting
@testable import FieldPlanServer
import FieldPlanStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization

/// A small agency in a store file for the service tests: agents G1 (zone Z1, account A1) and
/// G2 (zone Z2, account A2), an unlocated account A3 without a zone, and four users with
/// their tokens: `boss` (supervisor), `g1` and `g2` (agents G1 and G2) and `old` (a revoked
/// supervisor). Every request's log line is kept in `logs`.
final class ServerFixture: @unchecked Sendable {
    let folder: String
    let path: String
    let store: FieldPlanStore
    let logs = LogCapture()
    var supervisor = "", agentG1 = "", agentG2 = "", revoked = ""
    /// An ISO 8601 instant to sync with, so visits are never in the future.
    static let now = "2026-12-10T12:00:00+03:00"

    static let base = [
        #"{"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.3,"lon":36.8},"shift":{"start":"08:00","end":"17:00"}}"#,
        #"{"kind":"agent","id":"G2","name":"Wanjiru","base":{"lat":-1.31,"lon":36.81},"shift":{"start":"08:00","end":"17:00"}}"#,
        #"{"kind":"zone","id":"Z1","agent_id":"G1"}"#,
        #"{"kind":"zone","id":"Z2","agent_id":"G2"}"#,
        #"{"kind":"account","id":"A1","client":"Jamii Bank","debtor_name":"Achieng Odhiambo","balance":1000,"phone":"+254711000101","email":"achieng@example.org","national_id":"NID-SECRET-1","lat":-1.29,"lon":36.82,"zone_id":"Z1"}"#,
        #"{"kind":"account","id":"A2","client":"Jamii Bank","debtor_name":"Baraka Mwangi","balance":2000,"phone":"+254711000102","national_id":"NID-SECRET-2","lat":-1.28,"lon":36.83,"zone_id":"Z2"}"#,
        #"{"kind":"account","id":"A3","client":"KCB Bank","debtor_name":"Chebet Kiprop","balance":300,"national_id":"NID-SECRET-3"}"#,
    ]

    init(extraLines: [String] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldplan-server-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/fieldplan.db"
        store = try FieldPlanStore(path: path)
        let input = folder + "/base.ndjson"
        _ = FileManager.default.createFile(atPath: input, contents: Data((Self.base + extraLines).joined(separator: "\n").utf8))
        let summary = try store.importRecords([ImportInput(path: input, displayName: "base.ndjson")])
        precondition(summary.total.rejected == 0, "fixture lines rejected")
        supervisor = try addUser("boss", .supervisor, nil)
        agentG1 = try addUser("g1", .agent, "G1")
        agentG2 = try addUser("g2", .agent, "G2")
        revoked = try addUser("old", .supervisor, nil)
        try store.revokeUser(name: "old")
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func addUser(_ name: String, _ role: StoredUser.Role, _ agent: String?) throws -> String {
        let token = AccessToken.random()
        try store.addUser(name: name, role: role, agentID: agent, tokenHash: token.hash)
        return token.text
    }

    /// Plans `date` (a short search) and stores the plan, as `fieldplan plan` would.
    func plan(_ date: String) throws {
        let day = CivilDate(date)!
        let input = try store.planningInput(date: day)
        let plan = try DayPlanner(limit: SearchLimit(seconds: nil, iterations: 200), seed: 1).plan(input)
        _ = try store.savePlan(plan, seed: 1)
    }

    /// Takes in `lines` as `fieldplan sync import` would (outcomes and payments), at `now`.
    func sync(_ lines: [String]) throws {
        syncs += 1
        let input = folder + "/sync-\(syncs).ndjson"
        _ = FileManager.default.createFile(atPath: input, contents: Data(lines.joined(separator: "\n").utf8))
        _ = try store.syncRecords([ImportInput(path: input, displayName: "sync-\(syncs).ndjson")], now: Instant(Self.now)?.epochSeconds)
    }

    private var syncs = 0

    func configuration(limits: ServerLimits = ServerLimits(), port: Int = 0) -> ServerConfiguration {
        var logger = Logger(label: "test") { [logs] _ in CapturingLogHandler(capture: logs) }
        logger.logLevel = .info
        return ServerConfiguration(host: "127.0.0.1", port: port, storePath: path, logger: logger, limits: limits)
    }

    func app(limits: ServerLimits = ServerLimits()) throws -> some ApplicationProtocol {
        try buildApplication(configuration(limits: limits))
    }

    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }
}

/// Keeps every log line (message and metadata) a test's server writes.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var all: [String] { lines.withLock { $0 } }

    /// The request lines only.
    var requests: [String] { all.filter { $0.contains(" request ") } }
}

/// A log handler (a value, as swift-log wants) that writes into a shared `LogCapture`.
struct CapturingLogHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        capture.append("\(event.level) \(event.message) " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as one JSON value (Foundation's parser, independent of the service's writer).
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }

    var object: [String: Any] { (json as? [String: Any]) ?? [:] }

    /// NDJSON lines, each parsed.
    var lines: [[String: Any]] {
        text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}
