import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
@testable import FieldPlanServer
import FieldPlanStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// What each route answers, through the router (no socket).
struct RouteTests {
    typealias F = ServerFixture

    @Test func healthNeedsNoToken() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/healthz", method: .get)
            #expect(r.status == .ok)
            #expect(r.object["status"] as? String == "ok")
        }
    }

    @Test func accountsPageInIdOrderWithoutNationalIDs() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let first = try await client.execute(uri: "/api/accounts?limit=2", method: .get, headers: F.bearer(f.supervisor))
            #expect(first.status == .ok)
            #expect(!first.text.contains("NID-SECRET"))
            let ids = (first.object["accounts"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(ids == ["A1", "A2"])
            #expect(first.object["next"] as? String == "A2")
            let second = try await client.execute(uri: "/api/accounts?limit=2&after=A2", method: .get, headers: F.bearer(f.supervisor))
            #expect((second.object["accounts"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["A3"])
            #expect(second.object["next"] is NSNull)
        }
    }

    @Test(arguments: [
        ("unlocated=true", ["A3"]), ("zone=Z2", ["A2"]), ("client=kcb%20bank", ["A3"]), ("status=open", ["A1", "A2", "A3"]),
        ("client=x'%20OR%201=1--", []), ("zone=Z1';DROP%20TABLE%20account;--", []),
    ])
    func accountFilters(query: String, expected: [String]) async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/accounts?" + query, method: .get, headers: F.bearer(f.supervisor))
            #expect(r.status == .ok)
            #expect((r.object["accounts"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == expected)
        }
        #expect(try f.store.account(id: "A1") != nil)
    }

    @Test(arguments: ["status=owed", "limit=0", "limit=5000", "limit=ten", "unlocated=maybe"])
    func badAccountFiltersAre400NamingTheParameter(query: String) async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/accounts?" + query, method: .get, headers: F.bearer(f.supervisor))
            #expect(r.status == .badRequest)
            #expect(r.object["field"] as? String == String(query.prefix { $0 != "=" }))
            #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }

    @Test func accountDetailForTheSupervisorHasHistoryAndAudit() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/accounts/A1", method: .get, headers: F.bearer(f.supervisor))
            #expect(r.status == .ok)
            #expect(r.object["kind"] as? String == "account_detail")
            #expect(r.object["audit"] is [Any])
            let account = r.object["account"] as? [String: Any]
            #expect(account?["phone"] as? String == "+254711000101")
            #expect(account?["national_id"] == nil)
            #expect(!r.text.contains("NID-SECRET"))
            let missing = try await client.execute(uri: "/api/accounts/NOPE", method: .get, headers: F.bearer(f.supervisor))
            #expect(missing.status == .notFound)
        }
    }

    /// An agent sees its own zone's account masked as its sheet: phone to its last digits, no
    /// e-mail, no audit; another agent's account (or one that does not exist) is 403.
    @Test func anAgentSeesOnlyItsOwnAccountsMasked() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let own = try await client.execute(uri: "/api/accounts/A1", method: .get, headers: F.bearer(f.agentG1))
            #expect(own.status == .ok)
            let account = own.object["account"] as? [String: Any]
            #expect(account?["phone"] as? String == Masking.phone("+254711000101"))
            #expect(account?["email"] == nil)
            #expect(own.object["audit"] == nil)
            #expect(!own.text.contains("+254711000101"))
            let other = try await client.execute(uri: "/api/accounts/A2", method: .get, headers: F.bearer(f.agentG1))
            #expect(other.status == .forbidden)
            let none = try await client.execute(uri: "/api/accounts/NOPE", method: .get, headers: F.bearer(f.agentG1))
            #expect(none.status == .forbidden)
        }
    }

    /// An account of another agent's zone that is on this agent's plan today (a booked
    /// appointment) is the agent's to read, with the full phone: the stop needs a call.
    @Test func anAgentSeesAnAccountOnItsPlanTodayWithThePhoneTheStopNeeds() async throws {
        let f = try ServerFixture()
        let every = #"["mon","tue","wed","thu","fri","sat","sun"]"#
        try f.store.setSetting("visit_days", to: "mon,tue,wed,thu,fri,sat,sun")
        let today = try f.store.agencyToday()
        let lines = [
            #"{"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.3,"lon":36.8},"shift":{"start":"08:00","end":"17:00"},"days":\#(every)}"#,
            #"{"kind":"appointment","id":"AP1","account_id":"A2","date":"\#(today)","from":"10:00","to":"11:00","agent_id":"G1"}"#,
        ]
        let path = f.folder + "/today.ndjson"
        _ = FileManager.default.createFile(atPath: path, contents: Data(lines.joined(separator: "\n").utf8))
        #expect(try f.store.importRecords([ImportInput(path: path)]).total.rejected == 0)
        try f.plan(today.description)
        try #require(try f.store.accountDetail(id: "A2")?.plannedVisits.contains { $0.agentID == "G1" && $0.date == today.description } == true)
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/accounts/A2", method: .get, headers: F.bearer(f.agentG1))
            #expect(r.status == .ok)
            #expect((r.object["account"] as? [String: Any])?["phone"] as? String == "+254711000102")
            #expect(r.object["audit"] == nil)
        }
    }

    @Test func settingsReadAndChangedWithTheCommandsValidation() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let all = try await client.execute(uri: "/api/settings", method: .get, headers: F.bearer(f.supervisor))
            #expect(all.status == .ok)
            #expect(all.object["min_gap_days"] is NSNumber)
            let set = try await client.execute(uri: "/api/settings/min_gap_days", method: .put, headers: F.bearer(f.supervisor),
                                               body: ByteBuffer(string: #"{"value": 5}"#))
            #expect(set.status == .ok)
            #expect(set.object["value"] as? String == "5")
            #expect(try f.store.settings().minGapDays == 5)
            let refused = try await client.execute(uri: "/api/settings/min_gap_days", method: .put, headers: F.bearer(f.supervisor),
                                                   body: ByteBuffer(string: #"{"value": "-3"}"#))
            #expect(refused.status == .badRequest)
            #expect(refused.object["field"] as? String == "min_gap_days")
            let malformed = try await client.execute(uri: "/api/settings/min_gap_days", method: .put, headers: F.bearer(f.supervisor),
                                                     body: ByteBuffer(string: #"{"value": "#))
            #expect(malformed.status == .badRequest)
            let invalidUTF8 = try await client.execute(uri: "/api/settings/agency_name", method: .put, headers: F.bearer(f.supervisor),
                                                       body: ByteBuffer(bytes: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]))
            #expect(invalidUTF8.status == .badRequest)
            let unknown = try await client.execute(uri: "/api/settings/no_such_key", method: .put, headers: F.bearer(f.supervisor),
                                                   body: ByteBuffer(string: #"{"value": 1}"#))
            #expect(unknown.status == .notFound)
            let huge = try await client.execute(uri: "/api/settings/agency_name", method: .put, headers: F.bearer(f.supervisor),
                                                body: ByteBuffer(string: #"{"value": ""# + String(repeating: "x", count: 200_000) + #""}"#))
            #expect(huge.status == .contentTooLarge)
            #expect(huge.object["error"] is String)
        }
        #expect(try f.store.settings().minGapDays == 5)
    }

    @Test func agentsAndZonesAreListedAsLines() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let agents = try await client.execute(uri: "/api/agents", method: .get, headers: F.bearer(f.supervisor))
            #expect(agents.headers[.contentType]?.hasPrefix("application/x-ndjson") == true)
            #expect(agents.lines.compactMap { $0["id"] as? String } == ["G1", "G2"])
            let zones = try await client.execute(uri: "/api/zones", method: .get, headers: F.bearer(f.supervisor))
            #expect(zones.lines.map { "\($0["id"] ?? "")→\($0["agent_id"] ?? "")" } == ["Z1→G1", "Z2→G2"])
        }
    }

    /// The import route takes NDJSON and CSV bodies, answers the command's summary with the
    /// rejected lines and their numbers, and refuses other content types and oversized bodies.
    @Test func importAnswersTheCommandsSummaryWithRejectedLines() async throws {
        let f = try ServerFixture()
        let body = [
            #"{"kind":"account","id":"A9","client":"Jamii Bank","debtor_name":"New Debtor","balance":50}"#,
            #"{"kind":"account","id":"A10","client":"Jamii Bank","debtor_name":"Bad","balance":"12,000"}"#,
        ].joined(separator: "\n")
        var limits = ServerLimits()
        limits.importBytes = 4096
        try await f.app(limits: limits).test(.router) { client in
            var headers = F.bearer(f.supervisor)
            headers[.contentType] = "application/x-ndjson"
            let r = try await client.execute(uri: "/api/import", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(r.status == .ok)
            #expect((r.object["total"] as? [String: Any])?["accepted"] as? Int == 1)
            #expect((r.object["total"] as? [String: Any])?["rejected"] as? Int == 1)
            let rejects = r.object["rejects"] as? [[String: Any]]
            #expect(rejects?.first?["line"] as? Int == 2)
            #expect(rejects?.first?["field"] as? String == "balance")

            headers[.contentType] = "text/csv"
            let csv = try await client.execute(uri: "/api/import?csv_kind=account", method: .post, headers: headers,
                                               body: ByteBuffer(string: "id,client,debtor_name,balance\nA11,KCB Bank,Csv Debtor,75\n"))
            #expect(csv.status == .ok)
            #expect((csv.object["total"] as? [String: Any])?["accepted"] as? Int == 1)

            headers[.contentType] = "application/json"
            let wrongType = try await client.execute(uri: "/api/import", method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(wrongType.status == .unsupportedMediaType)

            headers[.contentType] = "application/x-ndjson"
            let tooBig = try await client.execute(uri: "/api/import", method: .post, headers: headers,
                                                  body: ByteBuffer(string: String(repeating: body + "\n", count: 100)))
            #expect(tooBig.status == .contentTooLarge)
        }
        #expect(try f.store.account(id: "A9") != nil)
        #expect(try f.store.account(id: "A11") != nil)
    }

    /// An agent's sync keeps its own outcomes and rejects another agent's outcome and any
    /// payment with their line numbers; a supervisor's sync takes both.
    @Test func anAgentPostsOnlyItsOwnOutcomes() async throws {
        let f = try ServerFixture()
        let body = [
            #"{"kind":"outcome","id":"o1","account_id":"A1","agent_id":"G1","visited_at":"2026-12-09T10:00:00+03:00","code":"NOT_HOME"}"#,
            #"{"kind":"outcome","id":"o2","account_id":"A2","agent_id":"G2","visited_at":"2026-12-09T11:00:00+03:00","code":"NOT_HOME"}"#,
            #"{"kind":"payment","id":"p1","account_id":"A1","amount":100,"paid_at":"2026-12-09T09:00:00+03:00"}"#,
            #"{"kind":"outcome","id":"o3""#,
        ].joined(separator: "\n")
        try await f.app().test(.router) { client in
            var headers = F.bearer(f.agentG1)
            headers[.contentType] = "application/x-ndjson"
            let r = try await client.execute(uri: "/api/sync?now=\(F.now.replacingOccurrences(of: "+", with: "%2B"))", method: .post,
                                             headers: headers, body: ByteBuffer(string: body))
            #expect(r.status == .ok)
            #expect(r.object["accepted"] as? Int == 1)
            #expect(r.object["rejected"] as? Int == 3)
            let rejects = (r.object["rejects"] as? [[String: Any]]) ?? []
            #expect(rejects.compactMap { $0["line"] as? Int } == [2, 3, 4])
            #expect(rejects.first?["field"] as? String == "agent_id")
            // The same body again: the kept outcome is a duplicate, never a second visit.
            let again = try await client.execute(uri: "/api/sync?now=\(F.now.replacingOccurrences(of: "+", with: "%2B"))", method: .post,
                                                 headers: headers, body: ByteBuffer(string: body))
            #expect(again.object["accepted"] as? Int == 0)
            #expect(again.object["duplicates"] as? Int == 1)

            var boss = F.bearer(f.supervisor)
            boss[.contentType] = "application/x-ndjson"
            let all = try await client.execute(uri: "/api/sync?now=\(F.now.replacingOccurrences(of: "+", with: "%2B"))", method: .post,
                                               headers: boss, body: ByteBuffer(string: body))
            #expect(all.object["accepted"] as? Int == 2)
        }
        let ids = try f.store.accountDetail(id: "A2")?.outcomes.map(\.id)
        #expect(ids == ["o2"])
    }

    /// A 10 MiB line: an agent's is rejected by the screen, a supervisor's by the import;
    /// either way the other lines are kept and the answer is a summary, not an error.
    @Test func aTenMebibyteLineIsRejectedAndTheRestKept() async throws {
        let f = try ServerFixture()
        let huge = #"{"kind":"outcome","id":"big","account_id":"A1","agent_id":"G1","visited_at":"2026-12-09T10:00:00+03:00","code":"NOT_HOME","notes":""# + String(repeating: "n", count: 10 << 20) + #""}"#
        let good = #"{"kind":"outcome","id":"ok1","account_id":"A1","agent_id":"G1","visited_at":"2026-12-09T11:00:00+03:00","code":"NOT_HOME"}"#
        try await f.app().test(.router) { client in
            for token in [f.agentG1, f.supervisor] {
                var headers = F.bearer(token)
                headers[.contentType] = "application/x-ndjson"
                let r = try await client.execute(uri: "/api/sync?now=2026-12-10T12:00", method: .post, headers: headers,
                                                 body: ByteBuffer(string: huge + "\n" + good + "\n"))
                #expect(r.status == .ok)
                #expect(r.object["rejected"] as? Int == 1)
                #expect((r.object["rejects"] as? [[String: Any]])?.first?["line"] as? Int == 1)
            }
        }
        #expect(try f.store.accountDetail(id: "A1")?.outcomes.map(\.id) == ["ok1"])
    }

    /// The export streams every line (more than one 64 KiB chunk here), the very lines
    /// `fieldplan export` writes (zones with their figures), and the import takes it back.
    @Test func exportStreamsWhatImportTakesBack() async throws {
        let extra = (1...1500).map { #"{"kind":"account","id":"B\#($0)","client":"Jamii Bank","debtor_name":"Debtor \#($0)","balance":\#($0),"address":"\#(String(repeating: "Road ", count: 10))"}"# }
        let f = try ServerFixture(extraLines: extra)
        var exported: [String] = []
        try FieldPlanApp(store: f.store).export(ExportRequest()) { exported.append($0) }
        #expect(exported.first?.contains(#""workload_hours""#) == true, "zone lines carry their figures")
        let expected = exported
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/export", method: .get, headers: F.bearer(f.supervisor))
            #expect(r.status == .ok)
            #expect(r.body.readableBytes > LinePump.chunkBytes)
            #expect(r.text.split(separator: "\n").map(String.init) == expected)
            let accounts = try await client.execute(uri: "/api/export?kind=agent", method: .get, headers: F.bearer(f.supervisor))
            #expect(accounts.lines.count == 2)
            let bad = try await client.execute(uri: "/api/export?kind=debtor", method: .get, headers: F.bearer(f.supervisor))
            #expect(bad.status == .badRequest)
            let noPlan = try await client.execute(uri: "/api/export?kind=visit&date=2026-12-01", method: .get, headers: F.bearer(f.supervisor))
            #expect(noPlan.status == .notFound)
        }
    }

    @Test func reportsInEveryFormat() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            for (format, type) in [("json", "application/json"), ("csv", "text/csv"), ("text", "text/plain"), ("html", "text/html")] {
                let r = try await client.execute(uri: "/api/reports/daily?date=2026-12-09&format=\(format)", method: .get, headers: F.bearer(f.supervisor))
                #expect(r.status == .ok)
                #expect(r.headers[.contentType]?.hasPrefix(type) == true, "\(format)")
            }
            let monthly = try await client.execute(uri: "/api/reports/monthly?month=2026-12&by=zone", method: .get, headers: F.bearer(f.supervisor))
            #expect(monthly.status == .ok)
            #expect(monthly.json is [String: Any])
            let range = try await client.execute(uri: "/api/reports/range?from=2026-12-09&to=2026-12-01", method: .get, headers: F.bearer(f.supervisor))
            #expect(range.status == .badRequest)
            let badMonth = try await client.execute(uri: "/api/reports/monthly?month=2026-13", method: .get, headers: F.bearer(f.supervisor))
            #expect(badMonth.status == .badRequest)
            #expect(badMonth.object["field"] as? String == "month")
        }
    }

    @Test func reviewAuditAndClearancesAreLines() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let review = try await client.execute(uri: "/api/review?all=true", method: .get, headers: F.bearer(f.supervisor))
            #expect(review.status == .ok)
            let audit = try await client.execute(uri: "/api/audit?account=A1", method: .get, headers: F.bearer(f.supervisor))
            #expect(audit.status == .ok)
            #expect(audit.lines.allSatisfy { $0["account_id"] as? String == "A1" })
            let clearances = try await client.execute(uri: "/api/clearances?state=pending", method: .get, headers: F.bearer(f.supervisor))
            #expect(clearances.status == .ok)
            let bad = try await client.execute(uri: "/api/clearances?state=maybe", method: .get, headers: F.bearer(f.supervisor))
            #expect(bad.status == .badRequest)
        }
    }

    /// Path parameters that try to climb out, odd bytes and unknown paths: a JSON 4xx, never a 500.
    @Test(arguments: ["/api/accounts/..%2F..%2Fetc%2Fpasswd", "/api/accounts/%00", "/api/packets/..%2F..%2F/G1", "/api/packets/2026-12-01/..%2FG2",
                      "/api/plans/..%2F..%2Fetc", "/api/plans/2026-12-01%00", "/api/sheets/2026-12-01/..%2FG2", "/api/sheets/..%2F/G1",
                      "/api/nothing", "/api/accounts/A1/extra", "/../../etc/passwd"])
    func oddPathsAreNeverAServerError(path: String) async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: path, method: .get, headers: F.bearer(f.supervisor))
            #expect((400..<500).contains(r.status.code), "\(path): \(r.status)")
            #expect(r.object["error"] is String)
        }
    }

    /// A method a route does not take is answered as an unknown path (Hummingbird's router
    /// matches path and method together): a JSON 404, not a 500.
    @Test(arguments: [(HTTPRequest.Method.delete, "/api/accounts"), (.post, "/healthz"), (.put, "/api/export"), (.patch, "/api/settings/min_gap_days")])
    func unknownMethodsAre404(method: HTTPRequest.Method, path: String) async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: path, method: method, headers: F.bearer(f.supervisor))
            #expect(r.status == .notFound, "\(method) \(path): \(r.status)")
            #expect(r.object["error"] is String)
        }
    }
}
