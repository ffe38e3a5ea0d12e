import Foundation
import Testing

@Suite(.serialized)
struct SheetCLITests {
    static let data = CLIHarness.repository + "/data"

    func planned() throws -> CLIHarness {
        let cli = CLIHarness()
        try cli.run(["import", Self.data + "/agents.csv", Self.data + "/accounts.ndjson", Self.data + "/appointments.ndjson"])
        try cli.run(["zones", "build", "--agents"])
        let plan = try cli.run(["plan", "--date", "2026-12-01", "--iterations", "100", "--today", "2026-12-01"])
        #expect(plan.status == 0, "\(plan.stderr)")
        return cli
    }

    /// National ids never appear; phones only in full where the stop needs a call.
    @Test func sheetsMaskWhatTheAgentDoesNotNeed() throws {
        let cli = try planned()
        defer { cli.cleanUp() }
        let accounts = try String(contentsOfFile: Self.data + "/accounts.ndjson", encoding: .utf8).split(separator: "\n")
        let nationalIDs = accounts.compactMap { line in line.split(separator: "\"national_id\":\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) } }
        let phones = Dictionary(uniqueKeysWithValues: accounts.compactMap { line -> (String, String)? in
            guard let phone = line.split(separator: "\"phone\":\"").dropFirst().first else { return nil }
            let id = String(line.split(separator: "\"id\":\"")[1].prefix { $0 != "\"" })
            return (id, String(phone.prefix { $0 != "\"" }))
        })
        let export = try cli.run(["export", "--kind", "visit", "--date", "2026-12-01"]).stdout.split(separator: "\n")
        for format in ["html", "text", "csv"] {
            for agent in ["AG01", "AG02", "AG03"] {
                let sheet = try cli.run(["sheet", "--date", "2026-12-01", "--agent", agent, "--format", format])
                #expect(sheet.status == 0, "\(sheet.stderr)")
                for id in nationalIDs where sheet.stdout.contains(id) {
                    Issue.record("national id \(id) printed on \(agent)'s \(format) sheet")
                }
                for line in export where line.contains("\"agent_id\":\"\(agent)\"") && line.contains("\"account_id\"") {
                    let account = String(line.split(separator: "\"account_id\":\"")[1].prefix { $0 != "\"" })
                    #expect(sheet.stdout.contains(account), "\(account) missing from \(agent)'s \(format) sheet")
                    guard let phone = phones[account] else { continue }
                    let needsCall = line.contains("\"reason\":\"appointment\"") || line.contains("\"reason\":\"callback\"")
                    #expect(sheet.stdout.contains(phone) == needsCall, "\(account): full phone shown = \(!needsCall) on a \(format) sheet")
                }
            }
        }
    }

    /// The sheet's stop numbers are the export's `seq`, the break numbered in neither:
    /// visits are 1, 2, 3… on both, whether they come before or after the break.
    @Test func stopNumbersEqualTheExportsSeq() throws {
        let cli = try planned()
        defer { cli.cleanUp() }
        let export = try cli.run(["export", "--kind", "visit", "--date", "2026-12-01"]).stdout.split(separator: "\n").map(String.init)
        func field(_ line: String, _ name: String) -> String? {
            guard let rest = line.split(separator: "\"\(name)\":", maxSplits: 1).dropFirst().first else { return nil }
            return String(rest.prefix { $0 != "," && $0 != "}" }).replacingOccurrences(of: "\"", with: "")
        }
        var breaksBeforeAVisit = 0
        for agent in ["AG01", "AG02", "AG03"] {
            let lines = export.filter { $0.contains("\"agent_id\":\"\(agent)\"") }
            let visits = lines.filter { $0.contains("\"account_id\"") }
            #expect(visits.compactMap { field($0, "seq") } == (1...max(1, visits.count)).prefix(visits.count).map(String.init), "\(agent): seq counts the visits")
            for b in lines where !b.contains("\"account_id\"") {
                #expect(field(b, "seq") == nil, "the break has no seq: \(b)")
                if b != lines.last { breaksBeforeAVisit += 1 }
            }
            let csv = try cli.run(["sheet", "--date", "2026-12-01", "--agent", agent, "--format", "csv"]).stdout
            let rows = csv.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let sheetNumbers = rows.filter { $0[1] == "visit" }.map { "\($0[7])=\($0[0])" }
            #expect(sheetNumbers == visits.map { "\(field($0, "account_id")!)=\(field($0, "seq")!)" }, "\(agent): sheet and export agree")
            #expect(rows.filter { $0[1] == "break" }.allSatisfy { $0[0] == "" })
            // plan show numbers its stops the same way.
            let shown = try cli.run(["plan", "show", "--date", "2026-12-01", "--agent", agent, "--format", "json"]).stdout
            let shownVisits = shown.components(separatedBy: "{\"seq\":").dropFirst().map { "\(field("{\"seq\":" + $0, "account_id")!)=\(field("{\"seq\":" + $0, "seq")!)" }
            #expect(shownVisits == visits.map { "\(field($0, "account_id")!)=\(field($0, "seq")!)" }, "\(agent): plan show and export agree")
        }
        #expect(breaksBeforeAVisit > 0, "the sample must have a break between visits for this test to mean anything")
    }

    /// A CSV sheet written to a file starts with EF BB BF, so spreadsheet programs read UTF-8.
    @Test func csvSheetFileHasAByteOrderMark() throws {
        let cli = try planned()
        defer { cli.cleanUp() }
        let written = try cli.run(["sheet", "--date", "2026-12-01", "--agent", "AG01", "--format", "csv", "-o", "ag01.csv"])
        #expect(written.status == 0, "\(written.stderr)")
        let bytes = try #require(FileManager.default.contents(atPath: cli.folder + "/ag01.csv"))
        #expect(Array(bytes.prefix(6)) == [0xEF, 0xBB, 0xBF] + Array("seq".utf8))
    }

    @Test func allAgentsIntoAFolder() throws {
        let cli = try planned()
        defer { cli.cleanUp() }
        let result = try cli.run(["sheet", "--date", "2026-12-01", "--all", "-o", "sheets"])
        #expect(result.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/sheets").sorted()
        #expect(files.count == 10)
        #expect(files.first == "2026-12-01-AG01.html")
        let html = cli.read("sheets/2026-12-01-AG01.html")
        #expect(html.contains("<svg"))
        #expect(html.contains("@page"))
        let external = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!external.contains("http://") && !external.contains("https://"), "a sheet must not load anything from the network")
        let csv = try cli.run(["sheet", "--date", "2026-12-01", "--agent", "AG01", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("\u{FEFF}seq,"))
    }

    @Test func missingPlanOrAgentIsOneLine() throws {
        let cli = try planned()
        defer { cli.cleanUp() }
        let noAgent = try cli.run(["sheet", "--date", "2026-12-01", "--agent", "NOBODY"])
        #expect(noAgent.status == 1)
        #expect(noAgent.stderr == "fieldplan: no agent \"NOBODY\" in the store\n")
        let noPlan = try cli.run(["sheet", "--date", "2026-12-03", "--agent", "AG01"])
        #expect(noPlan.status == 1)
        #expect(noPlan.stderr.hasPrefix("fieldplan: no plan for AG01 on 2026-12-03"))
        let both = try cli.run(["sheet", "--date", "2026-12-01"])
        #expect(both.status == 1)
    }
}
