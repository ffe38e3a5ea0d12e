import FieldPlanCore
import FieldPlanInterchange
@testable import FieldPlanPostgres
import FieldPlanStore
import Foundation
import Synchronization
import Testing

/// The PostgreSQL store's own rules: the URL, opening and migrating (once, under the
/// advisory lock), the bridge from plain threads, and the use cases not yet ported.
@Suite("PostgreSQL store")
struct PostgresStoreTests {
    @Test func theURLIsParsedAndItsPasswordNeverPrinted() throws {
        let url = try PostgresURL("postgres://fp:s%40cret@db.example:6543/agency?sslmode=require")
        #expect(url.host == "db.example" && url.port == 6543 && url.user == "fp" && url.password == "s@cret" && url.database == "agency")
        #expect(url.sslMode == "require")
        #expect(url.description == "postgres://fp@db.example:6543/agency?sslmode=require")
        #expect(!url.description.contains("cret"))
        #expect(StoreOpener.displayName("postgresql://fp:pw@h/d") == "postgres://fp@h:5432/d")
        #expect(StoreOpener.displayName("fieldplan.db") == "fieldplan.db")
        let defaults = try PostgresURL("postgres://127.0.0.1")
        #expect(defaults.port == 5432 && defaults.user == "postgres" && defaults.database == "postgres" && defaults.sslMode == "prefer")
        #expect(throws: PostgresStoreError.badURL("sslmode must be disable, prefer, require or verify-full")) {
            try PostgresURL("postgres://h/d?sslmode=sometimes")
        }
        #expect(throws: PostgresStoreError.badURL("unknown parameter search_path (only sslmode)")) {
            try PostgresURL("postgres://h/d?search_path=x")
        }
        #expect(!PostgresURL.isPostgres("postgres.db") && PostgresURL.isPostgres("postgresql://h/d"))
    }

    @Test func migrationsSplitIntoStatementsKeepingFunctionBodiesWhole() {
        let statements = PostgresSchema.statements("""
            CREATE TABLE a (x TEXT DEFAULT 'a;b');
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM a; RETURN NULL;
            END $$;
            CREATE TRIGGER t AFTER DELETE ON a FOR EACH ROW EXECUTE FUNCTION f()
            """)
        #expect(statements.count == 3)
        #expect(statements[0] == "CREATE TABLE a (x TEXT DEFAULT 'a;b')")
        #expect(statements[1].hasPrefix("CREATE FUNCTION f()") && statements[1].hasSuffix("END $$"))
        #expect(statements[2].hasPrefix("CREATE TRIGGER t"))
        #expect(PostgresSchema.statements("").isEmpty)
        #expect(PostgresSchema.migrations.map(\.name) == ["v1-accounts-agents-visits", "v2-sync-effects", "v3-lean-account-indexes",
            "v4-account-state", "v5-facts-without-lines", "v6-client-file-audit", "v7-plan-edits", "v8-users", "v9-roads"])
    }

    @Test("two processes opening one new database at once migrate it once", arguments: StoreEngine.postgresOnly)
    func concurrentOpensMigrateOnce(_ engine: StoreEngine) async throws {
        for _ in 0..<3 {
            let database = try await onPlainThread { try ScratchDatabase.make() }
            defer { try? database.drop() }
            async let first = onPlainThread { () throws -> [String] in
                let store = try PostgresAgencyStore(url: database.url, mustExist: false)
                defer { store.close() }
                return try store.appliedMigrations()
            }
            async let second = onPlainThread { () throws -> [String] in
                let store = try PostgresAgencyStore(url: database.url, mustExist: false)
                defer { store.close() }
                return try store.appliedMigrations()
            }
            let (a, b) = try await (first, second)
            #expect(a.count == 9 && a == b)
            // One row per migration: the second open found them all recorded.
            let rows = try await onPlainThread {
                try PostgresAgencyStore.count(database.url, "SELECT COUNT(*) FROM grdb_migrations")
            }
            #expect(rows == 9)
        }
    }

    @Test("opening an existing store refuses an empty database, another program's, and a newer fieldplan's", arguments: StoreEngine.postgresOnly)
    func refusedDatabases(_ engine: StoreEngine) async throws {
        try await onPlainThread {
            let database = try ScratchDatabase.make()
            defer { try? database.drop() }
            let location = database.url.description
            #expect(throws: StoreFileError.noStore(location)) { try PostgresAgencyStore(url: database.url, mustExist: true) }
            // Nothing was made: the database is still empty, so creating works afterwards.
            #expect(try PostgresAgencyStore.count(database.url, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'") == 0)
            try PostgresAgencyStore(url: database.url, mustExist: false).close()
            try PostgresAgencyStore(url: database.url, mustExist: true).close()
            try database.execute(["INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')"])
            #expect(throws: StoreFileError.notAStore(location, reason: "written by a newer fieldplan (unknown migration v99-from-the-future)")) {
                try PostgresAgencyStore(url: database.url, mustExist: true)
            }

            let other = try ScratchDatabase.make()
            defer { try? other.drop() }
            try other.execute(["CREATE TABLE customers (id int)"])
            #expect(throws: StoreFileError.notAStore(other.url.description, reason: "a PostgreSQL database of another program (no fieldplan migrations)")) {
                try PostgresAgencyStore(url: other.url, mustExist: false)
            }
        }
    }

    @Test("a server that does not answer is one clear error within the time-out")
    func unreachable() async throws {
        let url = try PostgresURL("postgres://postgres@127.0.0.1:9/none?sslmode=disable")  // the discard port: nothing listens
        let error = try await onPlainThread { () -> PostgresStoreError? in
            do {
                _ = try PostgresAgencyStore(url: url, mustExist: true, openSeconds: 2)
                return nil
            } catch let error as PostgresStoreError {
                return error
            }
        }
        guard case .unreachable(let location, _)? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(location == "postgres://postgres@127.0.0.1:9/none?sslmode=disable")
    }

    @Test("a call from inside a Swift task is refused, not left to block the concurrency pool", arguments: StoreEngine.postgresOnly)
    func refusedFromATask(_ engine: StoreEngine) async throws {
        let database = try await onPlainThread { try ScratchDatabase.make() }
        defer { try? database.drop() }
        let store = try await onPlainThread { try PostgresAgencyStore(url: database.url, mustExist: false) }
        defer { store.close() }
        #expect(throws: PostgresStoreError.calledFromTask(store.location)) { try store.settings() }
        #expect(try await onPlainThread { try store.settings() } == Settings())
    }

    @Test("a use case not yet ported says so, and changes nothing", arguments: StoreEngine.postgresOnly)
    func notYetPorted(_ engine: StoreEngine) async throws {
        let operations = try await withFreshStore(engine) { store -> [String] in
            let calls: [(String, () throws -> Void)] = [
                ("backup (use pg_dump)", { _ = try store.backup(to: "/tmp/x", overwrite: false) }),
            ]
            var named: [String] = []
            for (operation, call) in calls {
                do {
                    try call()
                    named.append("\(operation): done")
                } catch let error as StoreEngineError {
                    guard case .notYetPorted(let said, "PostgreSQL") = error else { named.append("\(operation): \(error)"); continue }
                    named.append(said)
                }
            }
            return named
        }
        #expect(operations == ["backup (use pg_dump)"])
        #expect(StoreEngineError.notYetPorted(operation: "import", engine: "PostgreSQL").description
            == "import is not available on a PostgreSQL store yet (docs/postgres.md lists what is; use an SQLite store for it)")
    }

    @Test("concurrent setting changes from many threads all land (serializable, retried)", arguments: StoreEngine.postgresOnly)
    func concurrentWrites(_ engine: StoreEngine) async throws {
        let database = try await onPlainThread { try ScratchDatabase.make() }
        defer { try? database.drop() }
        let store = try await onPlainThread { try PostgresAgencyStore(url: database.url, mustExist: false) }
        defer { store.close() }
        let keys = ["service_minutes", "min_gap_days", "max_visits_per_month", "attribution_days", "snap_limit_m", "osrm_timeout_s"]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, key) in keys.enumerated() {
                group.addTask { _ = try await onPlainThread { try store.setSetting(key, to: String(10 + index)) } }
            }
            try await group.waitForAll()
        }
        let settings = try await onPlainThread { try store.settings() }
        for (index, key) in keys.enumerated() {
            #expect(settings.value(of: key) == String(10 + index), "\(key)")
        }
    }
}
