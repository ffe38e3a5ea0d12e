import Foundation
import Testing

/// `plan --from D --days N`, end to end: each day stored as its own plan version (exports and
/// packets work unchanged), an appointment on its day, the table per day, and the refusals.
@Suite(.serialized)
struct WeekPlanCLITests {
    static let base = FromTimeReplanCLITests.base + """

        {"kind":"appointment","id":"AP5","account_id":"A8","date":"2026-11-19","from":"14:00","to":"16:00"}
        """

    @Test func daysArePlannedTogetherAndStoredOneByOne() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        cli.write("base.ndjson", Self.base)
        let imported = try cli.run(["import", "base.ndjson"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let week = try cli.run(["plan", "--from", "2026-11-17", "--days", "3", "--iterations", "60", "--today", "2026-11-17"])
        #expect(week.status == 0, "\(week.stderr)")
        #expect(week.stdout.contains("plan from 2026-11-17, 3 days: 3 days planned"), "\(week.stdout)")
        #expect(week.stdout.contains("2026-11-19 (thu) version 1"))
        var seen: [String: String] = [:]
        for day in ["2026-11-17", "2026-11-18", "2026-11-19"] {
            let lines = try cli.run(["export", "--kind", "visit", "--date", day]).stdout.split(separator: "\n")
            for line in lines {
                guard let r = line.range(of: #""account_id":""#) else { continue }
                let id = String(line[r.upperBound...].prefix { $0 != "\"" })
                #expect(seen[id] == nil, "\(id) on \(seen[id] ?? "") and \(day), within min_gap_days")
                seen[id] = day
            }
        }
        #expect(seen["A8"] == "2026-11-19", "the appointment on its day")
        let packet = try cli.run(["sync", "export", "--date", "2026-11-18", "--agent", "G1"])
        #expect(packet.status == 0 && packet.stdout.contains(#""plan_version":1}"#))
        let json = try cli.run(["plan", "--from", "2026-11-20", "--days", "1", "--iterations", "30", "--today", "2026-11-17", "--format", "json"])
        #expect(json.status == 0 && json.stdout.hasPrefix(#"{"from":"2026-11-20","days":1,"#), "\(json.stdout)")
        #expect(json.stdout.contains(#""max_visits_per_agent_day":"#))
    }

    @Test func refusals() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        cli.write("base.ndjson", Self.base)
        #expect(try cli.run(["import", "base.ndjson"]).status == 0)
        for (args, message) in [(["--days", "0"], "--days: expected 1 to 14, got 0"), (["--days", "15"], "--days: expected 1 to 14, got 15"),
                                ([String](), "--days: how many days")] {
            let r = try cli.run(["plan", "--from", "2026-11-17"] + args + ["--today", "2026-11-17"])
            #expect(r.status == 1 && r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        let both = try cli.run(["plan", "--date", "2026-11-17", "--from", "2026-11-17", "--days", "2"])
        #expect(both.status == 1 && both.stderr.contains("not both"))
        let past = try cli.run(["plan", "--from", "2026-11-10", "--days", "2", "--today", "2026-11-17"])
        #expect(past.status == 1 && past.stderr.contains("2026-11-10 is in the past"), "\(past.stderr)")
        #expect(try cli.run(["plan", "show", "--date", "2026-11-10"]).status == 1, "nothing stored")
    }
}
