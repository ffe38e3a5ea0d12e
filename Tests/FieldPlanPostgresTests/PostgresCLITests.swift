@testable import FieldPlanPostgres
import Foundation
import Testing

/// `fieldplan --db postgres://…` end to end: the built binary, a database of its own.
@Suite("fieldplan on a PostgreSQL store")
struct PostgresCLITests {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `fieldplan` binary next to the test bundle.
    static let binary: String = {
        var dir = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("fieldplan").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return "fieldplan"
    }()

    static func run(_ arguments: [String], in folder: String) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "FIELDPLAN_DB")
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test("settings and users through --db postgres://…; an unported command says so", arguments: StoreEngine.postgresOnly)
    func commands(_ engine: StoreEngine) async throws {
        try await onPlainThread {
            let database = try ScratchDatabase.make()
            defer { try? database.drop() }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldplan-pg-cli-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let url = database.url.text

            // A command that only reads makes nothing in an empty database.
            let missing = try Self.run(["settings", "--db", url], in: folder)
            #expect(missing.status == 1)
            #expect(missing.stderr.hasPrefix("fieldplan: no store at \(database.url.description);"), "\(missing.stderr)")
            #expect(try PostgresAgencyStore.count(database.url, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'") == 0)

            let set = try Self.run(["settings", "set", "time_zone", "Africa/Kampala", "--db", url], in: folder)
            #expect(set.status == 0, "\(set.stderr)")
            let shown = try Self.run(["settings", "--db", url], in: folder)
            #expect(shown.status == 0 && shown.stdout.contains("Africa/Kampala"), "\(shown.stdout)\(shown.stderr)")

            let added = try Self.run(["users", "add", "boss", "--role", "supervisor", "--db", url], in: folder)
            #expect(added.status == 0 && added.stdout.hasPrefix("fpt_"), "\(added.stderr)")
            let listed = try Self.run(["users", "list", "--format", "json", "--db", url], in: folder)
            #expect(listed.stdout.contains(#""name":"boss""#) && listed.stdout.contains("+03:00"), "created_at in Kampala time: \(listed.stdout)")
            let again = try Self.run(["users", "add", "boss", "--role", "supervisor", "--db", url], in: folder)
            #expect(again.status == 1 && again.stderr.contains("the name is taken"))

            _ = FileManager.default.createFile(atPath: folder + "/a.ndjson", contents: Data(#"{"kind":"zone","id":"Z1"}"#.utf8))
            let imported = try Self.run(["import", "a.ndjson", "--db", url], in: folder)
            #expect(imported.status == 0, "\(imported.stderr)")
            let exported = try Self.run(["export", "--db", url], in: folder)
            #expect(exported.status == 0 && exported.stdout.hasPrefix(#"{"kind":"zone","id":"Z1""#), "\(exported.stdout)\(exported.stderr)")
            // sync import is ported (issue 17, third stage): a zone line is refused as on SQLite.
            let synced = try Self.run(["sync", "import", "a.ndjson", "--db", url], in: folder)
            _ = try Self.run(["import", "a.ndjson", "--db", folder + "/file.db"], in: folder)
            let onFile = try Self.run(["sync", "import", "a.ndjson", "--db", folder + "/file.db"], in: folder)
            #expect(synced.status == onFile.status && synced.stdout == onFile.stdout, "\(synced) \(onFile)")
            #expect(!synced.stderr.contains("not available"), "\(synced.stderr)")
        }
    }

    @Test("a password in the URL is never printed", arguments: StoreEngine.postgresOnly)
    func passwordNotPrinted(_ engine: StoreEngine) async throws {
        let server = try StoreEngine.requireServer()
        let folder = FileManager.default.temporaryDirectory.path
        var withPassword = server.with(database: "fieldplan_no_such_database")
        withPassword.password = "hunter2"
        let result = try Self.run(["settings", "--db", withPassword.text], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("postgres://\(server.user)@\(server.host):\(server.port)/fieldplan_no_such_database"), "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2") && !result.stdout.contains("hunter2"))
    }
}
