import Foundation
import Testing

/// `fieldplan backup` and `restore` end to end (issue 11, "Backups").
struct BackupCLITests {
    static let data = CLIHarness.repository + "/data"

    @Test func backupRestoreRoundTripGivesTheSameExport() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        #expect(try cli.run(["import", Self.data + "/agents.csv", Self.data + "/accounts.ndjson"]).status == 0)
        #expect(try cli.run(["settings", "set", "speed_kmh", "30"]).status == 0)
        let before = try cli.run(["export"]).stdout

        let backup = try cli.run(["backup", "monday.db"])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.hasPrefix("wrote monday.db: "))
        #expect(backup.stdout.contains(" 3000 accounts, 10 agents, "))
        #expect(!FileManager.default.fileExists(atPath: cli.folder + "/monday.db-wal"), "a backup is one file")

        // Refuses to overwrite unless --force.
        let again = try cli.run(["backup", "monday.db"])
        #expect(again.status == 1)
        #expect(again.stderr == "fieldplan: monday.db exists; pass --force to replace it\n")
        #expect(try cli.run(["backup", "monday.db", "--force"]).status == 0)

        // Later changes, then the restore brings Monday back; the replaced store is kept.
        cli.write("late.ndjson", #"{"kind":"account","id":"LATE-1","client":"Jamii Bank","debtor_name":"Late One","balance":100}"#)
        #expect(try cli.run(["import", "late.ndjson"]).status == 0)
        #expect(try cli.run(["settings", "set", "speed_kmh", "40"]).status == 0)
        let changed = try cli.run(["export"]).stdout
        #expect(changed != before)

        let restore = try cli.run(["restore", "monday.db"])
        #expect(restore.status == 0, "\(restore.stderr)")
        let lines = restore.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("restored monday.db into \(cli.folder)/fieldplan.db: ") == true)
        let keptLine = try #require(lines.last)
        #expect(keptLine.hasPrefix("the replaced store is kept as \(cli.folder)/fieldplan.db.before-restore-"))
        let kept = String(keptLine.dropFirst("the replaced store is kept as ".count))

        #expect(try cli.run(["export"]).stdout == before)
        #expect(try cli.run(["settings"]).stdout.contains("speed_kmh             30"), "settings come back too")
        #expect(try cli.run(["export", "--db", kept]).stdout == changed, "the replaced store is whole")
    }

    @Test func restoreRefusesWhatIsNotASoundStore() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        cli.write("agents.ndjson", #"{"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.30,"lon":36.80},"shift":{"start":"08:00","end":"17:00"}}"#)
        #expect(try cli.run(["import", "agents.ndjson"]).status == 0)
        let before = try cli.run(["export"]).stdout

        let text = try cli.run(["restore", "agents.ndjson"])
        #expect(text.status == 1)
        #expect(text.stderr == "fieldplan: agents.ndjson is not a fieldplan store: not an SQLite database; the store was not changed\n")
        let missing = try cli.run(["restore", "nothing.db"])
        #expect(missing.stderr == "fieldplan: nothing.db: no such file\n")
        #expect(try cli.run(["export"]).stdout == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder).filter { $0.contains("before-restore") || $0.contains("restoring") }.isEmpty)
    }

    /// Restoring where there is no store yet creates it, with nothing to keep.
    @Test func restoreIntoANewPath() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        cli.write("agents.ndjson", #"{"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.30,"lon":36.80},"shift":{"start":"08:00","end":"17:00"}}"#)
        #expect(try cli.run(["import", "agents.ndjson"]).status == 0)
        #expect(try cli.run(["backup", "b.db"]).status == 0)
        let restore = try cli.run(["restore", "b.db", "--db", "other.db"])
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(!restore.stdout.contains("kept as"))
        #expect(try cli.run(["export", "--db", "other.db"]).stdout == (try cli.run(["export"]).stdout))
    }

    @Test func exportHelpSaysWhatItLeavesOut() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        let help = try cli.run(["export", "--help"]).stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        for part in ["leaves out the settings", "the stored plans", "the audit trail", "the users", "the rejected lines", "use fieldplan backup FILE"] {
            #expect(help.contains(part), "missing: \(part)")
        }
    }
}
