import FieldPlanCore
import FieldPlanPlanning
import FieldPlanRouting
import Testing

struct DayPlannerTests {
    /// Every plan passes the independent recheck of all hard rules, over many seeds and
    /// generated cities, with and without zones.
    @Test(arguments: Array(UInt64(1)...UInt64(12)))
    func plansAreFeasible(seed: UInt64) throws {
        let input = PlanningFixtures.input(seed: seed, zones: seed % 3 != 0)
        let plan = try DayPlanner(limit: SearchLimit(seconds: nil, iterations: 150), seed: seed, threads: 1).plan(input)
        #expect(DayPlanChecker(input: input).violations(of: plan) == [])
        #expect(plan.visitCount > 0)
        for route in plan.routes where !route.stops.isEmpty {
            #expect(route.stops.map(\.seq) == Array(1...route.stops.count))
        }
    }

    @Test func sameSeedSamePlan() throws {
        let input = PlanningFixtures.input(seed: 3)
        let planner = DayPlanner(limit: SearchLimit(seconds: nil, iterations: 100), seed: 9, threads: 2)
        #expect(try planner.plan(input) == planner.plan(input))
    }

    @Test func theCheckerCatchesBrokenPlans() throws {
        let input = PlanningFixtures.input(seed: 4)
        let plan = try DayPlanner(limit: SearchLimit(seconds: nil, iterations: 50), seed: 1, threads: 1).plan(input)
        let checker = DayPlanChecker(input: input)
        guard let r = plan.routes.firstIndex(where: { $0.visitCount >= 2 }) else { Issue.record("no route with two visits"); return }
        var late = plan
        let last = late.routes[r].stops.count - 1
        late.routes[r].end = 23 * 3600
        #expect(!checker.violations(of: late).isEmpty, "back after the shift")
        var twice = plan
        let first = twice.routes[r].stops.first { $0.accountID != nil }!
        twice.routes[r].stops[last].accountID = first.accountID
        #expect(checker.violations(of: twice).contains { $0.contains("visited twice") })
        var dropped = plan
        dropped.unplanned = []
        if !plan.unplanned.isEmpty { #expect(!checker.violations(of: dropped).isEmpty, "unplannable visits must be reported") }
    }

    /// Appointments are mandatory: planned, or reported with a reason; never silently dropped.
    @Test(arguments: [11, 12, 13] as [UInt64])
    func appointmentsArePlannedOrExplained(seed: UInt64) throws {
        var input = PlanningFixtures.input(seed: seed, appointments: 30)
        // One appointment at 06:00, before visiting hours: it cannot be planned.
        let early = input.appointments.first { $0.date == PlanningFixtures.date }!
        input.appointments.append(Appointment(id: "EARLY", accountID: early.accountID, date: PlanningFixtures.date,
                                              window: TimeWindow(from: LocalTime("06:00")!, to: LocalTime("06:30")!)!))
        input.appointments.removeAll { $0.id == early.id }
        let plan = try DayPlanner(limit: SearchLimit(seconds: nil, iterations: 150), seed: seed, threads: 1).plan(input)
        let planned = Set(plan.routes.flatMap { $0.stops.compactMap(\.accountID) })
        let reported = Set(plan.unplanned.map(\.accountID))
        for a in input.appointments where a.date == PlanningFixtures.date {
            #expect(planned.contains(a.accountID) || reported.contains(a.accountID), "appointment \(a.id) vanished")
        }
        #expect(plan.unplanned.contains { $0.accountID == early.accountID && $0.reason.contains("outside visiting hours") })
        for route in plan.routes {
            for stop in route.stops where stop.reason == .appointment {
                let appt = input.appointments.first { $0.accountID == stop.accountID }!
                #expect(stop.eta >= appt.window.from.minutes * 60 && stop.eta <= appt.window.to.minutes * 60)
            }
        }
    }

    @Test func compliancePreventsVisits() throws {
        var input = PlanningFixtures.input(seed: 5, appointments: 0)
        let target = input.accounts.first { $0.location != nil && ($0.status ?? .open).isPlannable }!
        let selector = { CandidateSelector(input: input).select().candidates.map(\.account.id) }
        #expect(selector().contains(target.id))
        input.history[target.id] = AccountHistory(lastVisit: PlanningFixtures.date.adding(days: -1))
        #expect(!selector().contains(target.id), "minimum gap")
        input.history[target.id] = AccountHistory(lastVisit: PlanningFixtures.date.adding(days: -10), latestCode: .hardship,
                                                  latestDate: PlanningFixtures.date.adding(days: -10))
        #expect(!selector().contains(target.id), "hardship hold")
        input.history[target.id] = AccountHistory(lastVisit: PlanningFixtures.date.adding(days: -10), visitsThisMonth: 4)
        #expect(!selector().contains(target.id), "monthly limit")
        input.history[target.id] = nil
        if let i = input.accounts.firstIndex(where: { $0.id == target.id }) { input.accounts[i].status = .disputed }
        #expect(!selector().contains(target.id), "status")
    }

    @Test func absentAgentsUrgentStopsGoToNeighbours() throws {
        var input = PlanningFixtures.input(seed: 6, appointments: 0)
        let absent = input.agents[0].id
        input.absentAgents = [absent]
        let selection = CandidateSelector(input: input).select()
        #expect(!selection.agents.contains { $0.id == absent })
        let fromAbsentZone = selection.candidates.filter { $0.account.zoneID == "Z-\(absent)" }
        #expect(fromAbsentZone.allSatisfy { $0.reason != .priority || $0.mandatory })
        #expect(fromAbsentZone.allSatisfy { !$0.agentIDs.contains(absent) && !$0.agentIDs.isEmpty })
    }

    @Test func priorityIsExplained() {
        let date = PlanningFixtures.date
        var a = Account(id: "A", client: "C", debtorName: "D", balance: Money(minorUnits: 10_000_00))
        a.daysPastDue = 100
        let plain = PriorityModel.score(account: a, history: .none, date: date, hasAppointment: false, hasCallback: false)
        #expect(plain.points == 10 + 20 + 10 + 25)
        #expect(plain.reason == .priority)
        let broken = PriorityModel.score(account: a, history: AccountHistory(lastVisit: date.adding(days: -20),
            promise: .init(amount: Money(minorUnits: 100_000), date: date.adding(days: -2))), date: date, hasAppointment: false, hasCallback: false)
        #expect(broken.reason == .brokenPromise && broken.points > plain.points)
        let due = PriorityModel.score(account: a, history: AccountHistory(promise: .init(amount: Money(minorUnits: 100_000), date: date)),
                                      date: date, hasAppointment: false, hasCallback: false)
        #expect(due.reason == .promiseDue)
        let kept = PriorityModel.score(account: a, history: AccountHistory(promise: .init(amount: Money(minorUnits: 100_000), date: date.adding(days: -2)),
                                                                          paidSincePromise: Money(minorUnits: 100_000)), date: date, hasAppointment: false, hasCallback: false)
        #expect(kept.reason == .priority)
    }
}
