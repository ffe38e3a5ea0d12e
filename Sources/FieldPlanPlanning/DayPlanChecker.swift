import FieldPlanCore

/// Rechecks a day plan against every hard rule of SPEC §5 with the day's travel model (`PlanningInput.travel`),
/// from the planning input alone — independently of the routing engine's own bookkeeping:
/// shifts, return to base, the break, visiting hours ∩ account window ∩ appointment window,
/// `max_visits`, no account twice, only plannable accounts of the agent's zones, every
/// mandatory visit planned or reported, and travel figures that anyone can recompute.
/// A re-plan from a time (`input.fromTime`) also keeps its done stops unchanged (same agent,
/// same times), starts nothing new before that time, and never overlaps two stops.
public struct DayPlanChecker: Sendable {
    public let input: PlanningInput

    public init(input: PlanningInput) { self.input = input }

    /// The violations found; empty when the plan is feasible.
    /// - Complexity: O(stops + candidates).
    public func violations(of plan: DayPlan) -> [String] {
        var v: [String] = []
        let selection = CandidateSelector(input: input).select()
        let candidates = Dictionary(uniqueKeysWithValues: selection.candidates.map { ($0.account.id, $0) })
        let agents = Dictionary(uniqueKeysWithValues: input.agents.map { ($0.id, $0) })
        let working = Set(selection.agents.map(\.id))
        let model = input.travel
        // Every leg from the day's travel model, one search per distinct trip; a model that
        // fails (a remote server) is a violation, so nothing is stored from it.
        var legs: [[Coordinate]: TravelLeg] = [:]
        func trip(_ a: Coordinate, _ b: Coordinate) -> TravelLeg {
            if let known = legs[[a, b]] { return known }
            do {
                let leg = try model.leg(from: a, to: b)
                legs[[a, b]] = leg
                return leg
            } catch {
                v.append("travel \(model.name): \(error)")
                return TravelLeg(seconds: 0, metres: 0)
            }
        }
        // Kept stops (outcomes already in, locked routes) stand as they were stored: only
        // their place in time and the travel around them are rechecked.
        var kept: [String: (agent: String, stop: PlannedStop)] = [:]
        for k in input.keptRoutes { for s in k.route.stops { if let id = s.accountID { kept[id] = (k.agentID, s) } } }
        let located = DayPlanner.accountLocations(input)
        var visited = Set<String>()
        for route in plan.routes {
            guard let agent = agents[route.agentID] else { v.append("\(route.agentID): unknown agent"); continue }
            if !working.contains(agent.id) { v.append("\(agent.id): not working on \(plan.date)") }
            let shiftStart = agent.shift.from.minutes * 60, shiftEnd = agent.shift.to.minutes * 60
            if route.start < shiftStart { v.append("\(agent.id): leaves at \(route.start)s, before the shift") }
            let keptRoute = input.keptRoutes.first(where: { $0.agentID == agent.id })
            if let k = keptRoute {
                if k.locked && route != k.route { v.append("\(agent.id): the locked route was changed") }
            }
            if route.stops.isEmpty { continue }
            let keptBreak = keptRoute?.route.stops.first { $0.accountID == nil }
            if let t = input.fromTime, keptRoute == nil, route.start < t {
                v.append("\(agent.id): leaves at \(route.start)s, before the re-plan time \(t)s")
            }
            var position = agent.base
            var free = route.start          // when the agent may leave `position`
            var pendingBreak = 0            // a break taken since the last visit
            var breaks = 0
            var metres = 0, seconds = 0, visits = 0, priority = 0
            for stop in route.stops {
                guard let id = stop.accountID else {
                    breaks += 1
                    guard let rule = agent.breakRule else { v.append("\(agent.id): a break but no break rule"); continue }
                    if stop.etd - stop.eta != rule.minutes * 60 { v.append("\(agent.id): break of \(stop.etd - stop.eta)s, expected \(rule.minutes) min") }
                    if stop.eta < rule.window.from.minutes * 60 || stop.eta > rule.window.to.minutes * 60 {
                        v.append("\(agent.id): break starts at \(stop.eta)s outside \(rule.window.from)-\(rule.window.to)")
                    }
                    if stop.eta < free { v.append("\(agent.id): break starts before the previous visit ends") }
                    if let t = input.fromTime, stop.eta < t, stop != keptBreak {
                        v.append("\(agent.id): break starts at \(stop.eta)s, before the re-plan time \(t)s")
                    }
                    pendingBreak += stop.etd - stop.eta
                    continue
                }
                visits += 1
                if !visited.insert(id).inserted { v.append("\(id): visited twice") }
                if let k = kept[id], k.agent != agent.id { v.append("\(agent.id): \(id) is a done stop of \(k.agent)") }
                if let t = input.fromTime, kept[id] == nil, stop.eta < t {
                    v.append("\(agent.id): \(id) starts at \(stop.eta)s, before the re-plan time \(t)s")
                }
                let c: Candidate
                if let k = kept[id], k.agent == agent.id, let at = located[id], let account = input.accounts.first(where: { $0.id == id }) {
                    if k.stop.eta != stop.eta || k.stop.etd != stop.etd { v.append("\(agent.id): kept stop \(id) moved in time") }
                    c = Candidate(account: account, location: at, window: stop.window ?? TimeWindow(from: LocalTime(minutes: 0), to: LocalTime(minutes: 24 * 60 - 1))!,
                                  serviceMinutes: (k.stop.etd - k.stop.eta) / 60, priority: k.stop.priority, reason: k.stop.reason,
                                  mandatory: false, agentIDs: [agent.id])
                } else {
                    guard let found = candidates[id] else { v.append("\(agent.id): \(id) is not a plannable candidate today"); continue }
                    c = found
                }
                if !c.agentIDs.contains(agent.id) { v.append("\(agent.id): \(id) belongs to \(c.agentIDs.joined(separator: ","))") }
                let trip = trip(position, c.location)
                let leg = trip.seconds, legMetres = trip.metres
                if stop.legSeconds != leg || stop.legMetres != legMetres {
                    v.append("\(agent.id): \(id) leg \(stop.legSeconds)s/\(stop.legMetres)m, recomputed \(leg)s/\(legMetres)m")
                }
                if stop.eta < free + leg + pendingBreak { v.append("\(agent.id): \(id) starts at \(stop.eta)s, cannot arrive before \(free + leg + pendingBreak)s") }
                if stop.eta < c.window.from.minutes * 60 || stop.eta > c.window.to.minutes * 60 {
                    v.append("\(agent.id): \(id) starts at \(stop.eta)s outside its window \(c.window.from)-\(c.window.to)")
                }
                if stop.etd != stop.eta + c.serviceMinutes * 60 { v.append("\(agent.id): \(id) service \(stop.etd - stop.eta)s, expected \(c.serviceMinutes) min") }
                metres += legMetres
                seconds += leg
                priority += c.priority
                position = c.location
                free = stop.etd
                pendingBreak = 0
            }
            let homeTrip = trip(position, agent.base)
            let home = homeTrip.seconds
            metres += homeTrip.metres
            seconds += home
            if route.end < free + home + pendingBreak { v.append("\(agent.id): back at \(route.end)s, cannot be before \(free + home + pendingBreak)s") }
            if route.end > shiftEnd { v.append("\(agent.id): back at \(route.end)s, after the shift ends at \(shiftEnd)s") }
            // In a re-plan, a break whose window closed before the restart is taken as had.
            let breakOwed = agent.breakRule != nil && (input.fromTime == nil || keptRoute?.keepsBreak == true
                || DayPlanner.dueBreak(agent, kept: keptRoute, input: input) != nil)
            if visits > 0 && (breakOwed ? breaks != 1 : breaks > 1) { v.append("\(agent.id): \(breaks) breaks, expected 1") }
            if let m = agent.maxVisits, visits > m { v.append("\(agent.id): \(visits) visits, max_visits \(m)") }
            if route.travelMetres != metres || route.travelSeconds != seconds {
                v.append("\(agent.id): travel \(route.travelSeconds)s/\(route.travelMetres)m, recomputed \(seconds)s/\(metres)m")
            }
            if route.priority != priority { v.append("\(agent.id): priority \(route.priority), recomputed \(priority)") }
        }
        for (id, k) in kept.sorted(by: { $0.key < $1.key }) where !visited.contains(id) { v.append("\(k.agent): kept stop \(id) is missing") }
        let reported = Set(plan.unplanned.map(\.accountID))
        for c in selection.candidates where c.mandatory && !visited.contains(c.account.id) && !reported.contains(c.account.id) {
            v.append("\(c.account.id): mandatory visit neither planned nor reported")
        }
        for u in selection.unplanned where !reported.contains(u.accountID) {
            v.append("\(u.accountID): unplannable mandatory visit not reported")
        }
        return v
    }
}
