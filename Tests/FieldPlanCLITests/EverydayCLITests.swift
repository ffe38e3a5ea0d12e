import Foundation
import Testing

/// The supervisor's everyday commands end to end: `accounts show`, `promises`, `callbacks`
/// and `accounts list --client`, on a small agency with a zone, a field day and a plan.
@Suite(.serialized)
struct EverydayCLITests {
    static let base = """
        {"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.30,"lon":36.80},"shift":{"start":"08:00","end":"17:00"}}
        {"kind":"zone","id":"Z1","name":"Kilimani","agent_id":"G1"}
        {"kind":"account","id":"A1","client":"Jamii Bank","debtor_name":"Achieng One","balance":80000,"days_past_due":200,"phone":"+254711000101","national_id":"NID-SECRET-1","lat":-1.301,"lon":36.801,"zone_id":"Z1"}
        {"kind":"account","id":"A2","client":"Jamii Bank","debtor_name":"Mutua Two","balance":500,"phone":"+254711000102","national_id":"NID-SECRET-2","lat":-1.302,"lon":36.802,"zone_id":"Z1"}
        {"kind":"account","id":"A3","client":"Other Credit","debtor_name":"Njeri Three","balance":900000,"days_past_due":300,"lat":-1.303,"lon":36.803,"zone_id":"Z1"}
        """

    static let fieldDay = """
        {"kind":"outcome","id":"o1","account_id":"A1","agent_id":"G1","visited_at":"2026-11-20T10:00:00+03:00","code":"PTP","contact":"debtor","promise":{"amount":2000,"date":"2026-11-23"}}
        {"kind":"outcome","id":"o2","account_id":"A2","agent_id":"G1","visited_at":"2026-11-20T11:00:00+03:00","code":"CALLBACK","contact":"third_party","next_visit":{"date":"2026-12-03","from":"14:00","to":"16:00"}}
        {"kind":"payment","id":"p1","account_id":"A1","amount":500,"paid_at":"2026-11-21T07:00:00+00:00","reference":"MP-1","channel":"mpesa"}
        """

    func setUp() throws -> CLIHarness {
        let cli = CLIHarness()
        cli.write("base.ndjson", Self.base)
        cli.write("day.ndjson", Self.fieldDay)
        let imported = try cli.run(["import", "base.ndjson"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let synced = try cli.run(["sync", "import", "day.ndjson"])
        #expect(synced.status == 0, "\(synced.stderr)")
        let plan = try cli.run(["plan", "--date", "2026-12-03", "--iterations", "50", "--today", "2026-12-01"])
        #expect(plan.status == 0, "\(plan.stderr)")
        return cli
    }

    @Test func accountsShowGivesTheAccountItsHistoryAndAudit() throws {
        let cli = try setUp()
        defer { cli.cleanUp() }
        let shown = try cli.run(["accounts", "show", "A1"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let text = shown.stdout
        #expect(!text.contains("NID-SECRET") && !text.lowercased().contains("national"))
        for expected in ["Achieng One", "Jamii Bank", "Z1 (Kilimani)", "G1 (Otieno)", "OUTCOMES (1)", "PAYMENTS (1)", "PROMISES (1)",
                         "APPOINTMENTS (0)", "Balance:          KES 79,500.00", "PLANNED VISITS", "AUDIT (", "2026-11-21 10:00", "MP-1", "broken", "2,000.00", "500.00"] {
            #expect(text.contains(expected), "accounts show lacks \"\(expected)\":\n\(text)")
        }
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 120 }, "lines fit 120 columns")

        let json = try cli.run(["accounts", "show", "A2", "--format", "json"])
        #expect(json.status == 0 && json.stdout.split(separator: "\n").count == 1)
        let a2 = json.stdout
        #expect(a2.hasPrefix(#"{"kind":"account_detail","account":{"kind":"account","id":"A2""#))
        #expect(!a2.contains("NID-SECRET") && !a2.contains("national_id"))
        #expect(a2.contains(#""appointments":[{"id":"callback-o2","kind":"callback","date":"2026-12-03","from":"14:00","to":"16:00""#), "\(a2)")
        #expect(a2.contains(#""planned_visits":[{"date":"2026-12-03","plan_version":1,"agent_id":"G1","seq":"#), "\(a2)")
        #expect(a2.contains(#""audit":[{"at":"2026-"#) && a2.contains("+03:00"), "audit times in the agency's zone")
        let object = try JSONSerialization.jsonObject(with: Data(a2.utf8)) as? [String: Any]
        #expect((object?["outcomes"] as? [Any])?.count == 1)
    }

    @Test func anUnknownAccountIsOneLine() throws {
        let cli = try setUp()
        defer { cli.cleanUp() }
        let missing = try cli.run(["accounts", "show", "NOPE"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "fieldplan: no account \"NOPE\" in the store\n")
    }

    @Test func promisesFallingDue() throws {
        let cli = try setUp()
        defer { cli.cleanUp() }
        let due = try cli.run(["promises", "--due", "2026-11-23"])
        #expect(due.status == 0, "\(due.stderr)")
        #expect(due.stdout.contains("A1") && due.stdout.contains("Achieng One") && due.stdout.contains("broken") && due.stdout.contains("G1"))
        #expect(due.stdout.contains("total KES: 1 promises, 2,000.00 promised, 500.00 paid"), "\(due.stdout)")
        let broken = try cli.run(["promises", "--state", "broken", "--format", "json"])
        #expect(broken.stdout.split(separator: "\n").count == 1)
        #expect(broken.stdout.contains(#""due_date":"2026-11-23","account_id":"A1""#) && broken.stdout.contains(#""amount":2000.00"#) || broken.stdout.contains(#""amount":2000"#), "\(broken.stdout)")
        let csv = try cli.run(["promises", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("due_date,account_id,debtor_name,"))
        #expect(csv.stdout.split(separator: "\n").count == 2)
        let none = try cli.run(["promises", "--due", "2026-11-24"])
        #expect(none.status == 0 && none.stdout == "no promises due 2026-11-24\n")
        let otherAgent = try cli.run(["promises", "--state", "broken", "--agent", "G9"])
        #expect(otherAgent.stdout == "no promises broken for agent G9\n")
        let bad = try cli.run(["promises", "--state", "late"])
        #expect(bad.status == 1 && bad.stderr.contains("pending, kept, partial, broken, cancelled"))
        let both = try cli.run(["promises", "--due", "2026-11-23", "--from", "2026-11-01"])
        #expect(both.status == 1)
    }

    @Test func callbacksOfTheDayWithThePlan() throws {
        let cli = try setUp()
        defer { cli.cleanUp() }
        let day = try cli.run(["callbacks", "--date", "2026-12-03"])
        #expect(day.status == 0, "\(day.stderr)")
        let row = day.stdout.split(separator: "\n").first { $0.contains("A2") }.map(String.init) ?? ""
        #expect(row.contains("14:00-16:00") && row.contains("callback") && row.contains("Mutua Two") && row.contains("+254711000102"), "\(row)")
        #expect(row.contains("G1 #"), "the planned stop: \(row)")
        #expect(day.stdout.contains("2026-12-03: 1 call-backs, 0 appointments; plan version 1"))
        let json = try cli.run(["callbacks", "--date", "2026-12-03", "--format", "json"])
        #expect(json.stdout.hasPrefix(#"{"kind":"callback","id":"callback-o2","date":"2026-12-03","from":"14:00","to":"16:00","account_id":"A2""#))
        let empty = try cli.run(["callbacks", "--date", "2026-12-04"])
        #expect(empty.stdout == "no appointments or call-backs on 2026-12-04\n")
    }

    /// `--client` ignores case; the balance column is right-aligned.
    @Test func accountsListClientAnyCaseAndNumbersRightAligned() throws {
        let cli = try setUp()
        defer { cli.cleanUp() }
        let listed = try cli.run(["accounts", "list", "--client", "jamii BANK"])
        #expect(listed.status == 0)
        let lines = listed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3 && lines[1].hasPrefix("A1") && lines[2].hasPrefix("A2"), "\(listed.stdout)")
        let balanceEnd = lines[0].range(of: "balance")!.upperBound.utf16Offset(in: lines[0])
        #expect(lines[1].range(of: "79,500.00")?.upperBound.utf16Offset(in: lines[1]) == balanceEnd)
        #expect(lines[2].range(of: "500.00")?.upperBound.utf16Offset(in: lines[2]) == balanceEnd)
        #expect(try cli.run(["accounts", "list", "--client", "JAMII BANK", "--format", "csv"]).stdout.split(separator: "\n").count == 3)
    }
}
