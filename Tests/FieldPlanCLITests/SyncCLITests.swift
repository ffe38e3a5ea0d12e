import Foundation
import Testing

/// Offline sync end to end (SPEC §6): the real binary, packets out, outcomes back, exit
/// codes, review, audit, the next plan, and two imports at once.
@Suite(.serialized)
struct SyncCLITests {
    /// One agent with room for two visits a day and five accounts; A1, A4, A5 alike.
    static let base = """
        {"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.30,"lon":36.80},"shift":{"start":"08:00","end":"17:00"},"max_visits":2}
        {"kind":"account","id":"A1","client":"Jamii Bank","debtor_name":"Achieng One","balance":80000,"days_past_due":200,"phone":"+254711000101","national_id":"NID-SECRET-1","lat":-1.301,"lon":36.801}
        {"kind":"account","id":"A2","client":"Jamii Bank","debtor_name":"Mutua Two","balance":500,"phone":"+254711000102","national_id":"NID-SECRET-2","lat":-1.302,"lon":36.802}
        {"kind":"account","id":"A3","client":"Jamii Bank","debtor_name":"Njeri Three","balance":900000,"days_past_due":300,"phone":"+254711000103","national_id":"NID-SECRET-3","lat":-1.303,"lon":36.803}
        {"kind":"account","id":"A4","client":"Jamii Bank","debtor_name":"Four","balance":80000,"days_past_due":200,"phone":"+254711000104","lat":-1.304,"lon":36.804}
        {"kind":"account","id":"A5","client":"Jamii Bank","debtor_name":"Five","balance":80000,"days_past_due":200,"lat":-1.305,"lon":36.805}
        """

    static let fieldDay = """
        {"kind":"outcome","id":"o1","account_id":"A1","agent_id":"G1","visited_at":"2026-11-20T10:00:00+03:00","code":"PTP","contact":"debtor","promise":{"amount":2000,"date":"2026-11-23"}}
        {"kind":"outcome","id":"o2","account_id":"A2","agent_id":"G1","visited_at":"2026-11-20T11:00:00+03:00","code":"CALLBACK","contact":"third_party","next_visit":{"date":"2026-11-27","from":"14:00","to":"16:00"}}
        {"kind":"outcome","id":"o3","account_id":"A3","agent_id":"G1","visited_at":"2026-11-20T12:00:00+03:00","code":"DISPUTE","contact":"debtor","notes":"says it was repaid"}
        """

    func setUp() throws -> CLIHarness {
        let cli = CLIHarness()
        cli.write("base.ndjson", Self.base)
        let imported = try cli.run(["import", "base.ndjson"])
        #expect(imported.status == 0, "\(imported.stderr)")
        return cli
    }

    func visits(_ cli: CLIHarness, date: String) throws -> [String] {
        let plan = try cli.run(["plan", "--date", date, "--iterations", "50", "--today", date])
        #expect(plan.status == 0, "\(plan.stderr)")
        return try cli.run(["export", "--kind", "visit", "--date", date]).stdout.split(separator: "\n").map(String.init)
    }

    @Test func packetCarriesTheDayAndOnlyWhatTheAgentMaySee() throws {
        let cli = try setUp()
        defer { cli.cleanUp() }
        _ = try visits(cli, date: "2026-11-19")
        let packet = try cli.run(["sync", "export", "--date", "2026-11-19", "--agent", "G1", "-o", "packet.ndjson"])
        #expect(packet.status == 0, "\(packet.stderr)")
        let lines = cli.read("packet.ndjson").split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix(#"{"kind":"packet","agent_id":"G1","date":"2026-11-19","created_at":""#) == true)
        #expect(lines.first?.hasSuffix(#""plan_version":1}"#) == true)
        #expect(lines[1].hasPrefix(#"{"kind":"route""#))
        let visits = lines.filter { $0.hasPrefix(#"{"kind":"visit""#) }
        let debtors = lines.filter { $0.hasPrefix(#"{"kind":"debtor""#) }
        #expect(visits.count == 2 && debtors.count == 2)
        #expect(!cli.read("packet.ndjson").contains("NID-SECRET"))
        #expect(!cli.read("packet.ndjson").contains("national_id"))
        #expect(debtors.allSatisfy { !$0.contains(#""phone":"+2547110001"#) }, "phones are masked on priority stops")

        let none = try cli.run(["sync", "export", "--date", "2026-11-20", "--agent", "G1"])
        #expect(none.status == 1)
        #expect(none.stderr == "fieldplan: no plan for 2026-11-20; run fieldplan plan --date 2026-11-20 first\n")
        let stranger = try cli.run(["sync", "export", "--date", "2026-11-19", "--agent", "G7"])
        #expect(stranger.status == 1 && stranger.stderr.split(separator: "\n").count == 1)
    }

    @Test func importSummarisesExitsThreeOnTroubleAndKeepsEverything() throws {
        let cli = try setUp()
        defer { cli.cleanUp() }
        cli.write("day.ndjson", Self.fieldDay)
        let first = try cli.run(["sync", "import", "--format", "json", "--now", "2026-11-26T20:00:00+03:00", "day.ndjson"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == #"{"accepted":3,"duplicates":0,"conflicts":0,"rejected":0,"flagged":0}"# + "\n")
        let again = try cli.run(["sync", "import", "--format", "json", "--now", "2026-11-26T20:00:00+03:00", "day.ndjson"])
        #expect(again.stdout.hasPrefix(#"{"accepted":0,"duplicates":3,"conflicts":0,"rejected":0"#))

        cli.write("late.ndjson", """
            {"kind":"outcome","id":"o3","account_id":"A3","agent_id":"G1","visited_at":"2026-11-20T12:00:00+03:00","code":"REFUSED"}
            {"kind":"outcome","id":"o4","account_id":"A9","agent_id":"G1","visited_at":"2026-11-21T12:00:00+03:00","code":"NOT_HOME"}
            {"kind":"outcome","id":"o5","account_id":"A3","agent_id":"G1","visited_at":"2026-11-22T12:00:00+03:00","code":"NOT_HOME","plan_version":1}
            """)
        let late = try cli.run(["sync", "import", "--format", "json", "--now", "2026-11-26T20:00:00+03:00", "late.ndjson", "--rejects", "rejects.ndjson"])
        #expect(late.status == 3)
        #expect(late.stdout == #"{"accepted":1,"duplicates":0,"conflicts":1,"rejected":1,"flagged":1}"# + "\n")
        #expect(late.stderr.split(separator: "\n").map { $0.prefix(24) } == ["late.ndjson:1: id: confl", "late.ndjson:2: account_i"])
        #expect(cli.read("rejects.ndjson").split(separator: "\n").count == 2)

        let review = try cli.run(["review", "--format", "ndjson"])
        let items = review.stdout.split(separator: "\n")
        #expect(items.count == 2)
        #expect(items.contains { $0.contains(#""id":"o5","type":"flag""#) && $0.contains("account was disputed before this visit") })
        #expect(items.contains { $0.contains(#""type":"conflict""#) && $0.contains(#""account_id":"A3""#) })
        let resolved = try cli.run(["review", "resolve", "o5", "--note", "supervisor checked"])
        #expect(resolved.status == 0)
        #expect(try cli.run(["review", "resolve", "o5"]).status == 1)
        #expect(try cli.run(["review", "--format", "ndjson"]).stdout.split(separator: "\n").count == 1)

        let audit = try cli.run(["audit", "--account", "A3", "--format", "ndjson"])
        #expect(audit.stdout.contains(#""field":"status","old":"open","new":"disputed","actor":"G1","fact_kind":"outcome","fact_id":"o3","source":"day.ndjson","line":3"#))
        let text = try cli.run(["audit"])
        #expect(text.status == 0 && text.stdout.contains("day.ndjson:1"))
    }

    /// The next plan uses what came back: a broken promise raises an account above its
    /// peers, a call-back forces a visit in its window, a dispute removes the account.
    @Test func nextPlanFollowsTheOutcomes() throws {
        let cli = try setUp()
        defer { cli.cleanUp() }
        let before = try visits(cli, date: "2026-11-19")
        #expect(before.contains { $0.contains(#""account_id":"A3""#) })
        cli.write("day.ndjson", Self.fieldDay)
        #expect(try cli.run(["sync", "import", "--now", "2026-11-26T20:00:00+03:00", "day.ndjson"]).status == 0)
        let after = try visits(cli, date: "2026-11-27")
        #expect(after.count == 2)
        #expect(after.contains { $0.contains(#""account_id":"A1""#) && $0.contains(#""reason":"broken_promise""#) })
        #expect(after.contains { $0.contains(#""account_id":"A2""#) && $0.contains(#""window_from":"14:00","window_to":"16:00""#) })
        #expect(!after.contains { $0.contains(#""account_id":"A3""#) })
        let disputed = try cli.run(["accounts", "list", "--status", "disputed", "--format", "json"])
        #expect(disputed.stdout.contains("A3"))
    }

    /// A simulated field day imports cleanly; a collection that clears an account shows up
    /// as a clearance that accounts can export and confirm.
    @Test func simulatedDayAndClearances() throws {
        let cli = try setUp()
        defer { cli.cleanUp() }
        _ = try visits(cli, date: "2026-11-19")
        let simulated = try cli.run(["sync", "simulate", "--date", "2026-11-19", "-o", "field", "--seed", "3"])
        #expect(simulated.status == 0, "\(simulated.stderr)")
        #expect(simulated.stdout == "2 outcomes for 1 agents in field/outcomes-*.ndjson\n")
        let imported = try cli.run(["sync", "import", "--format", "json", "--now", "2026-11-19T20:00:00+03:00", "field"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix(#"{"accepted":2,"duplicates":0,"conflicts":0,"rejected":0"#))

        cli.write("paid.ndjson", #"{"kind":"outcome","id":"pay-1","account_id":"A2","agent_id":"G1","visited_at":"2026-11-20T10:00:00+03:00","code":"PAID","contact":"debtor","collected":{"amount":500,"receipt":"R-1"}}"#)
        #expect(try cli.run(["sync", "import", "--now", "2026-11-20T20:00:00+03:00", "paid.ndjson"]).status == 0)
        let listed = try cli.run(["clearances", "--format", "ndjson"])
        #expect(listed.stdout == #"{"kind":"clearance","account_id":"A2","client":"Jamii Bank","debtor_name":"Mutua Two","cleared_at":"2026-11-20T10:00:00+03:00","by":"pay-1","state":"pending"}"# + "\n")
        #expect(try cli.run(["clearances", "confirm", "A2", "--by", "accounts"]).status == 0)
        #expect(try cli.run(["clearances", "confirm", "A2"]).status == 1)
        #expect(try cli.run(["accounts", "list", "--status", "closed", "--format", "json"]).stdout.contains("A2"))
    }

    /// Two imports at once on one store: SQLite's busy timeout serialises them; every line
    /// lands exactly once.
    @Test func twoImportsAtOnceBothComplete() throws {
        let cli = try setUp()
        defer { cli.cleanUp() }
        cli.write("more.ndjson", (1...400).map {
            #"{"kind":"account","id":"M\#($0)","client":"Jamii Bank","debtor_name":"M \#($0)","balance":1000,"lat":-1.3,"lon":36.8}"#
        }.joined(separator: "\n"))
        #expect(try cli.run(["import", "more.ndjson"]).status == 0)
        for file in ["a", "b"] {
            var lines: [String] = []
            for i in 0..<20_000 {
                let account = "M\(1 + i % 400)"
                let minute = i % 600
                lines.append(#"{"kind":"outcome","id":"\#(file)-\#(i)","account_id":"\#(account)","agent_id":"G1","visited_at":"2026-11-2\#(i % 6)T\#(10 + minute / 60):\#(minute % 60 < 10 ? "0" : "")\#(minute % 60):00+03:00","code":"NOT_HOME"}"#)
            }
            // Both files share their last 1,000 lines: those must land once.
            for i in 0..<1_000 {
                lines.append(#"{"kind":"outcome","id":"shared-\#(i)","account_id":"A1","agent_id":"G1","visited_at":"2026-11-18T10:00:00+03:00","code":"NOT_HOME"}"#)
            }
            cli.write("\(file).ndjson", lines.joined(separator: "\n"))
        }
        let processes = ["a", "b"].map { file -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLIHarness.binary)
            p.arguments = ["sync", "import", "--format", "json", "--now", "2026-11-26T20:00:00+03:00", "\(file).ndjson"]
            p.currentDirectoryURL = URL(fileURLWithPath: cli.folder)
            var environment = ProcessInfo.processInfo.environment
            environment["FIELDPLAN_DB"] = cli.folder + "/fieldplan.db"
            p.environment = environment
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            return p
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0])
        let exported = try cli.run(["export", "--kind", "outcome"])
        #expect(exported.stdout.split(separator: "\n").count == 41_000)
    }
}
