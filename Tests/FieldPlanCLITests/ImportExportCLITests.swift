import Foundation
import Testing

/// End-to-end: the real binary, real files, exit codes and messages as SPEC §10 fixes them.
@Suite(.serialized)
struct ImportExportCLITests {
    @Test func importsTheSampleDataExportsAndRoundTrips() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        let data = CLIHarness.repository + "/data"
        let first = try cli.run(["import", "--format", "json", data + "/agents.csv", data + "/accounts.ndjson", data + "/appointments.ndjson"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains(#""total":{"accepted":3070,"unchanged":0,"rejected":0}"#))
        let again = try cli.run(["import", "--format", "json", data + "/agents.csv", data + "/accounts.ndjson", data + "/appointments.ndjson"])
        #expect(again.stdout.contains(#""total":{"accepted":0,"unchanged":3070,"rejected":0}"#))

        let export = try cli.run(["export", "-o", "export.ndjson"])
        #expect(export.status == 0)
        let exported = cli.read("export.ndjson")
        #expect(exported.split(separator: "\n").count == 3070)
        let copy = try cli.run(["import", "--db", "copy.db", "export.ndjson"])
        #expect(copy.status == 0)
        let second = try cli.run(["export", "--db", "copy.db"])
        #expect(second.stdout == exported)
    }

    @Test func badLinesExitThreeWithOneLineEachAndAreKeptVerbatim() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        let result = try cli.run(["import", CLIHarness.repository + "/data/agents.csv",
                                  CLIHarness.repository + "/data/late-file-with-errors.ndjson", "--rejects", "rejects.ndjson"])
        #expect(result.status == 3)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 12)
        #expect(lines.contains { $0.hasSuffix(#"late-file-with-errors.ndjson:2: balance: expected a number, got "12,000""#) })
        #expect(!result.stderr.contains("Fatal error"))
        let rejects = cli.read("rejects.ndjson").split(separator: "\n")
        #expect(rejects.count == 12)
        #expect(rejects.first?.contains("JB-200002") == true)
        let listed = try cli.run(["rejects"])
        #expect(listed.stdout.split(separator: "\n").count == 12)
    }

    @Test func usageErrorsAndFailuresExitOne() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        let missing = try cli.run(["import", "no-such-file.ndjson"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "fieldplan: no-such-file.ndjson: cannot open: No such file or directory\n")
        let usage = try cli.run(["export", "--kind", "frogs"])
        #expect(usage.status == 1)
        let setting = try cli.run(["settings", "set", "speed_kmh", "fast"])
        #expect(setting.status == 1)
        #expect(setting.stderr.contains("speed_kmh: expected a number"))
        let ok = try cli.run(["settings", "set", "speed_kmh", "30"])
        #expect(ok.status == 0)
        #expect(try cli.run(["settings"]).stdout.contains("speed_kmh             30"))
    }

    @Test func nationalIDsAreNeverListed() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        try cli.run(["import", CLIHarness.repository + "/data/accounts.ndjson"])
        for format in ["text", "csv", "json"] {
            let list = try cli.run(["accounts", "list", "--format", format])
            #expect(list.status == 0)
            #expect(!list.stdout.contains("national_id"))
            #expect(!list.stdout.contains("35879931"), "a sample national id leaked in \(format)")
        }
        let unlocated = try cli.run(["accounts", "list", "--unlocated", "--format", "csv"])
        let rows = unlocated.stdout.split(separator: "\n").dropFirst()
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.hasSuffix(",,") })
    }

    @Test func readsStandardInput() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        let line = #"{"kind":"account","id":"A1","client":"C","debtor_name":"D","balance":10}"#
        let result = try cli.run(["import", "-"], stdin: line + "\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("account"))
    }
}
