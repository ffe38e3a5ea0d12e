import FieldPlanCore
import FieldPlanPlanning
import FieldPlanRouting
import Testing

/// Re-planning the rest of a started day from a time (`plan --from-time HH:MM`), over seeded
/// cities: a simulated morning (some stops before the time visited, some skipped), a new
/// appointment booked for the afternoon, sometimes an agent calling in sick. Every re-plan
/// passes the checker, keeps the done stops as they were, starts nothing new before the time
/// and is the same for the same seed.
struct FromTimeReplanTests {
    static let planner = DayPlanner(limit: SearchLimit(seconds: nil, iterations: 150), seed: 3, threads: 1)
    static let eleven = 11 * 3600

    /// The day planned in the morning, then the input of a re-plan at `fromTime`.
    static func startedDay(seed: UInt64, fromTime: Int = eleven, absent: Bool) throws -> (first: DayPlan, input: PlanningInput, newAppointment: String) {
        var input = PlanningFixtures.input(seed: seed)
        let first = try planner.plan(input)
        var rng = SeededGenerator(seed: seed &+ 11)
        var visited = Set<String>()
        for route in first.routes {
            for stop in route.stops where stop.etd <= fromTime {
                if let id = stop.accountID, Double.random(in: 0..<1, using: &rng) < 0.8 { visited.insert(id) }
            }
        }
        let locations = Dictionary(uniqueKeysWithValues: input.accounts.compactMap { a in a.location.map { (a.id, $0) } })
        let bases = Dictionary(uniqueKeysWithValues: input.agents.map { ($0.id, $0.base) })
        input.keptRoutes = try first.routes.compactMap {
            try KeptRoute.started($0, visited: visited, base: bases[$0.agentID]!, locations: locations, model: input.travel, until: fromTime)
        }
        input.visitedToday = visited
        input.fromTime = fromTime
        // A debtor rang at ten: come this afternoon.
        let planned = Set(first.routes.flatMap { $0.stops.compactMap(\.accountID) })
        let fresh = input.accounts.first { $0.location != nil && !planned.contains($0.id) && ($0.status == .open || $0.status == .ptp) && input.history[$0.id] == nil }!
        input.appointments.append(Appointment(id: "AP-NEW", accountID: fresh.id, date: input.date,
                                              window: TimeWindow(from: LocalTime(minutes: 13 * 60), to: LocalTime(minutes: 15 * 60))!))
        if absent {
            let busiest = first.routes.max { ($0.visitCount, $1.agentID) < ($1.visitCount, $0.agentID) }!
            input.absentAgents = [busiest.agentID]
        }
        return (first, input, fresh.id)
    }

    /// Issue 16 (c): a re-plan late in the day keeps candidates for the visits an agent can
    /// still make (one per 30 minutes left), not for a whole day's `max_visits`, so its
    /// matrix and search are smaller.
    @Test func aReplanLateInTheDayKeepsFewerCandidates() throws {
        var input = PlanningFixtures.input(seed: 5, accounts: 1600)
        let whole = try Self.planner.problem(for: input)
        input.fromTime = 15 * 3600
        let late = try Self.planner.problem(for: input)
        #expect(!late.agents.isEmpty)
        for a in late.agents {
            let room = DayPlanner.room(a, kept: nil, input: input)
            #expect(room < (a.maxVisits ?? 99), "\(a.id)")
            let mine = late.candidates.filter { !$0.mandatory && $0.agentIDs.contains(a.id) }.count
            #expect(mine <= max(30, 5 * room), "\(a.id): \(mine) candidates for \(room) visits")
        }
        #expect(late.candidates.count < whole.candidates.count)
    }

    @Test(arguments: Array(1...8) as [UInt64])
    func everyReplanPassesTheCheckerAndKeepsTheMorning(seed: UInt64) throws {
        let (_, input, fresh) = try Self.startedDay(seed: seed, absent: seed % 2 == 0)
        let again = try Self.planner.plan(input)
        #expect(DayPlanChecker(input: input).violations(of: again) == [])
        // Done stops unchanged: same agent, same times.
        for k in input.keptRoutes {
            let route = try #require(again.routes.first { $0.agentID == k.agentID })
            #expect(Array(route.stops.prefix(k.route.stops.count)) == k.route.stops)
            #expect(route.stops.dropFirst(k.route.stops.count).allSatisfy { $0.eta >= Self.eleven })
        }
        // No time travel: everything new starts at 11:00 or later.
        let kept = Set(input.keptRoutes.flatMap(\.accountIDs))
        for r in again.routes { for s in r.stops where s.accountID.map({ !kept.contains($0) }) ?? true {
            if !(input.keptRoutes.first { $0.agentID == r.agentID }?.route.stops.contains(s) ?? false) { #expect(s.eta >= Self.eleven) }
        } }
        // The new appointment is taken in (or reported with its reason).
        #expect(again.routes.contains { $0.stops.contains { $0.accountID == fresh } } || again.unplanned.contains { $0.accountID == fresh })
        // An absent agent keeps the morning and gets nothing new.
        for a in input.absentAgents {
            let mine = again.routes.first { $0.agentID == a }?.stops.compactMap(\.accountID) ?? []
            #expect(mine == (input.keptRoutes.first { $0.agentID == a }?.accountIDs ?? []))
        }
        // The same seed gives the same re-plan.
        #expect(try Self.planner.plan(input) == again)
    }

    @Test func theCheckerCatchesTimeTravelAndMovedDoneStops() throws {
        let (first, input, _) = try Self.startedDay(seed: 5, absent: false)
        // The morning's plan as it was: its stops before 11:00 that were not done are new
        // stops before the re-plan time.
        #expect(DayPlanChecker(input: input).violations(of: first).contains { $0.contains("before the re-plan time") })
        let again = try Self.planner.plan(input)
        let k = try #require(input.keptRoutes.first { !$0.accountIDs.isEmpty })
        let other = try #require(again.routes.firstIndex { $0.agentID != k.agentID && $0.visitCount > 0 })
        let mine = try #require(again.routes.firstIndex { $0.agentID == k.agentID })
        var moved = again
        let stop = moved.routes[mine].stops.first { $0.accountID == k.accountIDs[0] }!
        moved.routes[mine].stops.removeAll { $0 == stop }
        moved.routes[other].stops.append(stop)
        let v = DayPlanChecker(input: input).violations(of: moved)
        #expect(v.contains { $0.contains("is a done stop of \(k.agentID)") })
    }

    @Test func aBreakWhoseWindowClosedBeforeTheRestartIsTakenAsHad() throws {
        let (_, input, _) = try Self.startedDay(seed: 3, fromTime: 15 * 3600, absent: false)
        let again = try Self.planner.plan(input)
        #expect(DayPlanChecker(input: input).violations(of: again) == [])
        for r in again.routes where r.stops.contains(where: { $0.eta >= 15 * 3600 && $0.accountID != nil }) {
            #expect(r.stops.filter { $0.accountID == nil }.count <= 1)
        }
    }
}
