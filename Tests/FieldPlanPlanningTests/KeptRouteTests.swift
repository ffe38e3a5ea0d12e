import FieldPlanCore
import FieldPlanPlanning
import FieldPlanRouting
import Testing

/// Re-planning a day that has started: the visits with an outcome stay as they were, the rest
/// is planned after them, and the checker accepts the result. Locked routes stay whole.
struct KeptRouteTests {
    static let planner = DayPlanner(limit: SearchLimit(seconds: nil, iterations: 100), seed: 2, threads: 1)

    @Test(arguments: [1, 2, 3] as [UInt64])
    func visitedStopsStayAndTheRestIsPlannedAfterThem(seed: UInt64) throws {
        var input = PlanningFixtures.input(seed: seed)
        let first = try Self.planner.plan(input)
        let route = first.routes.first { $0.visitCount >= 4 }!
        let visits = route.stops.compactMap(\.accountID)
        // The agent has been to the first and the third stop (the second was skipped).
        let visited: Set<String> = [visits[0], visits[2]]
        let locations = Dictionary(uniqueKeysWithValues: input.accounts.compactMap { a in a.location.map { (a.id, $0) } })
        let agent = input.agents.first { $0.id == route.agentID }!
        let started = try KeptRoute.started(route, visited: visited, base: agent.base, locations: locations, model: input.settings.travelModel)
        let kept = try #require(started)
        #expect(kept.accountIDs == [visits[0], visits[2]])
        input.visitedToday = visited
        input.keptRoutes = [kept]
        let again = try Self.planner.plan(input)
        #expect(DayPlanChecker(input: input).violations(of: again) == [])
        let newRoute = again.routes.first { $0.agentID == route.agentID }!
        let oldStops = route.stops.filter { $0.accountID.map(visited.contains) ?? false }
        let newStops = newRoute.stops.filter { $0.accountID.map(visited.contains) ?? false }
        #expect(newStops.map(\.eta) == oldStops.map(\.eta), "same times")
        #expect(newStops.map(\.accountID) == oldStops.map(\.accountID))
        #expect(Array(newRoute.stops.prefix(kept.route.stops.count).map(\.accountID)) == kept.route.stops.map(\.accountID), "kept stops come first")
        #expect(newRoute.stops.dropFirst(kept.route.stops.count).allSatisfy { $0.eta >= kept.freeAt })
        // Nobody else visits them again.
        #expect(again.routes.filter { $0.agentID != route.agentID }.allSatisfy { r in !r.stops.contains { $0.accountID.map(visited.contains) ?? false } })
        // Left out by --agents, the agent keeps the visited stops and gets nothing new.
        input.onlyAgents = Set(input.agents.map(\.id)).subtracting([route.agentID])
        let without = try Self.planner.plan(input)
        #expect(DayPlanChecker(input: input).violations(of: without) == [])
        #expect(without.routes.first { $0.agentID == route.agentID }?.stops.compactMap(\.accountID) == kept.accountIDs)
        input.onlyAgents = nil
        // The checker notices a kept stop that went missing or moved.
        var lost = again
        let r = lost.routes.firstIndex { $0.agentID == route.agentID }!
        lost.routes[r].stops.removeAll { $0.accountID == visits[0] }
        #expect(DayPlanChecker(input: input).violations(of: lost).contains { $0.contains("kept stop \(visits[0]) is missing") })
    }

    @Test func aLockedRouteIsKeptExactly() throws {
        var input = PlanningFixtures.input(seed: 4)
        let first = try Self.planner.plan(input)
        let route = first.routes.first { $0.visitCount >= 2 }!
        input.keptRoutes = [KeptRoute(route: route, locked: true)]
        let again = try DayPlanner(limit: SearchLimit(seconds: nil, iterations: 100), seed: 7, threads: 1).plan(input)
        #expect(again.routes.first { $0.agentID == route.agentID } == route)
        #expect(DayPlanChecker(input: input).violations(of: again) == [])
        var changed = again
        let r = changed.routes.firstIndex { $0.agentID == route.agentID }!
        changed.routes[r].stops.removeLast()
        #expect(DayPlanChecker(input: input).violations(of: changed).contains { $0.contains("the locked route was changed") })
    }
}

/// When `plan --date D` needs `--force`.
struct ReplanGuardTests {
    static let d = CivilDate("2026-11-24")!

    @Test func aStartedOrPastDayNeedsForce() {
        #expect(ReplanGuard.refusal(date: Self.d, today: Self.d, outcomesOnDate: 0) == nil)
        #expect(ReplanGuard.refusal(date: Self.d, today: Self.d.adding(days: -3), outcomesOnDate: 0) == nil)
        #expect(ReplanGuard.refusal(date: Self.d, today: Self.d, outcomesOnDate: 2)?.hasPrefix("2026-11-24 has started: 2 visits have an outcome") == true)
        #expect(ReplanGuard.refusal(date: Self.d, today: Self.d.adding(days: 1), outcomesOnDate: 0)?.contains("is in the past (today is 2026-11-25") == true)
    }
}
