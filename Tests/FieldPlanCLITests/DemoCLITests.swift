import Foundation
import Testing

struct DemoCLITests {
    /// The README's first command must keep working: the demo runs on data/ end to end.
    @Test func demoRunsOnTheSampleData() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        let result = try cli.run(["demo", "--data", CLIHarness.repository + "/data", "--dir", cli.folder + "/demo"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("round trip identical: yes"))
        #expect(result.stdout.contains("accepted 0, unchanged 3070, rejected 0"))
        #expect(!result.stdout.contains("national_id"))
    }
}
