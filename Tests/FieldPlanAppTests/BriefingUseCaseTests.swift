import FieldPlanApp
import FieldPlanCore
import FieldPlanReports
import FieldPlanStore
import Testing

/// `FieldPlanApp+Briefing`, `+Review`, `+Settings`, `+Reports`: the defaults the commands
/// used to decide, and the failures as typed errors.
struct BriefingUseCaseTests {
    /// 2026-11-24 12:00 Nairobi.
    let noon = Instant("2026-11-24T12:00:00+03:00")!.epochSeconds
    let day = AppFixture.day

    /// A promise of 500 on A1 due 2026-11-26, and a call-back for A2 on 2026-11-25.
    func withPromiseAndCallback() throws -> AppFixture {
        var f = try AppFixture()
        let summary = try f.app.syncImport([f.input([
            #"{"kind":"outcome","id":"p1","account_id":"A1","agent_id":"G1","visited_at":"2026-11-24T10:00:00+03:00","code":"PTP","contact":"debtor","promise":{"amount":500,"date":"2026-11-26"}}"#,
            #"{"kind":"outcome","id":"c1","account_id":"A2","agent_id":"G1","visited_at":"2026-11-24T11:00:00+03:00","code":"CALLBACK","contact":"debtor","next_visit":{"date":"2026-11-25","from":"10:00","to":"12:00"}}"#,
        ])], now: noon)
        precondition(summary.accepted == 2)
        return f
    }

    @Test func promisesDefaultToTodayUnlessAStateOrDayIsGiven() throws {
        let f = try withPromiseAndCallback()
        let today = try f.app.promises(PromiseQuery(), now: noon)
        #expect(today.filter.from == day && today.filter.to == day && today.list.items.isEmpty)
        let due = try f.app.promises(PromiseQuery(due: CivilDate("2026-11-26")!), now: noon)
        #expect(due.list.items.map(\.accountID) == ["A1"])
        let pending = try f.app.promises(PromiseQuery(state: "pending"), now: noon)
        #expect(pending.filter.from == nil && pending.list.items.map(\.accountID) == ["A1"])
        #expect(appError { _ = try f.app.promises(PromiseQuery(state: "late")) }
                == .invalid("state: unknown state \"late\" (accepted: pending, kept, partial, broken, cancelled)"))
        #expect(appError { _ = try f.app.promises(PromiseQuery(due: day, from: day)) } == .invalid("give either a due day or a range, not both"))
    }

    @Test func callbacksDefaultToTheAgencysToday() throws {
        let f = try withPromiseAndCallback()
        let tomorrow = Instant("2026-11-25T08:00:00+03:00")!.epochSeconds
        let (date, list) = try f.app.callbacks(date: nil, now: tomorrow)
        #expect(date == CivilDate("2026-11-25")! && list.items.map(\.accountID) == ["A2"])
        #expect(try f.app.callbacks(date: day).list.items.isEmpty)
    }

    @Test func missingThingsAreNotFound() throws {
        let f = try AppFixture()
        #expect(appError { _ = try f.app.accountDetail(id: "A9") } == .notFound("no account \"A9\" in the store"))
        #expect(try f.app.accountDetail(id: "A1").account.debtorName == "One")
        #expect(appError { try f.app.resolveReview("conflict-9", note: nil) } == .notFound("no open review item \"conflict-9\"; fieldplan review lists them"))
        #expect(appError { try f.app.confirmClearance(account: "A1", by: nil) }
                == .notFound("no pending clearance for account \"A1\"; fieldplan clearances lists them"))
        #expect(appError { _ = try f.app.clearances(state: "done") } == .invalid("state: expected pending or confirmed"))
    }

    @Test func reviewAndAuditComeWithTheAgencysClock() throws {
        var f = try AppFixture()
        _ = try f.app.syncImport([f.input([
            #"{"kind":"outcome","id":"v1","account_id":"A3","agent_id":"G1","visited_at":"2026-11-24T09:00:00+03:00","code":"NOT_HOME","contact":"none"}"#,
            #"{"kind":"outcome","id":"v2","account_id":"A3","agent_id":"G2","visited_at":"2026-11-24T10:00:00+03:00","code":"NOT_HOME","contact":"none"}"#,
        ])], now: noon)
        let review = try f.app.reviewItems()
        #expect(review.items.map(\.id) == ["v2"])
        #expect(review.clock.instant(noon).text == "2026-11-24T12:00:00+03:00")
        try f.app.resolveReview("v2", note: "two agents")
        #expect(try f.app.reviewItems().items.isEmpty && f.app.reviewItems(includeResolved: true).items.count == 1)
    }

    @Test func auditEntriesComeWithTheAgencysClock() throws {
        let f = try withPromiseAndCallback()
        var entries: [(field: String, accountID: String, local: String)] = []
        try f.app.audit(account: "A1") { entry, clock in entries.append((entry.field, entry.accountID, clock.instant(entry.at).text)) }
        #expect(entries.contains { $0.field == "status" })
        #expect(entries.allSatisfy { $0.accountID == "A1" && $0.local.hasSuffix("+03:00") })
    }

    @Test func settingsAreCheckedWithoutAStore() throws {
        #expect(try FieldPlanApp.checkSetting("speed_kmh", to: "25") == "25")
        let error = appError { try FieldPlanApp.checkSetting("speed_kmh", to: "fast") }
        guard case .invalid(let message)? = error else { Issue.record("expected invalid, got \(String(describing: error))"); return }
        #expect(message.hasPrefix("settings: speed_kmh: "))
        let f = try AppFixture()
        #expect(try f.app.setSetting("agency_name", to: "Jamii Field") == "Jamii Field")
        #expect(appError { try f.app.setSetting("no_such_key", to: "1") }.map { if case .invalid = $0 { true } else { false } } == true)
    }

    @Test func aReportRangeIsChecked() throws {
        let f = try AppFixture()
        let backwards = ReportPeriod.range(from: day, to: day.adding(days: -1))
        #expect(appError { _ = try f.app.report(backwards, by: .agent, nowEpoch: noon) } == .invalid("--to 2026-11-23 is before --from 2026-11-24"))
        let long = ReportPeriod.range(from: day, to: day.adding(days: 400))
        #expect(appError { _ = try f.app.report(long, by: .agent, nowEpoch: noon) }
                == .invalid("a report covers at most 366 days; 2026-11-24 to 2027-12-29 is longer"))
    }
}
