import Foundation
import Testing

/// A forced re-plan of a started day keeps every stop that has an outcome, also when the
/// outcome (MOVED, WRONG_ADDRESS) cleared the account's location.
@Suite(.serialized)
struct ForcedReplanCLITests {
    @Test func aVisitThatFoundTheDebtorGoneStaysInThePlan() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        cli.write("base.ndjson", SyncCLITests.base)
        #expect(try cli.run(["import", "base.ndjson"]).status == 0)
        #expect(try cli.run(["plan", "--date", "2026-11-20", "--iterations", "50", "--today", "2026-11-20"]).status == 0)
        let planned = try cli.run(["export", "--kind", "visit", "--date", "2026-11-20"]).stdout
        let first = try #require(planned.split(separator: "\n").compactMap { line -> String? in
            guard let r = line.range(of: #""account_id":""#) else { return nil }
            return String(line[r.upperBound...].prefix { $0 != "\"" })
        }.first)
        cli.write("moved.ndjson", """
            {"kind":"outcome","id":"m1","account_id":"\(first)","agent_id":"G1","visited_at":"2026-11-20T09:30:00+03:00","code":"MOVED","contact":"third_party"}
            """)
        #expect(try cli.run(["sync", "import", "moved.ndjson", "--now", "2026-11-20T10:00:00+03:00"]).status == 0)
        #expect(try cli.run(["accounts", "list", "--unlocated"]).stdout.contains(first), "the outcome cleared the location")
        let replan = try cli.run(["plan", "--date", "2026-11-20", "--iterations", "50", "--today", "2026-11-20", "--force"])
        #expect(replan.status == 0, "\(replan.stderr) \(replan.stdout)")
        let after = try cli.run(["export", "--kind", "visit", "--date", "2026-11-20"]).stdout
        #expect(after.contains(#""account_id":"\#(first)""#), "the visited stop is kept: \(after)")
        let before = planned.split(separator: "\n").first { $0.contains(#""account_id":"\#(first)""#) }!
        let kept = after.split(separator: "\n").first { $0.contains(#""account_id":"\#(first)""#) }!
        #expect(before.contains(String(kept.split(separator: ",").first { $0.hasPrefix(#""eta""#) }!)), "at its planned time")
    }
}
