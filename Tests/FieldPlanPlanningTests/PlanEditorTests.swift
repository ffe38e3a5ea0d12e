import FieldPlanCore
import FieldPlanPlanning
import FieldPlanRouting
import Testing

/// Manual edits: re-timed with the travel model, passed by the checker, or refused with the
/// rule they break; `PlanDiff` names what changed.
struct PlanEditorTests {
    static func setting(accounts: Int = 300) throws -> (PlanningInput, DayPlan) {
        var input = PlanningFixtures.input(seed: 21, accounts: accounts)
        let plan = try DayPlanner(limit: SearchLimit(seconds: nil, iterations: 100), seed: 1, threads: 1).plan(input)
        input.zoneAgents = nil   // as the store gives it to edits: any working agent may take any account
        return (input, plan)
    }

    @Test func aMoveIsRetimedAndPassesTheChecker() throws {
        let (input, plan) = try Self.setting(accounts: 50)
        let from = plan.routes.first { $0.visitCount >= 2 && !$0.stops.contains { $0.reason == .appointment || $0.reason == .callback } }
            ?? plan.routes.first { $0.visitCount >= 2 }!
        let id = from.stops.compactMap(\.accountID).first { a in from.stops.first { $0.accountID == a }!.reason == .priority }!
        let limit = Dictionary(uniqueKeysWithValues: input.agents.map { ($0.id, $0.maxVisits ?? 99) })
        let to = try #require(plan.routes.first { $0.agentID != from.agentID && $0.visitCount < limit[$0.agentID]! }, "a route with room")
        let edited = try PlanEditor(input: input).apply(.move(account: id, toAgent: to.agentID, position: 1), to: plan).get()
        #expect(DayPlanChecker(input: input).violations(of: edited) == [])
        let target = edited.routes.first { $0.agentID == to.agentID }!
        #expect(target.stops.compactMap(\.accountID).first == id)
        #expect(!edited.routes.first { $0.agentID == from.agentID }!.stops.contains { $0.accountID == id })
        let diff = PlanDiff(from: plan, to: edited)
        #expect(diff.moved.map(\.accountID) == [id])
        #expect(diff.added.isEmpty && diff.dropped.isEmpty)
        // Untouched routes are kept exactly.
        for r in plan.routes where r.agentID != from.agentID && r.agentID != to.agentID { #expect(edited.routes.contains(r)) }
    }

    @Test func refusalsNameTheRule() throws {
        let (input, plan) = try Self.setting()
        let editor = PlanEditor(input: input)
        let full = plan.routes.first { r in r.visitCount == input.agents.first { $0.id == r.agentID }!.maxVisits }
        let other = plan.routes.first { $0.agentID != full?.agentID && $0.visitCount > 0 }!
        let id = other.stops.compactMap(\.accountID).first { a in other.stops.first { $0.accountID == a }!.reason == .priority }!
        if let full, case .failure(let why) = editor.apply(.move(account: id, toAgent: full.agentID, position: nil), to: plan) {
            #expect(why.rule == "max_visits")
        } else if let full {
            Issue.record("a move onto the full route of \(full.agentID) was accepted")
        }
        guard case .failure(let nowhere) = editor.apply(.drop(account: "NOPE", reason: "x"), to: plan) else { Issue.record("dropped an unplanned account"); return }
        #expect(nowhere.rule == "plan")
        guard case .failure(let twice) = editor.apply(.add(account: id, agent: other.agentID, position: nil), to: plan) else { Issue.record("added twice"); return }
        #expect(twice.rule == "plan" && twice.message.contains("use plan move"))
    }

    @Test func theSchedulerRefusesTheShiftEndAndClosedWindows() throws {
        let (input, plan) = try Self.setting()
        let route = plan.routes.first { $0.visitCount >= 2 }!
        var agent = input.agents.first { $0.id == route.agentID }!
        let selection = CandidateSelector(input: input).select()
        let visits = route.stops.compactMap(\.accountID).map { id in selection.candidates.first { $0.account.id == id }! }
        let model = input.settings.travelModel
        let again = try RouteScheduler(agent: agent, model: model).schedule(visits).get()
        #expect(again.stops.compactMap(\.accountID) == route.stops.compactMap(\.accountID))
        agent.shift = TimeWindow(from: agent.shift.from, to: LocalTime(minutes: agent.shift.from.minutes + 20))!
        agent.breakRule = nil
        guard case .failure(let late) = RouteScheduler(agent: agent, model: model).schedule(visits) else { Issue.record("shift ignored"); return }
        #expect(late.rule == "shift end" || late.rule == "window")
        var closed = visits
        closed[1].window = TimeWindow(from: LocalTime("08:00")!, to: LocalTime("08:01")!)!
        agent.shift = TimeWindow(from: LocalTime("08:00")!, to: LocalTime("19:00")!)!
        guard case .failure(let shut) = RouteScheduler(agent: agent, model: model).schedule(closed) else { Issue.record("window ignored"); return }
        #expect(shut.rule == "window" && shut.message.contains("after its window 08:00-08:01 closes"))
    }

    @Test func diffTellsReorderedFromMoved() {
        func stop(_ id: String?) -> PlannedStop {
            PlannedStop(seq: 0, accountID: id, eta: 0, etd: 0, window: nil, legMetres: 0, legSeconds: 0, reason: id == nil ? .break : .priority, priority: 1)
        }
        func route(_ agent: String, _ ids: [String?]) -> AgentRoute {
            AgentRoute(agentID: agent, start: 0, end: 0, travelMetres: 0, travelSeconds: 0, priority: 0, stops: ids.map(stop))
        }
        let d = CivilDate("2026-12-01")!
        let old = DayPlan(date: d, utcOffsetSeconds: 0, routes: [route("G1", ["A", "B", nil, "C", "D"]), route("G2", ["E"])], unplanned: [], candidateCount: 0, mandatoryCount: 0)
        let new = DayPlan(date: d, utcOffsetSeconds: 0, routes: [route("G1", ["B", "C", nil, "A", "F"]), route("G2", ["E", "D"])], unplanned: [], candidateCount: 0, mandatoryCount: 0)
        let diff = PlanDiff(from: old, to: new)
        #expect(diff.added.map(\.accountID) == ["F"])
        #expect(diff.dropped.isEmpty)
        #expect(diff.moved.map(\.accountID) == ["D"])
        #expect(diff.moved[0].from.position == 4 && diff.moved[0].to.position == 2)
        #expect(diff.reordered.map(\.accountID) == ["A"], "B and C kept their order; A moved behind them")
    }
}
