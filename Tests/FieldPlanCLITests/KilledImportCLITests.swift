import Foundation
import Testing

/// SPEC §2: a killed process leaves the store as before the command or as after it.
struct KilledImportCLITests {
    @Test func aKilledImportLeavesNothingBehind() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        try cli.run(["sample", "-o", "big", "--accounts", "60000", "--appointments", "0"])
        try cli.run(["import", "big/agents.csv"])
        for delay in [0.1, 0.3, 0.6] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLIHarness.binary)
            process.arguments = ["import", "--db", cli.folder + "/fieldplan.db", cli.folder + "/big/accounts.ndjson"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let count = try cli.run(["export", "--kind", "account"]).stdout.split(separator: "\n").count
            #expect(count == 0 || count == 60_000, "after a kill at \(delay) s the store holds \(count) accounts")
        }
        let finished = try cli.run(["import", "big/accounts.ndjson", "--format", "json"])
        #expect(finished.status == 0)
        #expect(try cli.run(["export", "--kind", "account"]).stdout.split(separator: "\n").count == 60_000)
    }
}
