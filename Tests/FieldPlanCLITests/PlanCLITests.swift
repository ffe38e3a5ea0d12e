import Foundation
import Testing

/// End to end: import the sample, build zones for the agents, plan a day, export it and
/// recheck every hard rule from the exported lines and the input files alone.
@Suite(.serialized)
struct PlanCLITests {
    static let data = CLIHarness.repository + "/data"

    func prepared() throws -> CLIHarness {
        let cli = CLIHarness()
        let imported = try cli.run(["import", Self.data + "/agents.csv", Self.data + "/accounts.ndjson", Self.data + "/appointments.ndjson"])
        #expect(imported.status == 0)
        let zones = try cli.run(["zones", "build", "--agents"])
        #expect(zones.status == 0, "\(zones.stderr)")
        return cli
    }

    @Test(arguments: ["2026-12-01", "2026-12-02"])
    func exportedPlanPassesAnIndependentRecheck(date: String) throws {
        let cli = try prepared()
        defer { cli.cleanUp() }
        let plan = try cli.run(["plan", "--date", date, "--iterations", "150", "--seed", "3", "--export-problem", "problem.json", "--today", "2026-12-01"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("version 1"))
        let export = try cli.run(["export", "--kind", "route,visit", "--date", date])
        #expect(export.status == 0)
        let lines = export.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains("\"kind\":\"route\"") }.count == 10)
        #expect(lines.filter { $0.contains("\"reason\":\"break\"") }.count >= 9)
        let checker = ExportedPlanChecker(agentsCSV: try String(contentsOfFile: Self.data + "/agents.csv", encoding: .utf8),
                                          accountsNDJSON: try String(contentsOfFile: Self.data + "/accounts.ndjson", encoding: .utf8))
        #expect(checker.violations(exportLines: lines) == [])
        // Appointments of the day are planned or listed with a reason.
        let appointments = try String(contentsOfFile: Self.data + "/appointments.ndjson", encoding: .utf8).split(separator: "\n")
            .filter { $0.contains("\"date\":\"\(date)\"") }
        for a in appointments {
            let account = String(a.split(separator: "\"account_id\":\"")[1].prefix { $0 != "\"" })
            #expect(lines.contains { $0.contains("\"account_id\":\"\(account)\"") } || plan.stdout.contains(account), "appointment for \(account) vanished")
        }
        let problem = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cli.folder + "/problem.json"))) as! [String: Any]
        #expect((problem["agents"] as! [Any]).count == 10)
        #expect((problem["candidates"] as! [[String: Any]]).contains { $0["mandatory"] as? Bool == true })
        #expect((problem["travel"] as! [String: Any])["road_factor"] as? Double == 1.3)
    }

    @Test func replanningMakesANewVersionAndSaysWhatChanged() throws {
        let cli = try prepared()
        defer { cli.cleanUp() }
        #expect(try cli.run(["plan", "--date", "2026-12-01", "--iterations", "50", "--today", "2026-12-01"]).status == 0)
        let second = try cli.run(["plan", "--date", "2026-12-01", "--iterations", "50", "--absent", "AG01", "--format", "json", "--today", "2026-12-01"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("\"version\":2"))
        #expect(second.stdout.contains("\"removed\":"))
        let export = try cli.run(["export", "--kind", "route", "--date", "2026-12-01"])
        #expect(!export.stdout.contains("\"agent_id\":\"AG01\""), "an absent agent gets no route")
        #expect(export.stdout.contains("\"plan_version\":2"))
    }

    @Test func sundayIsNotAVisitingDay() throws {
        let cli = try prepared()
        defer { cli.cleanUp() }
        let plan = try cli.run(["plan", "--date", "2026-12-06", "--iterations", "20", "--today", "2026-12-01"])
        #expect(plan.status == 1)
        #expect(plan.stderr.contains("2026-12-06 is a sun, not a visiting day"))
    }

    @Test func badArgumentsAreOneLine() throws {
        let cli = try prepared()
        defer { cli.cleanUp() }
        let badDate = try cli.run(["plan", "--date", "2026-13-01"])
        #expect(badDate.status == 1)
        let noPlan = try cli.run(["export", "--kind", "visit", "--date", "2027-01-05"])
        #expect(noPlan.status == 1)
        #expect(noPlan.stderr == "fieldplan: no plan for 2027-01-05; run fieldplan plan --date 2027-01-05\n")
        // Refused before a line is written: no output file is left behind.
        let noFile = try cli.run(["export", "--kind", "visit", "--date", "2027-01-05", "-o", "plan.ndjson"])
        #expect(noFile.status == 1 && !FileManager.default.fileExists(atPath: cli.folder + "/plan.ndjson"))
        let noSearch = try cli.run(["plan", "--date", "2026-12-01", "--seconds", "0", "--today", "2026-12-01"])
        #expect(noSearch.status == 1)
        #expect(noSearch.stderr == "fieldplan: seconds: expected a positive number of seconds, got 0.0\n")
        #expect(try cli.run(["plan", "show", "--date", "2026-12-01"]).status == 1, "nothing was stored")
        let unknown = try cli.run(["plan", "--date", "2026-12-01", "--agents", "NOBODY", "--today", "2026-12-01"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("NOBODY"))
    }
}
