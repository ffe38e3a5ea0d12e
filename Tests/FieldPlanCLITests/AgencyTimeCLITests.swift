import Foundation
import Testing

/// Every time fieldplan prints is in the agency's time zone, `--format json` on review,
/// audit and clearances (ndjson kept as its alias), and `sync import --now` read in the
/// agency's time zone (issue 11, "Times").
struct AgencyTimeCLITests {
    static let base = """
        {"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.30,"lon":36.80},"shift":{"start":"08:00","end":"17:00"}}
        {"kind":"account","id":"A1","client":"Jamii Bank","debtor_name":"Achieng One","balance":500,"national_id":"NID-SECRET-1","lat":-1.301,"lon":36.801}
        {"kind":"account","id":"A2","client":"Jamii Bank","debtor_name":"Mutua Two","balance":9000,"national_id":"NID-SECRET-2","lat":-1.302,"lon":36.802}
        """
    /// Written by a device set to UTC: 07:00Z is 10:00 in Nairobi.
    static let day = """
        {"kind":"outcome","id":"o1","account_id":"A1","agent_id":"G1","visited_at":"2026-11-20T07:00:00Z","code":"PAID","contact":"debtor","collected":{"amount":500,"receipt":"R-1"}}
        {"kind":"outcome","id":"o2","account_id":"A2","agent_id":"G1","visited_at":"2026-11-20T08:00:00Z","code":"DISPUTE","contact":"debtor","notes":"says it was repaid"}
        {"kind":"outcome","id":"o3","account_id":"A2","agent_id":"G1","visited_at":"2026-11-20T09:00:00Z","code":"NOT_HOME"}
        """

    func setUp() throws -> CLIHarness {
        let cli = CLIHarness()
        cli.write("base.ndjson", Self.base)
        cli.write("day.ndjson", Self.day)
        #expect(try cli.run(["import", "base.ndjson"]).status == 0)
        let sync = try cli.run(["sync", "import", "--now", "2026-11-20T20:00:00+03:00", "day.ndjson"])
        #expect(sync.status == 0, "\(sync.stderr)")
        return cli
    }

    @Test func auditReviewAndClearancesPrintAgencyTime() throws {
        let cli = try setUp()
        defer { cli.cleanUp() }
        let audit = try cli.run(["audit", "--format", "json"])
        #expect(audit.status == 0)
        let at = audit.stdout.split(separator: "\n").compactMap { $0.split(separator: #""at":""#).dropFirst().first?.prefix(25) }
        #expect(!at.isEmpty && at.allSatisfy { $0.hasSuffix("+03:00") }, "\(at)")
        #expect(try cli.run(["audit", "--format", "ndjson"]).stdout == audit.stdout, "ndjson is an alias of json")
        #expect(!audit.stdout.contains("NID-SECRET"))

        let review = try cli.run(["review", "--format", "json"])
        #expect(review.stdout.contains(#""id":"o3","type":"flag","account_id":"A2","agent_id":"G1","at":"2026-11-20T12:00:00+03:00","code":"NOT_HOME""#), "\(review.stdout)")
        #expect(try cli.run(["review"]).stdout.contains("2026-11-20 12:00"))

        let clearances = try cli.run(["clearances", "--format", "json"])
        #expect(clearances.stdout == #"{"kind":"clearance","account_id":"A1","client":"Jamii Bank","debtor_name":"Achieng One","cleared_at":"2026-11-20T10:00:00+03:00","by":"o1","state":"pending"}"# + "\n")
        #expect(try cli.run(["clearances"]).stdout.contains("2026-11-20 10:00"))

        // Another time zone: the same moments, written in it.
        #expect(try cli.run(["settings", "set", "time_zone", "Europe/London"]).status == 0)
        #expect(try cli.run(["clearances", "--format", "json"]).stdout.contains(#""cleared_at":"2026-11-20T07:00:00+00:00""#))
        #expect(try cli.run(["review", "--format", "json"]).stdout.contains(#""at":"2026-11-20T09:00:00+00:00""#))
        let londonAudit = try cli.run(["audit", "--format", "json"]).stdout
        #expect(londonAudit.contains("+00:00\"") && !londonAudit.contains("+03:00\",\"account_id"))
        let text = try cli.run(["audit"]).stdout
        #expect(!text.contains("Z "), "no UTC instants in the table: \(text)")
    }

    /// `--now` without an offset is the agency's wall clock: 20:00 in Nairobi is 17:00Z,
    /// before a visit at 18:00Z, which is therefore in the future; in London it is after.
    @Test func nowWithoutOffsetIsTheAgencyClock() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        cli.write("base.ndjson", Self.base)
        #expect(try cli.run(["import", "base.ndjson"]).status == 0)
        cli.write("late.ndjson", #"{"kind":"outcome","id":"late-1","account_id":"A2","agent_id":"G1","visited_at":"2026-11-26T18:00:00Z","code":"NOT_HOME"}"#)
        let nairobi = try cli.run(["sync", "import", "--format", "json", "--now", "2026-11-26T20:00", "late.ndjson"])
        #expect(nairobi.status == 3)
        #expect(nairobi.stderr.contains("is in the future"))
        #expect(try cli.run(["settings", "set", "time_zone", "Europe/London"]).status == 0)
        let london = try cli.run(["sync", "import", "--format", "json", "--now", "2026-11-26 20:00", "late.ndjson"])
        #expect(london.status == 0, "\(london.stderr)")
        #expect(london.stdout.hasPrefix(#"{"accepted":1,"#))
        let bad = try cli.run(["sync", "import", "--now", "tonight", "late.ndjson"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("--now: expected an ISO 8601 instant like 2026-12-01T20:00:00+03:00, or a local 2026-12-01T20:00 in the agency's time zone, got \"tonight\""))
    }
}
