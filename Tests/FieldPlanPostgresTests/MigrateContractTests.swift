@testable import FieldPlanPostgres
import FieldPlanStore
import Foundation
import PostgresNIO
import Testing

/// `fieldplan migrate --to` (SPEC §13): a store with a row in every table, made through the
/// command line on SQLite, copied to PostgreSQL and back to a new SQLite file. All three
/// export the same bytes and hold the same rows, table by table and column by column.
@Suite("migrate: a whole store between the engines")
struct MigrateContractTests {
    typealias CLI = PostgresCLITests

    /// The repository's sample data (`data/`), found from this file.
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data").path

    static func folder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldplan-migrate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @discardableResult
    static func ok(_ arguments: [String], in folder: String, allowing: Set<Int32> = [0]) throws -> CLI.Output {
        let out = try CLI.run(arguments, in: folder)
        if !allowing.contains(out.status) {
            throw TestFailure("fieldplan \(arguments.joined(separator: " ")): exit \(out.status): \(out.stderr)")
        }
        return out
    }

    /// An SQLite store with rows in every table, made as an agency makes it: client files
    /// (one with mistakes), zones, two plan versions and a lock, a simulated field day synced
    /// with its anomalies, a review resolved, a clearance confirmed, users, a road network.
    static func fullStore(in folder: String) throws -> String {
        let db = folder + "/source.db"
        let d = data
        try ok(["settings", "set", "time_zone", "Africa/Nairobi", "--db", db], in: folder)
        try ok(["import", "\(d)/agents.csv", "\(d)/accounts.ndjson", "\(d)/appointments.ndjson", "--db", db], in: folder)
        try ok(["import", "\(d)/late-file-with-errors.ndjson", "--db", db], in: folder, allowing: [3])
        try ok(["zones", "build", "--agents", "--seed", "1", "--db", db], in: folder)
        try ok(["plan", "--date", "2026-12-01", "--today", "2026-12-01", "--seconds", "0.3", "--db", db], in: folder)
        try ok(["plan", "lock", "--date", "2026-12-01", "--agent", "AG01", "--db", db], in: folder)
        try ok(["plan", "--date", "2026-12-01", "--today", "2026-12-01", "--seconds", "0.3", "--db", db], in: folder)
        try ok(["sync", "simulate", "--date", "2026-12-01", "-o", folder + "/day", "--seed", "1", "--anomalies", "--db", db], in: folder)
        try ok(["sync", "import", "--now", "2026-12-01T21:00", folder + "/day", "--db", db], in: folder, allowing: [0, 3])
        let review = try ok(["review", "--format", "json", "--db", db], in: folder)
        if let range = review.stdout.range(of: #""id":""#), let end = review.stdout[range.upperBound...].firstIndex(of: "\"") {
            try ok(["review", "resolve", String(review.stdout[range.upperBound..<end]), "--note", "checked", "--db", db], in: folder)
        }
        let clearances = try ok(["clearances", "--format", "json", "--db", db], in: folder)
        if let range = clearances.stdout.range(of: #""account_id":""#), let end = clearances.stdout[range.upperBound...].firstIndex(of: "\"") {
            try ok(["clearances", "confirm", String(clearances.stdout[range.upperBound..<end]), "--by", "accounts", "--db", db], in: folder)
        }
        try ok(["users", "add", "boss", "--role", "supervisor", "--db", db], in: folder)
        try ok(["users", "add", "ag01", "--role", "agent", "--agent", "AG01", "--db", db], in: folder)
        try ok(["users", "revoke", "ag01", "--db", db], in: folder)
        try ok(["roads", "import", "\(d)/roads/monaco.osm.pbf", "--db", db], in: folder)
        return db
    }

    /// Every row of every table, as stored, in key order: read straight from the file, or
    /// from the database through the store's streamed read.
    static func rows(_ location: String) throws -> [String: [[StoreValue]]] {
        var all: [String: [[StoreValue]]] = [:]
        if PostgresURL.isPostgres(location) {
            let store = try PostgresAgencyStore(location, mustExist: true)
            defer { store.close() }
            let queries = StoreCopier.tables.map { table in
                PostgresQuery(unsafeSQL: "SELECT * FROM \"\(table.name)\" ORDER BY \(table.key.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
            let columns = try store.read { connection in
                var names: [String: [String]] = [:]
                for try await (table, column) in try await connection.query("""
                    SELECT table_name::text, column_name::text FROM information_schema.columns
                    WHERE table_schema = current_schema() ORDER BY table_name, column_name
                    """, logger: store.logger).decode((String, String).self) { names[table, default: []].append(column) }
                return names.mapValues { $0.sorted() }
            }
            try store.stream(queries) { index, row -> (Int, [String: StoreValue])? in
                let values = try StoreCopier.values(row)
                return (index, Dictionary(uniqueKeysWithValues: zip(row.map(\.columnName), values)))
            } emit: { item in
                let (index, byName) = item
                let table = StoreCopier.tables[index].name
                all[table, default: []].append(columns[table, default: []].map { byName[$0] ?? .null })
            }
        } else {
            let file = try SQLiteTables.reading(location)
            try file.read { reader in
                for (table, key) in StoreCopier.tables {
                    let columns = try reader.columns(table).sorted()
                    var rows: [[StoreValue]] = []
                    try reader.rows(table, columns: columns, key: key) { rows.append($0) }
                    all[table] = rows
                }
            }
        }
        return all
    }

    @Test("SQLite → PostgreSQL → SQLite: the same export bytes and the same rows in every table", arguments: StoreEngine.postgresOnly)
    func roundTrip(_ engine: StoreEngine) async throws {
        try await onPlainThread {
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let database = try ScratchDatabase.make()
            defer { try? database.drop() }
            let source = try Self.fullStore(in: folder)
            let url = database.url.text, back = folder + "/back.db"

            let there = try Self.ok(["migrate", "--db", source, "--to", url], in: folder)
            #expect(there.stdout.hasPrefix("copied \(source) to \(database.url.description): \(StoreCopier.tables.count) tables, "), "\(there.stdout)")
            try Self.ok(["migrate", "--db", url, "--to", back], in: folder)

            let exports = try [source, url, back].map { try Self.ok(["export", "--db", $0], in: folder).stdout }
            #expect(exports[0].count > 100_000)
            #expect(exports[1] == exports[0])
            #expect(exports[2] == exports[0])

            let sqlite = try Self.rows(source), postgres = try Self.rows(url), again = try Self.rows(back)
            for (table, _) in StoreCopier.tables {
                #expect(!sqlite[table, default: []].isEmpty, "the source store has rows in \(table)")
                #expect(postgres[table, default: []] == sqlite[table, default: []], "PostgreSQL's \(table) is SQLite's")
                #expect(again[table, default: []] == sqlite[table, default: []], "the copy back's \(table) is the source's")
            }

            // The numbering goes on after the copied ids on both engines: a new user gets a fresh id.
            try Self.ok(["users", "add", "late", "--role", "supervisor", "--db", url], in: folder)
            try Self.ok(["users", "add", "late", "--role", "supervisor", "--db", back], in: folder)
            #expect(try PostgresAgencyStore.count(database.url, #"SELECT MAX(id) FROM "user""#) == 3)
        }
    }

    @Test("a target with rows, the same engine and the same store are refused, and nothing is written", arguments: StoreEngine.postgresOnly)
    func refusals(_ engine: StoreEngine) async throws {
        try await onPlainThread {
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let database = try ScratchDatabase.make()
            defer { try? database.drop() }
            let url = database.url.text, db = folder + "/a.db"
            _ = FileManager.default.createFile(atPath: folder + "/z.ndjson", contents: Data(#"{"kind":"zone","id":"Z1"}"#.utf8))
            try Self.ok(["import", "z.ndjson", "--db", db], in: folder)
            try Self.ok(["settings", "set", "time_zone", "Africa/Kampala", "--db", url], in: folder)

            let full = try CLI.run(["migrate", "--db", db, "--to", url], in: folder)
            #expect(full.status == 1)
            #expect(full.stderr == "fieldplan: \(database.url.description) is not empty (table setting has rows); migrate copies into an empty store only\n")
            #expect(try PostgresAgencyStore.count(database.url, "SELECT COUNT(*) FROM zone") == 0)

            let files = try CLI.run(["migrate", "--db", db, "--to", folder + "/b.db"], in: folder)
            #expect(files.status == 1 && files.stderr.contains("both stores are SQLite (copy a file with fieldplan backup)"), "\(files.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/b.db"))
            let itself = try CLI.run(["migrate", "--db", db, "--to", db], in: folder)
            #expect(itself.status == 1 && itself.stderr.contains("is the source itself"), "\(itself.stderr)")

            let back = try CLI.run(["migrate", "--db", url, "--to", db], in: folder)
            #expect(back.status == 1)
            #expect(back.stderr == "fieldplan: \(db) is not empty (table zone has rows); migrate copies into an empty store only\n", "\(back.stderr)")
            let missing = try CLI.run(["migrate", "--db", folder + "/none.db", "--to", url], in: folder)
            #expect(missing.status == 1 && missing.stderr.hasPrefix("fieldplan: no store at \(folder)/none.db"), "\(missing.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/none.db"))
        }
    }

    /// A table the schema gains must be copied: the copier's list is the schema's, on both engines.
    @Test("the copier copies every table of SQLite's schema")
    func everySQLiteTable() async throws {
        let copied = Set(StoreCopier.tables.map(\.name))
        #expect(copied.count == StoreCopier.tables.count)
        try await withFreshStore(.sqlite) { store in
            let names = Set(try SQLiteTables.reading(store.location).tableNames())
            #expect(names == copied)
        }
    }

    @Test("the copier copies every table of PostgreSQL's schema", arguments: StoreEngine.postgresOnly)
    func everyPostgresTable(_ engine: StoreEngine) async throws {
        let copied = Set(StoreCopier.tables.map(\.name))
        try await withFreshStore(engine) { store in
            let store = store as! PostgresAgencyStore
            let names = try store.read { connection in
                var names: Set<String> = []
                for try await name in try await connection.query("""
                    SELECT table_name::text FROM information_schema.tables
                    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'grdb_migrations'
                    """, logger: store.logger).decode(String.self) { names.insert(name) }
                return names
            }
            #expect(names == copied)
        }
    }
}
