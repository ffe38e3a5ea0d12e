import Foundation
import Testing

/// A typo'd `--db` or `FIELDPLAN_DB` (issue 11): only the commands that write data in
/// create a store; every other command says there is no store, exits 1 and leaves no file.
struct StorePathCLITests {
    static let message = "no store at typo.db; check --db / FIELDPLAN_DB, or create one with fieldplan import (or fieldplan restore BACKUP)"

    @Test(arguments: [
        ["export"], ["accounts", "list"], ["agents", "list"], ["settings"], ["audit"], ["review"], ["clearances"],
        ["zones", "list"], ["sheet", "--date", "2026-12-01", "--agent", "AG01"], ["backup", "copy.db"],
        ["sync", "export", "--date", "2026-12-01", "--agent", "AG01"],
    ])
    func readingCommandsRefuseAMissingStore(_ command: [String]) throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        let result = try cli.run(command + ["--db", "typo.db"])
        #expect(result.status == 1)
        #expect(result.stderr == "fieldplan: \(Self.message)\n")
        #expect(result.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder).isEmpty, "a file was left behind")
    }

    /// The same through the environment variable, as the harness sets it.
    @Test func environmentPathIsCheckedToo() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        let result = try cli.run(["review"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("fieldplan: no store at \(cli.folder)/fieldplan.db;"))
        #expect(!FileManager.default.fileExists(atPath: cli.folder + "/fieldplan.db"))
    }

    @Test func writingCommandsCreateTheStore() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        cli.write("agents.ndjson", #"{"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.30,"lon":36.80},"shift":{"start":"08:00","end":"17:00"}}"#)
        let imported = try cli.run(["import", "--db", "first.db", "agents.ndjson"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.folder + "/first.db"))
        #expect(try cli.run(["agents", "list", "--db", "first.db", "--format", "json"]).stdout.contains(#""id":"G1""#))

        let set = try cli.run(["settings", "set", "speed_kmh", "30", "--db", "second.db"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "speed_kmh = 30\n")
        #expect(try cli.run(["settings", "--db", "second.db"]).stdout.contains("speed_kmh             30"))
    }

    /// A refused value is refused before any store is made.
    @Test func aRefusedSettingCreatesNoStore() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        let result = try cli.run(["settings", "set", "time_zone", "Mars/Olympus", "--db", "new.db"])
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: cli.folder + "/new.db"))
    }

    /// `--db accounts.ndjson` (a data file named by mistake) is refused and left as it was.
    @Test func aFileThatIsNotAStoreIsRefusedUntouched() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        let line = #"{"kind":"agent","id":"G1"}"#
        cli.write("accounts.ndjson", line)
        let result = try cli.run(["export", "--db", "accounts.ndjson"])
        #expect(result.status == 1)
        #expect(result.stderr == "fieldplan: accounts.ndjson is not a fieldplan store: not an SQLite database\n")
        #expect(cli.read("accounts.ndjson") == line)
        cli.write("empty.db", "")
        #expect(try cli.run(["audit", "--db", "empty.db"]).stderr == "fieldplan: empty.db is not a fieldplan store: an empty file\n")
    }
}
