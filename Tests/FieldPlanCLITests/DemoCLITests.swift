import Foundation
import Testing

struct DemoCLITests {
    /// The README's first command must keep working: the demo runs on data/ end to end.
    @Test func demoRunsOnTheSampleData() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        let result = try cli.run(["demo", "--data", CLIHarness.repository + "/data", "--dir", cli.folder + "/demo", "--seconds", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("round trip identical: yes"))
        #expect(result.stdout.contains("accepted 0, unchanged 3070, rejected 0"))
        #expect(!result.stdout.contains("national_id"))
        #expect(result.stdout.contains("wrote 10 sheets"))
        #expect(result.stdout.contains("kept for correction, nothing else is lost"))
        #expect(result.stdout.contains("visits on 2026-12-02 by reason:"))
        // The week ahead (step 13) and the re-plan at noon (step 14).
        #expect(result.stdout.contains("== 13. A week ahead: 2026-12-03"))
        #expect(result.stdout.contains("visits per agent-day max"))
        #expect(result.stdout.contains("nobody works on 2026-12-06 (sun)"))
        #expect(result.stdout.contains("== 14. Noon on 2026-12-03"))
        #expect(result.stdout.contains("visits done this morning kept as they were"))
        #expect(result.stdout.contains("routes changed: AG"))
        #expect(FileManager.default.fileExists(atPath: cli.folder + "/demo/zones.html"))
        #expect(FileManager.default.fileExists(atPath: cli.folder + "/demo/plan-2026-12-01.ndjson"))
        // The road step: a day on Monaco's streets, road km against straight lines, sheets along the streets.
        #expect(result.stdout.contains("travel = roads"))
        #expect(result.stdout.contains("on roads: ") && result.stdout.contains("straight lines between the same stops: "))
        #expect(FileManager.default.fileExists(atPath: cli.folder + "/demo/roads/zones.html"))
        #expect(FileManager.default.fileExists(atPath: cli.folder + "/demo/roads/sheets"))
    }
}
