import Foundation
import Testing

/// `fieldplan report` end to end: a planned day, its outcomes and payments, and the report's
/// figures recomputed from `fieldplan export` alone (SPEC §7: anyone with the export gets the
/// same numbers).
@Suite(.serialized)
struct ReportCLITests {
    static let day = "2026-11-20"

    func setUp() throws -> CLIHarness {
        let cli = CLIHarness()
        cli.write("base.ndjson", SyncCLITests.base)
        #expect(try cli.run(["import", "base.ndjson"]).status == 0)
        #expect(try cli.run(["plan", "--date", Self.day, "--iterations", "50", "--today", Self.day]).status == 0)
        cli.write("day.ndjson", SyncCLITests.fieldDay + """

            {"kind":"outcome","id":"o4","account_id":"A4","agent_id":"G1","visited_at":"2026-11-20T15:00:00+03:00","code":"PARTIAL","contact":"debtor","collected":{"amount":1500,"receipt":"RC-9"}}
            {"kind":"payment","id":"p1","account_id":"A4","amount":1500,"paid_at":"2026-11-20T17:00:00+03:00","reference":"RC-9"}
            {"kind":"payment","id":"p2","account_id":"A1","amount":700,"paid_at":"2026-11-20T18:00:00+03:00","reference":"MPESA-1"}
            """)
        let synced = try cli.run(["sync", "import", "day.ndjson", "--now", "2026-11-20T20:00:00+03:00"])
        #expect(synced.status == 0, "\(synced.stderr)")
        return cli
    }

    func object(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    @Test func theFiguresCanBeRecomputedFromTheExport() throws {
        let cli = try setUp()
        defer { cli.cleanUp() }
        let run = try cli.run(["report", "daily", "--date", Self.day, "--format", "json", "--now", "2026-11-21T08:00:00+03:00"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try object(run.stdout)
        #expect(report["report"] as? String == "daily" && report["by"] as? String == "agent")
        let total = report["total"] as! [String: Any]

        let export = try cli.run(["export", "--kind", "outcome,payment,visit,route", "--date", Self.day]).stdout.split(separator: "\n").map { try object(String($0)) }
        let stops = export.filter { $0["kind"] as? String == "visit" && $0["account_id"] != nil }
        let outcomes = export.filter { $0["kind"] as? String == "outcome" && ($0["visited_at"] as! String).hasPrefix(Self.day) }
        let visits = outcomes.filter { $0["code"] as? String != "NOT_VISITED" }
        let receipts = Set(outcomes.compactMap { ($0["collected"] as? [String: Any])?["receipt"] as? String })
        let collections = visits.compactMap { ($0["collected"] as? [String: Any])?["amount"] as? Double }.reduce(0, +)
        let posted = export.filter { $0["kind"] as? String == "payment" && !receipts.contains($0["reference"] as? String ?? "") }
            .compactMap { $0["amount"] as? Double }.reduce(0, +)
        let km = export.filter { $0["kind"] as? String == "route" }.compactMap { $0["travel_km"] as? Double }.reduce(0, +)

        #expect(total["planned"] as? Int == stops.count)
        #expect(total["visits"] as? Int == visits.count)
        #expect(total["rpc"] as? Int == visits.filter { $0["contact"] as? String == "debtor" }.count)
        #expect(total["ptp"] as? Int == 1)
        #expect(total["collected"] as? Double == collections + posted)
        #expect(total["collected"] as? Double == 2200)   // RC-9 counted once, MPESA-1 once
        #expect(abs((total["km_planned"] as? Double ?? -1) - km) < 0.0005)
        // The PTP visit on A1 earns its payment: G1's row holds all of it, unattributed none.
        let rows = report["rows"] as! [[String: Any]]
        #expect(rows.map { $0["id"] as! String } == ["G1", "unattributed"])
        #expect(rows[1]["collected"] as? Double == 0)
        #expect((total["outcomes"] as! [String: Int])["PTP"] == 1 && (total["outcomes"] as! [String: Int]).count == 15)
        #expect(total["kept_rate"] is NSNull)   // no promise fell due that day
    }

    @Test func everyFormatAndGroupingRuns() throws {
        let cli = try setUp()
        defer { cli.cleanUp() }
        for kind in [["daily", "--date", Self.day], ["monthly", "--month", "2026-11"], ["range", "--from", "2026-11-18", "--to", Self.day]] {
            for by in ["agent", "zone", "client"] {
                for format in ["text", "csv", "json", "html"] {
                    let run = try cli.run(["report"] + kind + ["--by", by, "--format", format])
                    #expect(run.status == 0 && !run.stdout.isEmpty, "\(kind) \(by) \(format): \(run.stderr)")
                    if format == "csv" { #expect(run.stdout.split(separator: "\n").first?.hasPrefix("id,name,planned,visits,") == true) }
                    #expect(!run.stdout.contains("NID-SECRET"))
                }
            }
        }
        let monthly = try object(try cli.run(["report", "monthly", "--month", "2026-11", "--format", "json"]).stdout)
        #expect((monthly["days"] as! [Any]).count == 30)
        #expect((monthly["dpd"] as! [[String: Any]]).map { $0["bucket"] as! String } == ["0-30", "31-60", "61-90", "91+", "unknown"])
        #expect(monthly["previous"] is [String: Any] && monthly["ranking"] is [String: Any])
        let html = try cli.run(["report", "daily", "--date", Self.day, "--format", "html", "-o", "day.html"])
        #expect(html.status == 0 && cli.read("day.html").hasPrefix("<!DOCTYPE html>"))
        // Without --format the file's ending decides.
        #expect(try cli.run(["report", "daily", "--date", Self.day, "-o", "by-name.html"]).status == 0)
        #expect(cli.read("by-name.html").hasPrefix("<!DOCTYPE html>"))
        #expect(try cli.run(["report", "daily", "--date", Self.day, "-o", "by-name.csv"]).status == 0)
        #expect(cli.read("by-name.csv").hasPrefix("id,name,planned"))
    }

    @Test func badRequestsAreOneLineErrors() throws {
        let cli = try setUp()
        defer { cli.cleanUp() }
        let backwards = try cli.run(["report", "range", "--from", "2026-11-20", "--to", "2026-11-01"])
        #expect(backwards.status == 1 && backwards.stderr == "fieldplan: --to 2026-11-01 is before --from 2026-11-20\n")
        let month = try cli.run(["report", "monthly", "--month", "2026-13"])
        #expect(month.status == 1 && month.stderr.contains("--month: expected YYYY-MM") && month.stderr.split(separator: "\n").count <= 3)
    }
}
