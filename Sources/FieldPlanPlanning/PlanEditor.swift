import FieldPlanCore

/// Applies a supervisor's edit to a day plan: re-times the routes it touches with the
/// travel model (`RouteScheduler`), then runs the plan checker over the whole result. A
/// supervisor may give a stop to any working agent (zones are a default, not a rule), but
/// every other hard rule holds: shift end, windows, the break, `max_visits`, plannable
/// status and the compliance limits, appointments kept with their agent, stops that already
/// have an outcome and locked routes left as they are.
public struct PlanEditor: Sendable {
    /// The day's input with every working agent allowed every account (`zoneAgents` nil),
    /// the day's outcomes and its kept and locked routes.
    public let input: PlanningInput

    public init(input: PlanningInput) { self.input = input }

    /// The edited plan, or the rule the edit breaks.
    /// - Complexity: O(candidates + n³) for a route of n visits when no position is given.
    public func apply(_ edit: PlanEdit, to plan: DayPlan) -> Result<DayPlan, PlanEditRefusal> {
        do { return .success(try edited(edit, plan)) } catch { return .failure(error) }
    }

    private func edited(_ edit: PlanEdit, _ plan: DayPlan) throws(PlanEditRefusal) -> DayPlan {
        let selector = CandidateSelector(input: input)
        let selection = selector.select()
        let candidates = Dictionary(uniqueKeysWithValues: selection.candidates.map { ($0.account.id, $0) })
        let locked = Set(input.keptRoutes.filter(\.locked).map(\.agentID))
        let kept = Dictionary(input.keptRoutes.filter { !$0.locked }.map { ($0.agentID, $0) }, uniquingKeysWith: { a, _ in a })
        let keptAccounts = Set(input.keptRoutes.flatMap(\.accountIDs))
        let id = edit.account
        var result = plan
        let from = plan.routes.firstIndex { $0.stops.contains { $0.accountID == id } }

        func route(of agent: String) throws(PlanEditRefusal) -> Int {
            guard let i = result.routes.firstIndex(where: { $0.agentID == agent }) else {
                throw PlanEditRefusal(rule: "agent", "\(agent) has no route on \(plan.date) (not working, or absent, when it was planned)")
            }
            if locked.contains(agent) { throw PlanEditRefusal(rule: "locked", "the route of \(agent) on \(plan.date) is locked (plan unlock --date \(plan.date) --agent \(agent))") }
            return i
        }
        func movable() throws(PlanEditRefusal) -> Int {
            guard let from else { throw PlanEditRefusal(rule: "plan", "\(id) is not on the plan for \(plan.date)") }
            if keptAccounts.contains(id) && !locked.contains(plan.routes[from].agentID) {
                throw PlanEditRefusal(rule: "outcome", "\(id) already has an outcome on \(plan.date); its stop stays as it was")
            }
            _ = try route(of: plan.routes[from].agentID)
            return from
        }
        // The visits of a route that an edit may reorder (after its kept stops), as candidates.
        func open(_ r: AgentRoute) throws(PlanEditRefusal) -> [Candidate] {
            try r.stops.compactMap(\.accountID).filter { !keptAccounts.contains($0) }.map { (a: String) throws(PlanEditRefusal) -> Candidate in
                guard let c = candidates[a] else { throw refusal(a, selector, prefix: "\(a) on the route of \(r.agentID) is no longer plannable") }
                return c
            }
        }
        func retimed(_ agentID: String, _ visits: [Candidate]) throws(PlanEditRefusal) -> AgentRoute {
            guard let agent = input.agents.first(where: { $0.id == agentID }) else { throw PlanEditRefusal(rule: "agent", "no agent \(agentID)") }
            let k = kept[agentID]
            let end = k?.accountIDs.last.flatMap { a in input.accounts.first { $0.id == a }?.location }
            return try RouteScheduler(agent: agent, model: input.travel, kept: k, keptEnd: end).schedule(visits).get()
        }
        // Inserts `c` at `position` (1-based among all visits, kept ones included) or where the day ends earliest.
        func inserted(_ c: Candidate, into r: AgentRoute, position: Int?) throws(PlanEditRefusal) -> AgentRoute {
            let rest = try open(r).filter { $0.account.id != c.account.id }
            let keptCount = kept[r.agentID]?.route.visitCount ?? 0
            if let position {
                guard position > keptCount, position <= keptCount + rest.count + 1 else {
                    throw PlanEditRefusal(rule: "position", "--position \(position): \(r.agentID)'s route takes \(keptCount + 1)…\(keptCount + rest.count + 1)"
                                          + (keptCount > 0 ? " (the first \(keptCount) visits have outcomes)" : ""))
                }
                var visits = rest
                visits.insert(c, at: position - keptCount - 1)
                return try retimed(r.agentID, visits)
            }
            var best: AgentRoute?
            var first: PlanEditRefusal?
            for at in 0...rest.count {
                var visits = rest
                visits.insert(c, at: at)
                do {
                    let t = try retimed(r.agentID, visits)
                    if best == nil || (t.end, t.travelSeconds) < (best!.end, best!.travelSeconds) { best = t }
                } catch {
                    if first == nil || error.rule != "window" { first = error }
                }
            }
            guard let best else { throw first! }
            return best
        }

        switch edit {
        case .move(_, let to, let position):
            let i = try movable()
            let j = try route(of: to)
            guard let c = candidates[id] else { throw refusal(id, selector, prefix: "\(id) is not plannable on \(plan.date)") }
            if !c.agentIDs.contains(to) {
                throw PlanEditRefusal(rule: "agent", "\(id)'s \(c.reason.rawValue) is with \(c.agentIDs.joined(separator: ", ")), not \(to)")
            }
            if i == j {
                guard position != nil else { throw PlanEditRefusal(rule: "position", "\(id) is already on the route of \(to); give --position to reorder it") }
                result.routes[j] = try inserted(c, into: result.routes[j], position: position)
            } else {
                let source = result.routes[i]
                result.routes[i] = try retimed(source.agentID, try open(source).filter { $0.account.id != id })
                result.routes[j] = try inserted(c, into: result.routes[j], position: position)
            }
        case .drop(_, let reason):
            let i = try movable()
            let source = result.routes[i]
            let stop = source.stops.first { $0.accountID == id }!
            result.routes[i] = try retimed(source.agentID, try open(source).filter { $0.account.id != id })
            if candidates[id]?.mandatory == true || stop.reason == .appointment || stop.reason == .callback {
                result.unplanned.append(UnplannedVisit(accountID: id, agentID: source.agentID, reason: "dropped by the supervisor: \(reason)"))
                result.unplanned.sort { $0.accountID < $1.accountID }
            }
        case .add(_, let agent, let position):
            if let from { throw PlanEditRefusal(rule: "plan", "\(id) is already on the route of \(plan.routes[from].agentID); use plan move") }
            let j = try route(of: agent)
            guard let c = candidates[id] else { throw refusal(id, selector, prefix: "\(id) is not plannable on \(plan.date)") }
            if !c.agentIDs.contains(agent) {
                throw PlanEditRefusal(rule: "agent", "\(id)'s \(c.reason.rawValue) is with \(c.agentIDs.joined(separator: ", ")), not \(agent)")
            }
            result.routes[j] = try inserted(c, into: result.routes[j], position: position)
            result.unplanned.removeAll { $0.accountID == id }
        }
        let violations = DayPlanChecker(input: input).violations(of: result)
        if let first = violations.first {
            throw PlanEditRefusal(rule: "checker", first + (violations.count > 1 ? " (and \(violations.count - 1) more)" : ""))
        }
        return result
    }

    /// Why an account is not a candidate, as the rule it breaks.
    private func refusal(_ id: String, _ selector: CandidateSelector, prefix: String) -> PlanEditRefusal {
        if input.visitedToday.contains(id) { return PlanEditRefusal(rule: "outcome", "\(prefix): it already has an outcome on \(input.date)") }
        guard let a = input.accounts.first(where: { $0.id == id }) else {
            return PlanEditRefusal(rule: "status", "\(prefix): not an open or ptp account of a zone given to an agent (or no such account)")
        }
        if let why = selector.exclusion(a, input.history[id] ?? .none, mustVisit: false) {
            let rule = why.contains("days ago") ? "min gap"
                : why.contains("this month") ? "max_visits_per_month"
                : why.contains("booked") ? "booked visit"
                : why.contains("location") ? "location" : "status"
            return PlanEditRefusal(rule: rule, "\(prefix): \(why)")
        }
        if case .failure(let w) = CandidateSelector.window(hours: input.settings.visitingHours, account: a.visitWindow, requested: nil) {
            return PlanEditRefusal(rule: "window", "\(prefix): \(w.message)")
        }
        return PlanEditRefusal(rule: "status", "\(prefix)")
    }
}
