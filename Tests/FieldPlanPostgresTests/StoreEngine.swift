@testable import FieldPlanPostgres
import FieldPlanStore
import Foundation
import Testing

/// The engines a store contract test runs on. PostgreSQL is among them when
/// `FIELDPLAN_TEST_POSTGRES_URL` names a server (`scripts/pg-dev start` prints one), or when
/// `FIELDPLAN_REQUIRE_POSTGRES=1` (CI) says it must be: then a missing server fails the
/// PostgreSQL cases instead of leaving them out.
enum StoreEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static let serverURL: String? = ProcessInfo.processInfo.environment["FIELDPLAN_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let postgresRequired = ProcessInfo.processInfo.environment["FIELDPLAN_REQUIRE_POSTGRES"] == "1"

    /// The engines to test on here.
    static let available: [StoreEngine] = serverURL != nil || postgresRequired ? [.sqlite, .postgres] : [.sqlite]

    /// PostgreSQL alone, when it is to be tested (for the tests of the PostgreSQL store itself).
    static let postgresOnly: [StoreEngine] = available.filter { $0 == .postgres }

    /// The server's URL, or a failure saying how to get one.
    static func requireServer() throws -> PostgresURL {
        guard let serverURL else {
            throw TestFailure("FIELDPLAN_REQUIRE_POSTGRES=1 but FIELDPLAN_TEST_POSTGRES_URL is unset: run scripts/pg-dev start")
        }
        return try PostgresURL(serverURL)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` on a plain thread (the store interface is synchronous and is never called
/// from the Swift concurrency pool), and waits for it without holding a pool thread.
func onPlainThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// A database of its own on the test server, dropped (with its connections) afterwards.
struct ScratchDatabase: Sendable {
    let url: PostgresURL

    static func make() throws -> ScratchDatabase {
        let server = try StoreEngine.requireServer()
        let name = "fieldplan_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresAgencyStore.administer(server, [#"CREATE DATABASE "\#(name)""#])
        return ScratchDatabase(url: server.with(database: name))
    }

    func drop() throws {
        let server = try StoreEngine.requireServer()
        try PostgresAgencyStore.administer(server, [#"DROP DATABASE IF EXISTS "\#(url.database)" WITH (FORCE)"#])
    }

    /// Runs statements in this database (to set up what a test needs, or look at what it made).
    func execute(_ statements: [String]) throws {
        try PostgresAgencyStore.administer(url, statements)
    }
}

/// A fresh, empty store of `engine` for `body`, on a plain thread; removed afterwards.
func withFreshStore<T: Sendable>(_ engine: StoreEngine, _ body: @escaping @Sendable (any AgencyStore) throws -> T) async throws -> T {
    try await onPlainThread {
        switch engine {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldplan-contract-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            return try body(StoreOpener.openOrCreate(folder + "/fieldplan.db"))
        case .postgres:
            let database = try ScratchDatabase.make()
            defer { try? database.drop() }
            let store = try PostgresAgencyStore(url: database.url, mustExist: false)
            defer { store.close() }
            return try body(store)
        }
    }
}

/// Two PostgreSQL stores on one scratch database, each with its own pool as two `fieldplan
/// serve` processes have, and a folder for the test's files: `body` runs on a plain thread,
/// and everything is removed afterwards.
func withTwoInstances<T: Sendable>(
    _ body: @escaping @Sendable (ScratchDatabase, PostgresAgencyStore, PostgresAgencyStore, String) throws -> T) async throws -> T {
    try await onPlainThread {
        let database = try ScratchDatabase.make()
        defer { try? database.drop() }
        return try withFolder { folder in
            let one = try PostgresAgencyStore(url: database.url, mustExist: false)
            defer { one.close() }
            let two = try PostgresAgencyStore(url: database.url, mustExist: true)
            defer { two.close() }
            return try body(database, one, two, folder)
        }
    }
}
