import FieldPlanCore

/// Evens out each agent's days after the week search: while one of an agent's days has at
/// least two visits more than another, it moves an ordinary visit from the fullest day to the
/// emptiest where that visit may go (its job's days, so the gap and the monthly limit hold)
/// and is worth no fewer points there, inserted where that day ends earliest, both days
/// re-timed with `RouteScheduler` (so the checker's rules hold). The order of objectives is
/// thereby priority, then evenness, then travel: a move never loses points, and may cost a
/// little travel.
/// - Complexity: per move, O(v³) leg lookups for v visits a day (each place of the visit,
///   each place of the break); at most one move per visit of the agent's week.
public struct WeekRebalancer: Sendable {
    /// Where each account's ordinary visit of a day may go instead: "account|day" → days
    /// (day indices of the plans), that day included.
    public var movable: [String: Set<Int>]
    /// Each day's candidates by account (the original selection of the day).
    public var candidates: [[String: Candidate]]
    public var agents: [String: Agent]
    public var model: any TravelMatrixSource

    public init(movable: [String: Set<Int>], candidates: [[String: Candidate]], agents: [String: Agent], model: any TravelMatrixSource) {
        self.movable = movable
        self.candidates = candidates
        self.agents = agents
        self.model = model
    }

    /// The plans (consecutive days, in order) with each agent's days evened out.
    public func rebalance(_ plans: [DayPlan]) -> [DayPlan] {
        var plans = plans
        let ids = Set(plans.flatMap { $0.routes.map(\.agentID) }).sorted()
        for id in ids {
            guard let agent = agents[id] else { continue }
            // The agent's days: (day index, route index).
            let days = plans.indices.compactMap { d in plans[d].routes.firstIndex { $0.agentID == id }.map { (d, $0) } }
            guard days.count > 1 else { continue }
            let budget = days.reduce(0) { $0 + plans[$1.0].routes[$1.1].visitCount }
            for _ in 0..<budget {
                let order = days.sorted { (plans[$0.0].routes[$0.1].visitCount, $0.0) < (plans[$1.0].routes[$1.1].visitCount, $1.0) }
                guard let full = order.last else { break }
                var moved = false
                for empty in order where plans[full.0].routes[full.1].visitCount - plans[empty.0].routes[empty.1].visitCount >= 2 {
                    if let (from, to) = move(agent, from: plans[full.0].routes[full.1], day: full.0, to: plans[empty.0].routes[empty.1], day: empty.0) {
                        plans[full.0].routes[full.1] = from
                        plans[empty.0].routes[empty.1] = to
                        moved = true
                        break
                    }
                }
                if !moved { break }
            }
        }
        return plans
    }

    /// The best single move of an ordinary visit from `route` (day `f`) to `target` (day `e`):
    /// the most points gained, then the earliest end of the target day; nil when none fits.
    func move(_ agent: Agent, from route: AgentRoute, day f: Int, to target: AgentRoute, day e: Int) -> (AgentRoute, AgentRoute)? {
        let scheduler = RouteScheduler(agent: agent, model: model)
        guard let here = visits(route, day: f), let there = visits(target, day: e) else { return nil }
        var best: (gain: Int, end: Int, from: AgentRoute, to: AgentRoute)?
        for (k, c) in here.enumerated() where !c.mandatory {
            guard movable["\(c.account.id)|\(f)"]?.contains(e) == true, let moved = candidates[e][c.account.id],
                  moved.agentIDs.contains(agent.id), moved.priority >= c.priority else { continue }
            let gain = moved.priority - c.priority
            if let b = best, b.gain > gain { continue }
            var rest = here
            rest.remove(at: k)
            guard case .success(let from) = scheduler.schedule(rest) else { continue }
            for p in 0...there.count {
                var with = there
                with.insert(moved, at: p)
                guard case .success(let to) = scheduler.schedule(with) else { continue }
                if let b = best, (b.gain, -b.end) >= (gain, -to.end) { continue }
                best = (gain, to.end, from, to)
            }
        }
        return best.map { ($0.from, $0.to) }
    }

    /// The route's visits as candidates of its day, in order, each with the points it was
    /// planned with; nil when a visit is not a candidate of the day (never moved then).
    func visits(_ route: AgentRoute, day: Int) -> [Candidate]? {
        var out: [Candidate] = []
        for s in route.stops {
            guard let id = s.accountID else { continue }
            guard var c = candidates[day][id] else { return nil }
            c.priority = s.priority
            out.append(c)
        }
        return out
    }
}
