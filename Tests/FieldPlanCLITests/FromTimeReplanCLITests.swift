import Foundation
import Testing

/// `plan --date D --from-time HH:MM`, end to end: the morning's visits stay, nothing new
/// starts before the time, a new appointment is taken in, an absent agent's work moves to the
/// other, the packet says the new version; and the refusals.
@Suite(.serialized)
struct FromTimeReplanCLITests {
    static let day = "2026-11-20"
    static let base = """
        {"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.30,"lon":36.80},"shift":{"start":"08:00","end":"17:00"},"max_visits":4}
        {"kind":"agent","id":"G2","name":"Wanjiru","base":{"lat":-1.31,"lon":36.81},"shift":{"start":"08:00","end":"17:00"},"max_visits":4}
        {"kind":"account","id":"A1","client":"Jamii Bank","debtor_name":"One","balance":80000,"days_past_due":200,"lat":-1.301,"lon":36.801}
        {"kind":"account","id":"A2","client":"Jamii Bank","debtor_name":"Two","balance":70000,"days_past_due":100,"lat":-1.302,"lon":36.802}
        {"kind":"account","id":"A3","client":"Jamii Bank","debtor_name":"Three","balance":900000,"days_past_due":300,"lat":-1.303,"lon":36.803}
        {"kind":"account","id":"A4","client":"Jamii Bank","debtor_name":"Four","balance":80000,"days_past_due":200,"lat":-1.311,"lon":36.811}
        {"kind":"account","id":"A5","client":"Jamii Bank","debtor_name":"Five","balance":60000,"days_past_due":200,"lat":-1.312,"lon":36.812}
        {"kind":"account","id":"A6","client":"Jamii Bank","debtor_name":"Six","balance":50000,"days_past_due":90,"lat":-1.313,"lon":36.813}
        {"kind":"account","id":"A7","client":"Jamii Bank","debtor_name":"Seven","balance":40000,"days_past_due":60,"lat":-1.306,"lon":36.806}
        {"kind":"account","id":"A8","client":"Jamii Bank","debtor_name":"Eight","balance":1000,"days_past_due":10,"lat":-1.307,"lon":36.807}
        """

    /// `(agent, account, eta)` of each exported visit, in order.
    static func visits(_ cli: CLIHarness) throws -> [(agent: String, account: String, eta: String)] {
        try cli.run(["export", "--kind", "visit", "--date", day]).stdout.split(separator: "\n").compactMap { line in
            func field(_ name: String) -> String? {
                guard let r = line.range(of: "\"\(name)\":\"") else { return nil }
                return String(line[r.upperBound...].prefix { $0 != "\"" })
            }
            guard let account = field("account_id"), let agent = field("agent_id"), let eta = field("eta") else { return nil }
            return (agent, account, eta)
        }
    }

    @Test func theRestOfTheDayIsReplannedAfterTheMorning() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        cli.write("base.ndjson", Self.base)
        #expect(try cli.run(["import", "base.ndjson"]).status == 0)
        #expect(try cli.run(["plan", "--date", Self.day, "--iterations", "50", "--today", Self.day]).status == 0)
        let morning = try Self.visits(cli)
        let done = try #require(morning.first { $0.agent == "G1" })
        cli.write("field.ndjson", """
            {"kind":"outcome","id":"o1","account_id":"\(done.account)","agent_id":"G1","visited_at":"2026-11-20T09:30:00+03:00","code":"NOT_HOME","contact":"none"}
            """)
        cli.write("booked.ndjson", """
            {"kind":"appointment","id":"AP9","account_id":"A8","date":"2026-11-20","from":"14:00","to":"16:00"}
            """)
        let synced = try cli.run(["sync", "import", "field.ndjson", "--now", "2026-11-20T10:00:00+03:00"])
        #expect(synced.status == 0, "\(synced.stderr)")
        let booked = try cli.run(["import", "booked.ndjson"])
        #expect(booked.status == 0, "\(booked.stderr)")
        let replan = try cli.run(["plan", "--date", Self.day, "--from-time", "11:00", "--absent", "G2", "--iterations", "50",
                                  "--today", Self.day, "--format", "json"])
        #expect(replan.status == 0, "\(replan.stderr)")
        #expect(replan.stdout.contains(#""version":2"#))
        #expect(replan.stdout.contains(#""changes":{"#))
        let after = try Self.visits(cli)
        // The done stop stays where and when it was.
        #expect(after.contains { $0.agent == "G1" && $0.account == done.account && $0.eta == done.eta })
        // Nothing new before 11:00; the absent G2 gets nothing; the appointment is taken in.
        for v in after where v.account != done.account {
            #expect(v.eta >= "2026-11-20T11:00:00+03:00", "\(v)")
        }
        #expect(!after.contains { $0.agent == "G2" })
        #expect(after.contains { $0.agent == "G1" && $0.account == "A8" })
        let packet = try cli.run(["sync", "export", "--date", Self.day, "--agent", "G1"]).stdout
        #expect(packet.split(separator: "\n").first?.hasSuffix(#""plan_version":2}"#) == true, "\(packet)")
        let shown = try cli.run(["plan", "show", "--date", Self.day, "--format", "json"]).stdout
        #expect(shown.contains(#""made_by":"plan --from-time 11:00""#))
    }

    @Test func refusals() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        cli.write("base.ndjson", Self.base)
        #expect(try cli.run(["import", "base.ndjson"]).status == 0)
        for bad in ["25:00", "11", "11:60", "24:00", "noon"] {
            let r = try cli.run(["plan", "--date", Self.day, "--from-time", bad, "--today", Self.day])
            #expect(r.status == 1 && r.stderr.contains("--from-time: expected HH:MM"), "\(bad): \(r.stderr)")
        }
        let notYet = try cli.run(["plan", "--date", Self.day, "--from-time", "11:00", "--iterations", "20", "--today", Self.day])
        #expect(notYet.status == 1)
        #expect(notYet.stderr.contains("2026-11-20 has no plan yet to re-plan (plan --date 2026-11-20 first)"), "\(notYet.stderr)")
        #expect(try cli.run(["plan", "show", "--date", Self.day]).status == 1, "nothing stored")
    }
}
