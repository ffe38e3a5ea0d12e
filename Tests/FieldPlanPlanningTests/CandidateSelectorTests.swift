import FieldPlanCore
import FieldPlanPlanning
import FieldPlanRouting
import Testing

/// The refusals of issue 11: windows that become empty, booked visits not anticipated, days
/// with nobody working.
struct CandidateSelectorTests {
    static func w(_ from: String, _ to: String) -> FieldPlanCore.TimeWindow { FieldPlanCore.TimeWindow(from: LocalTime(from)!, to: LocalTime(to)!)! }
    static let hours = w("08:00", "19:00")

    @Test func theDebtorsRequestWinsOverTheStandingWindow() throws {
        // A call-back 10:00-12:00 on an account whose window is 08:00-10:00: not 10:00-10:00.
        let got = try CandidateSelector.window(hours: Self.hours, account: Self.w("08:00", "10:00"), requested: Self.w("10:00", "12:00")).get()
        #expect(got == Self.w("10:00", "12:00"))
        // Overlapping windows still intersect as before.
        #expect(try CandidateSelector.window(hours: Self.hours, account: Self.w("09:00", "11:00"), requested: Self.w("10:00", "12:00")).get()
                == Self.w("10:00", "11:00"))
        // Visiting hours still bound the request: they are the law.
        #expect(try CandidateSelector.window(hours: Self.hours, account: Self.w("08:00", "10:00"), requested: Self.w("18:00", "21:00")).get()
                == Self.w("18:00", "19:00"))
    }

    @Test func aWindowOfNoTimeIsUnplannable() {
        let touching = CandidateSelector.window(hours: Self.hours, account: nil, requested: Self.w("19:00", "20:00"))
        guard case .failure(let why) = touching else { Issue.record("19:00-20:00 gave \(touching)"); return }
        #expect(why.message == "window 19:00-20:00 only touches at 19:00 visiting hours 08:00-19:00")
        guard case .failure(let early) = CandidateSelector.window(hours: Self.hours, account: nil, requested: Self.w("06:00", "06:30")) else {
            Issue.record("06:00-06:30 accepted"); return
        }
        #expect(early.message.contains("is outside visiting hours"))
        guard case .failure = CandidateSelector.window(hours: Self.hours, account: Self.w("19:00", "21:00"), requested: nil) else {
            Issue.record("a standing window touching the end of visiting hours accepted"); return
        }
    }

    @Test func aCallbackPlannedInsideTheRequestNotTheStandingWindow() throws {
        var input = PlanningFixtures.input(seed: 7, appointments: 0)
        let i = input.accounts.firstIndex { $0.location != nil && ($0.status ?? .open).isPlannable && input.history[$0.id] == nil }!
        input.accounts[i].visitWindow = Self.w("08:00", "10:00")
        input.history[input.accounts[i].id] = AccountHistory(lastVisit: PlanningFixtures.date.adding(days: -5), latestCode: .callback,
                                                            latestDate: PlanningFixtures.date.adding(days: -5),
                                                            callback: .init(date: PlanningFixtures.date, window: Self.w("10:00", "12:00")))
        let c = CandidateSelector(input: input).select().candidates.first { $0.account.id == input.accounts[i].id }
        #expect(c?.mandatory == true)
        #expect(c?.window == Self.w("10:00", "12:00"))
    }

    @Test func bookedVisitsAreNotAnticipated() {
        var input = PlanningFixtures.input(seed: 8, appointments: 0)
        let target = input.accounts.first { $0.location != nil && ($0.status ?? .open).isPlannable && input.history[$0.id] == nil }!
        let ids = { CandidateSelector(input: input).select().candidates.map(\.account.id) }
        #expect(ids().contains(target.id))
        // An appointment the day after tomorrow (min_gap_days 3): not an ordinary candidate today.
        input.appointments.append(Appointment(id: "SOON", accountID: target.id, date: PlanningFixtures.date.adding(days: 2), window: Self.w("10:00", "11:00")))
        #expect(!ids().contains(target.id))
        // Beyond the gap it no longer holds the account back.
        input.appointments[input.appointments.count - 1].date = PlanningFixtures.date.adding(days: 4)
        #expect(ids().contains(target.id))
        // A call-back asked for tomorrow holds it back too.
        input.history[target.id] = AccountHistory(lastVisit: PlanningFixtures.date.adding(days: -6), latestCode: .callback,
                                                  latestDate: PlanningFixtures.date.adding(days: -6),
                                                  callback: .init(date: PlanningFixtures.date.adding(days: 1), window: nil))
        #expect(!ids().contains(target.id))
    }

    @Test func aDayWithNobodyWorkingIsRefused() throws {
        var input = PlanningFixtures.input(seed: 9, accounts: 60, appointments: 2)
        let planner = DayPlanner(limit: SearchLimit(seconds: nil, iterations: 20), seed: 1, threads: 1)
        #expect(CandidateSelector(input: input).nobodyWorking == nil)
        input.absentAgents = Set(input.agents.map(\.id))
        #expect(CandidateSelector(input: input).nobodyWorking?.hasPrefix("every agent who works on tue is absent") == true)
        #expect(throws: PlanningRefusal.self) { try planner.plan(input) }
        input.absentAgents = []
        input.date = CivilDate("2026-12-06")!   // a Sunday
        #expect(CandidateSelector(input: input).nobodyWorking?.contains("is a sun, not a visiting day") == true)
        #expect(throws: PlanningRefusal.self) { try planner.plan(input) }
        input.date = PlanningFixtures.date
        for i in input.agents.indices { input.agents[i].days = [.mon] }
        #expect(CandidateSelector(input: input).nobodyWorking == "no active agent works on tue (2026-12-01)")
    }
}
