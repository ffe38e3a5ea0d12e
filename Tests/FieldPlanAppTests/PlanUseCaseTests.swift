import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import FieldPlanStore
import Testing

/// `FieldPlanApp+Plan`, `+PlanReads`, `+PlanEdits`: the day's plan made, refused, read,
/// compared, edited and locked, each failure typed.
struct PlanUseCaseTests {
    let day = AppFixture.day

    @Test func aPlanIsCheckedAndStoredAsTheNextVersion() throws {
        let f = try AppFixture()
        let first = try f.plan()
        #expect(first.version == 1 && first.changes.previousVersion == nil)
        #expect(first.plan.visitCount > 0 && first.kept.isEmpty)
        let second = try f.plan()
        #expect(second.version == 2 && second.changes.previousVersion == 1)
        #expect(try f.store.storedPlan(date: day)?.madeBy == "plan")
    }

    @Test func unknownAgentsAreInvalidAndNothingIsStored() throws {
        let f = try AppFixture()
        let request = PlanDayRequest(date: day, absent: ["G9", "G8"], iterations: 10, today: day)
        #expect(appError { _ = try f.app.planDay(request) } == .invalid("no agent \"G8\" in the store"))
        #expect(try f.store.planVersions(date: day).isEmpty)
    }

    @Test func aPastDayIsRefusedWithoutForce() throws {
        let f = try AppFixture()
        let past = PlanDayRequest(date: day, iterations: 10, today: day.adding(days: 1))
        let error = appError { _ = try f.app.planDay(past) }
        guard case .refused(let message)? = error else { Issue.record("expected a refusal, got \(String(describing: error))"); return }
        #expect(message.hasPrefix("plan 2026-11-24: 2026-11-24 is in the past"))
        var forced = past
        forced.force = true
        #expect(try f.app.planDay(forced).version == 1)
        #expect(try f.store.storedPlan(date: day)?.madeBy == "plan --force")
    }

    @Test func aDayWithNobodyWorkingIsRefused() throws {
        let f = try AppFixture()
        let sunday = CivilDate("2026-11-29")!
        let error = appError { _ = try f.app.planDay(PlanDayRequest(date: sunday, iterations: 10, today: day)) }
        guard case .refused(let message)? = error else { Issue.record("expected a refusal, got \(String(describing: error))"); return }
        #expect(message.hasPrefix("nothing planned for 2026-11-29: "))
    }

    @Test func theProblemIsHandedOverBeforePlanningWhenAsked() throws {
        let f = try AppFixture()
        var problems: [String] = []
        var request = PlanDayRequest(date: day, iterations: 10, today: day)
        _ = try f.app.planDay(request, problem: { problems.append($0) })
        #expect(problems.isEmpty)
        request.exportProblem = true
        _ = try f.app.planDay(request, problem: { problems.append($0) })
        #expect(problems.count == 1 && problems[0].hasPrefix("{"))
    }

    @Test func searchLimitDefaultsAndCap() throws {
        let plain = try FieldPlanApp.searchLimit(seconds: nil, iterations: nil)
        #expect(plain.seconds == 10 && plain.iterations == nil)
        let budget = try FieldPlanApp.searchLimit(seconds: nil, iterations: 200)
        #expect(budget.seconds == nil && budget.iterations == 200)
        // A capped caller: more seconds are refused, an iteration budget is bounded in time too.
        let cap = FieldPlanApp.servicePlanSecondsCap
        #expect(appError { _ = try FieldPlanApp.searchLimit(seconds: cap + 1, iterations: nil, maxSeconds: cap) }
                == .invalid("seconds: at most 30 seconds of search here, got 31"))
        let capped = try FieldPlanApp.searchLimit(seconds: nil, iterations: 200, maxSeconds: cap)
        #expect(capped.seconds == cap && capped.iterations == 200)
        #expect(try FieldPlanApp.searchLimit(seconds: nil, iterations: nil, maxSeconds: 4).seconds == 4)
        #expect(try FieldPlanApp.searchLimit(seconds: cap, iterations: nil, maxSeconds: cap).seconds == cap)
        #expect(appError { _ = try FieldPlanApp.searchLimit(seconds: 0, iterations: nil) } == .invalid("seconds: expected a positive number of seconds, got 0.0"))
        #expect(appError { _ = try FieldPlanApp.searchLimit(seconds: nil, iterations: 0) } == .invalid("iterations: expected at least 1, got 0"))
    }

    @Test func aCappedPlanRequestIsRefusedBeforeReadingTheStore() throws {
        let f = try AppFixture()
        let request = PlanDayRequest(date: day, seconds: 600, maxSeconds: FieldPlanApp.servicePlanSecondsCap, today: day)
        #expect(appError { _ = try f.app.planDay(request) } == .invalid("seconds: at most 30 seconds of search here, got 600"))
        #expect(try f.store.planVersions(date: day).isEmpty)
    }

    @Test func showNarrowsToOneAgentAndNamesWhatIsMissing() throws {
        let f = try AppFixture()
        #expect(appError { _ = try f.app.plan(date: day) } == .notFound("no plan for 2026-11-24; run fieldplan plan --date 2026-11-24"))
        let made = try f.plan()
        let all = try f.app.plan(date: day)
        #expect(all.stored.version == 1 && all.plan.routes == made.plan.routes)
        let agent = try #require(made.plan.routes.first?.agentID)
        let one = try f.app.plan(date: day, agent: agent)
        #expect(one.plan.routes.map(\.agentID) == [agent])
        #expect(made.plan.routes.count > 1)
        #expect(one.stored.plan.routes.map(\.agentID) == [agent], "only the agent's route is read from the store")
        #expect(appError { _ = try f.app.plan(date: day, agent: "G9") } == .notFound("agent \"G9\" has no route on the plan for 2026-11-24"))
        #expect(appError { _ = try f.app.plan(date: day, version: 7) }
                == .notFound("no version 7 of the plan for 2026-11-24 (fieldplan plan show --date 2026-11-24 lists the latest)"))
    }

    @Test func editsAreTypedAndTheDiffSaysWhy() throws {
        let f = try AppFixture()
        let made = try f.plan()
        let route = try #require(made.plan.routes.first { $0.visitCount > 0 })
        let account = try #require(route.stops.compactMap(\.accountID).first)
        // A6 has an appointment in two days: the min gap refuses it.
        let refused = appError { _ = try f.app.editPlan(date: day, .move(account: "A6", toAgent: "G1", position: nil)) }
        guard case .refused? = refused else { Issue.record("expected a refusal, got \(String(describing: refused))"); return }
        let dropped = try f.app.editPlan(date: day, .drop(account: account, reason: "gate locked"))
        #expect(dropped.version == 2 && dropped.route == nil && dropped.changes.removed == 1)
        let other = route.agentID == "G1" ? "G2" : "G1"
        let moved = try f.app.editPlan(date: day, .add(account: account, agent: other, position: nil))
        #expect(moved.version == 3 && moved.route == other)
        let comparison = try f.app.planDiff(date: day, from: 1, to: 2)
        #expect(comparison.diff.dropped.map(\.accountID) == [account])
        #expect(comparison.reason(dropped: account) == nil)  // a priority visit: not a mandatory one
        #expect(appError { _ = try f.app.planDiff(date: day, from: 9) }
                == .notFound("no version 9 of the plan for 2026-11-24 (fieldplan plan show --date 2026-11-24 lists the latest)"))
    }

    @Test func anEditOfAPlanThatChangedMeanwhileIsAConflict() throws {
        let f = try AppFixture()
        let made = try f.plan()
        let account = try #require(made.plan.routes.first { $0.visitCount > 0 }?.stops.compactMap(\.accountID).first)
        _ = try f.plan()  // someone re-plans: version 2
        #expect(appError { _ = try f.app.editPlan(date: day, .drop(account: account, reason: "gate"), expectedVersion: 1) }
                == .conflict("the plan for 2026-11-24 is at version 2, not 1: it changed meanwhile; nothing was stored (fieldplan plan show --date 2026-11-24)"))
        #expect(try f.store.planVersions(date: day) == [1, 2])
        let stops = try #require(try f.store.storedPlan(date: day)).plan.routes.flatMap { $0.stops.compactMap(\.accountID) }
        let current = try #require(stops.first)
        #expect(try f.app.editPlan(date: day, .drop(account: current, reason: "gate"), expectedVersion: 2).version == 3)
    }

    @Test func lockingNeedsARoute() throws {
        let f = try AppFixture()
        #expect(appError { try f.app.setRouteLocked(date: day, agent: "G1", true) } == .notFound("no plan for 2026-11-24; run fieldplan plan --date 2026-11-24"))
        let made = try f.plan()
        let agent = try #require(made.plan.routes.first?.agentID)
        #expect(try f.app.setRouteLocked(date: day, agent: agent, true))
        #expect(try !f.app.setRouteLocked(date: day, agent: agent, true))
        #expect(try f.plan().lockedAgents == [agent])
        #expect(try f.app.setRouteLocked(date: day, agent: agent, false))
    }

    @Test func anAbsentAgentWithALockedRouteIsRefused() throws {
        let f = try AppFixture()
        let made = try f.plan()
        let agent = try #require(made.plan.routes.first?.agentID)
        try f.app.setRouteLocked(date: day, agent: agent, true)
        let request = PlanDayRequest(date: day, absent: [agent], iterations: 10, today: day)
        #expect(appError { _ = try f.app.planDay(request) }
                == .refused("plan 2026-11-24: \(agent) is given as absent but their route is locked (plan unlock --date 2026-11-24 --agent \(agent))"))
    }
}
