import FieldPlanCore
import FieldPlanStore
import Testing

/// `accountDetail`: the account as it stands, its history and its audit, in the agency's
/// time zone and without the national id.
@Suite struct AccountDetailTests {
    @Test func historyAndAuditOfOneAccount() throws {
        var f = try SyncFixture(accounts: 2)
        let result = try f.sync([
            #"{"kind":"outcome","id":"o1","account_id":"A1","agent_id":"G1","visited_at":"2026-12-02T10:00:00+03:00","code":"PTP","contact":"debtor","promise":{"amount":800,"date":"2026-12-08"}}"#,
            #"{"kind":"payment","id":"p1","account_id":"A1","amount":600,"paid_at":"2026-12-07T06:00:00+00:00","reference":"MPESA-1","channel":"mpesa"}"#,
            #"{"kind":"outcome","id":"o2","account_id":"A1","agent_id":"G2","visited_at":"2026-12-09T15:00:00+03:00","code":"CALLBACK","contact":"debtor","next_visit":{"date":"2026-12-11","from":"10:00","to":"12:00"}}"#,
            #"{"kind":"outcome","id":"o3","account_id":"A2","agent_id":"G1","visited_at":"2026-12-09T15:00:00+03:00","code":"NOT_HOME"}"#,
        ], name: "field.ndjson")
        #expect(result.errors.isEmpty, "\(result.errors)")
        let d = try #require(try f.store.accountDetail(id: "A1", now: f.now))
        #expect(d.account.nationalID == nil, "the national id never leaves the store this way")
        #expect(d.account.balance == Money(minorUnits: 40_000))
        #expect(d.agentID == "G1" && d.agentName == "Otieno" && d.account.zoneID == "Z1")
        #expect(d.outcomes.map(\.id) == ["o1", "o2"])
        #expect(d.outcomes[1].nextVisit == "2026-12-11 10:00-12:00")
        #expect(d.outcomes[0].origin == "field.ndjson:1")
        #expect(d.outcomes[1].flagged?.contains("reassigned") == true)
        #expect(d.payments.map(\.paidAt.text) == ["2026-12-07T09:00:00+03:00"], "in the agency's zone, not the sender's")
        #expect(d.promises.map(\.state) == ["partial"] && d.promises.first?.paid == Money(minorUnits: 60_000))
        #expect(d.appointments.map(\.kind) == ["callback"] && d.appointments.first?.date == "2026-12-11")
        #expect(d.plannedVisits.isEmpty)
        #expect(!d.audit.isEmpty)
        #expect(d.audit.allSatisfy { $0.at.text == "2026-12-10T12:00:00+03:00" })
        #expect(d.audit.contains { $0.field == "balance" && $0.old == "1000" && $0.new == "400" }, "\(d.audit.map { "\($0.field) \($0.old ?? "-") \($0.new ?? "-")" })")
        #expect(try f.store.accountDetail(id: "NOPE") == nil)
    }
}
