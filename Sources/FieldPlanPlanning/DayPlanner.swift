import FieldPlanCore
import FieldPlanRouting

/// Plans a day: selects candidates, builds one routing problem for all working agents
/// together (multi-depot VRPTW with prizes, breaks and stop limits), solves it with the
/// routing engine, and turns the solution into routes with times and reasons.
public struct DayPlanner: Sendable {
    public var limit: SearchLimit
    public var seed: UInt64
    public var threads: Int
    /// Each agent keeps at most this many optional candidates per visit it can make
    /// (the best by priority), so the problem stays small where the pool is large.
    public var candidatesPerVisit = 5

    public init(limit: SearchLimit, seed: UInt64, threads: Int = 2) {
        self.limit = limit
        self.seed = seed
        self.threads = threads
    }

    /// The problem as handed to the engine, with the mapping back to agents and accounts.
    public struct Problem: Sendable {
        /// Nil when nobody works that day.
        public var routing: RoutingProblem?
        public var agents: [Agent]
        public var candidates: [Candidate]
        public var unplanned: [UnplannedVisit]
        public var locations: [Coordinate]
    }

    /// Selection, pruning and matrices.
    /// - Complexity: O(L²) for the matrices, L = agents + candidates kept.
    public func problem(for input: PlanningInput) throws -> Problem {
        let selection = CandidateSelector(input: input).select()
        let agents = selection.agents
        let candidates = prune(selection.candidates, agents: agents)
        let model = input.settings.travelModel
        let locations = agents.map(\.base) + candidates.map(\.location)
        let n = locations.count
        var time = [Int](repeating: 0, count: n * n)
        var distance = [Int](repeating: 0, count: n * n)
        // The model is symmetric: one great-circle computation per pair gives both entries.
        for a in 0..<n {
            for b in (a + 1)..<max(n, a + 1) {
                let (seconds, metres) = model.travel(from: locations[a], to: locations[b])
                time[a * n + b] = seconds
                time[b * n + a] = seconds
                distance[a * n + b] = metres
                distance[b * n + a] = metres
            }
        }
        let agentIndex = Dictionary(uniqueKeysWithValues: agents.enumerated().map { ($1.id, $0) })
        let vehicles = agents.enumerated().map { i, a in
            Vehicle(startLocation: i, endLocation: i,
                    shift: FieldPlanRouting.TimeWindow(from: a.shift.from.minutes * 60, to: a.shift.to.minutes * 60),
                    breakRule: a.breakRule.map {
                        FieldPlanRouting.BreakRule(duration: $0.minutes * 60,
                                                   window: FieldPlanRouting.TimeWindow(from: $0.window.from.minutes * 60, to: $0.window.to.minutes * 60))
                    },
                    maxStops: a.maxVisits)
        }
        let jobs = candidates.enumerated().map { i, c in
            let allowed = c.agentIDs.compactMap { agentIndex[$0] }
            return Job(location: agents.count + i, service: c.serviceMinutes * 60,
                       windows: [FieldPlanRouting.TimeWindow(from: c.window.from.minutes * 60, to: c.window.to.minutes * 60)],
                       prize: Int64(c.priority), mandatory: c.mandatory,
                       allowedVehicles: allowed.count == agents.count ? nil : allowed)
        }
        let routing = agents.isEmpty ? nil : try RoutingProblem(locationCount: n, travelTime: time, distance: distance,
                                                                timeWeight: 1, distanceWeight: 0, vehicles: vehicles, jobs: jobs)
        return Problem(routing: routing, agents: agents, candidates: candidates, unplanned: selection.unplanned, locations: locations)
    }

    /// Keeps every mandatory candidate and, for each agent, the best optional ones: by
    /// priority discounted with the distance from the agent's base (halved at 5 km), so an
    /// agent who shares a pool with others keeps the valuable accounts near home.
    func prune(_ candidates: [Candidate], agents: [Agent]) -> [Candidate] {
        var keep = [Bool](repeating: false, count: candidates.count)
        for (i, c) in candidates.enumerated() where c.mandatory { keep[i] = true }
        for agent in agents {
            let visits = agent.maxVisits ?? max(1, (agent.shift.to.minutes - agent.shift.from.minutes) / 30)
            let quota = max(30, visits * candidatesPerVisit)
            let mine = candidates.indices.filter { !candidates[$0].mandatory && candidates[$0].agentIDs.contains(agent.id) }
            guard mine.count > quota else { for i in mine { keep[i] = true }; continue }
            let value = mine.map { i -> (Double, String, Int) in
                let km = agent.base.greatCircleMetres(to: candidates[i].location) / 1000
                return (Double(candidates[i].priority) / (1 + km / 5), candidates[i].account.id, i)
            }.sorted { ($0.0, $1.1) > ($1.0, $0.1) }
            for v in value.prefix(quota) { keep[v.2] = true }
        }
        return candidates.indices.filter { keep[$0] }.map { candidates[$0] }
    }

    /// Plans the day.
    public func plan(_ input: PlanningInput) throws -> DayPlan {
        let p = try problem(for: input)
        guard let routing = p.routing else {
            return DayPlan(date: input.date, utcOffsetSeconds: input.utcOffsetSeconds, routes: [], unplanned: p.unplanned,
                           candidateCount: p.candidates.count, mandatoryCount: p.candidates.filter(\.mandatory).count)
        }
        let solution = p.candidates.isEmpty
            ? RoutingSolution(routes: [], unassigned: [], objective: RoutingObjective(missedMandatory: 0, missedPrize: 0, cost: 0))
            : RoutingSolver.solve(routing, limit: limit, seed: seed, threads: threads)
        return Self.dayPlan(from: solution, problem: p, routing: routing, input: input)
    }

    static func dayPlan(from solution: RoutingSolution, problem p: Problem, routing: RoutingProblem, input: PlanningInput) -> DayPlan {
        let n = routing.locationCount
        var routes: [AgentRoute] = []
        let byVehicle = Dictionary(uniqueKeysWithValues: solution.routes.map { ($0.vehicle, $0) })
        for (v, agent) in p.agents.enumerated() {
            guard let r = byVehicle[v] else {
                let at = agent.shift.from.minutes * 60
                routes.append(AgentRoute(agentID: agent.id, start: at, end: at, travelMetres: 0, travelSeconds: 0, priority: 0, stops: []))
                continue
            }
            var stops: [PlannedStop] = []
            var previous = v
            var seq = 0
            var priority = 0
            func addBreak() {
                guard let b = r.plannedBreak, let rule = p.agents[v].breakRule else { return }
                seq += 1
                stops.append(PlannedStop(seq: seq, accountID: nil, eta: b.start, etd: b.start + rule.minutes * 60, window: rule.window,
                                         legMetres: 0, legSeconds: 0, reason: .break, priority: 0))
            }
            for (k, visit) in r.visits.enumerated() {
                if r.plannedBreak?.afterStop == k { addBreak() }
                let c = p.candidates[visit.job]
                let location = routing.jobs[visit.job].location
                seq += 1
                priority += c.priority
                stops.append(PlannedStop(seq: seq, accountID: c.account.id, eta: visit.serviceStart, etd: visit.departure,
                                         window: c.window, legMetres: routing.distance[previous * n + location],
                                         legSeconds: routing.travelTime[previous * n + location], reason: c.reason, priority: c.priority))
                previous = location
            }
            var end = r.end
            if r.plannedBreak?.afterStop == r.visits.count {
                addBreak()
                // A break taken on arrival back at the base ends the day.
                end = max(end, stops.last!.etd)
            }
            routes.append(AgentRoute(agentID: agent.id, start: r.start, end: end, travelMetres: r.distance,
                                     travelSeconds: r.travelTime, priority: priority, stops: stops))
        }
        var unplanned = p.unplanned
        for u in solution.unassigned where p.candidates[u.job].mandatory {
            let c = p.candidates[u.job]
            let what = c.reason == .appointment ? "appointment" : "call-back"
            let window = "\(c.window.from)-\(c.window.to)"
            let reason: String = switch u.reason {
            case .noAllowedVehicle: "\(what): no working agent may take it"
            case .unreachable: "\(what): cannot be reached inside \(window) from the base within the shift"
            case .noRoomLeft: "\(what): the day is full (shift, break, max visits and the other mandatory visits)"
            }
            unplanned.append(UnplannedVisit(accountID: c.account.id, agentID: c.agentIDs.count == 1 ? c.agentIDs[0] : nil, reason: reason))
        }
        unplanned.sort { $0.accountID < $1.accountID }
        return DayPlan(date: input.date, utcOffsetSeconds: input.utcOffsetSeconds, routes: routes, unplanned: unplanned,
                       candidateCount: p.candidates.count, mandatoryCount: p.candidates.filter(\.mandatory).count)
    }
}
