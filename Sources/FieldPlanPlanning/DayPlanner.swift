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
        /// Kept routes by agent: a vehicle of an agent with a kept prefix starts where and
        /// when its last kept stop ends; locked routes have no vehicle.
        public var kept: [String: KeptRoute]
        /// Working agents who have no vehicle (locked, or nothing left of their day).
        public var idle: [Agent]
    }

    /// Selection, pruning and matrices.
    /// - Complexity: one L × L matrix of the travel model, L = agents + candidates kept.
    /// - Throws: the travel model's error (a remote matrix that failed): nothing is planned.
    public func problem(for input: PlanningInput) throws -> Problem {
        let selection = CandidateSelector(input: input).select()
        let kept = Dictionary(input.keptRoutes.map { ($0.agentID, $0) }, uniquingKeysWith: { a, _ in a })
        let locations = Self.accountLocations(input)
        // An agent keeps a vehicle unless the route is locked or the kept stops leave no
        // visit or no time.
        let hasVehicle: (Agent) -> Bool = { a in
            guard let k = kept[a.id] else { return true }
            // Kept, but left out by --agents: the kept stops stand and nothing is added.
            if let only = input.onlyAgents, !only.contains(a.id) { return false }
            if k.locked { return false }
            // Absent, kept for their morning (a re-plan from a time): nothing new.
            if input.absentAgents.contains(a.id) { return false }
            if let m = a.maxVisits, m <= k.route.visitCount { return false }
            return Self.restart(a, kept: k, input: input) < a.shift.to.minutes * 60
        }
        let hasTime: (Agent) -> Bool = { a in kept[a.id] != nil || Self.restart(a, kept: nil, input: input) < a.shift.to.minutes * 60 }
        let agents = selection.agents.filter { hasVehicle($0) && hasTime($0) }
        let idle = selection.agents.filter { !(hasVehicle($0) && hasTime($0)) }
        let candidates = prune(selection.candidates.map { c in
            var c = c
            c.agentIDs.removeAll { id in !agents.contains { $0.id == id } }
            return c
        }, agents: agents, room: { a in Self.room(a, kept: kept[a.id], input: input) })
        // Vehicles with a kept prefix start at their last kept visit (extra locations at the end).
        var starts: [Int] = agents.indices.map { $0 }
        var extra: [Coordinate] = []
        for (i, a) in agents.enumerated() {
            guard let k = kept[a.id], let last = k.accountIDs.last, let at = locations[last] else { continue }
            starts[i] = agents.count + candidates.count + extra.count
            extra.append(at)
        }
        let allLocations = agents.map(\.base) + candidates.map(\.location) + extra
        let n = allLocations.count
        // One many-to-many matrix from the day's travel model; a place to itself is no trip.
        let matrix = try input.travel.matrix(from: allLocations, to: allLocations)
        var time = matrix.seconds
        var distance = matrix.metres
        for a in 0..<n {
            time[a * n + a] = 0
            distance[a * n + a] = 0
        }
        let agentIndex = Dictionary(uniqueKeysWithValues: agents.enumerated().map { ($1.id, $0) })
        let vehicles = agents.enumerated().map { i, a in
            let k = kept[a.id]
            let rule = Self.dueBreak(a, kept: k, input: input)
            return Vehicle(startLocation: starts[i], endLocation: i,
                           shift: FieldPlanRouting.TimeWindow(from: Self.restart(a, kept: k, input: input), to: a.shift.to.minutes * 60),
                           breakRule: rule.map {
                               FieldPlanRouting.BreakRule(duration: $0.minutes * 60,
                                                          window: FieldPlanRouting.TimeWindow(from: $0.window.from.minutes * 60, to: $0.window.to.minutes * 60))
                           },
                           maxStops: a.maxVisits.map { $0 - (k?.route.visitCount ?? 0) })
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
        var unplanned = selection.unplanned
        if agents.isEmpty {
            for c in candidates where c.mandatory {
                unplanned.append(UnplannedVisit(accountID: c.account.id, agentID: c.agentIDs.first, reason: "\(c.reason == .appointment ? "appointment" : "call-back"): no working agent may take it"))
            }
        }
        return Problem(routing: routing, agents: agents, candidates: agents.isEmpty ? [] : candidates, unplanned: unplanned,
                       locations: allLocations, kept: kept, idle: idle)
    }

    /// The visits an agent can still make today: `max_visits` (else one per 30 minutes of
    /// shift) less the kept ones, and in a re-plan from a time no more than one per 30
    /// minutes left after the restart.
    public static func room(_ agent: Agent, kept: KeptRoute?, input: PlanningInput) -> Int {
        let shift = agent.shift.to.minutes - agent.shift.from.minutes
        var visits = (agent.maxVisits ?? max(1, shift / 30)) - (kept?.route.visitCount ?? 0)
        if input.fromTime != nil || kept != nil {
            visits = min(visits, (agent.shift.to.minutes * 60 - restart(agent, kept: kept, input: input)) / 1800 + 1)
        }
        return max(1, visits)
    }

    /// Keeps every mandatory candidate and, for each agent, the best optional ones: by
    /// priority discounted with the distance from the agent's base (halved at 5 km), so an
    /// agent who shares a pool with others keeps the valuable accounts near home.
    /// `room` is the visits each agent can still make (a re-plan at 11:00 leaves fewer than
    /// a whole day), `candidatesPerVisit` of them each.
    func prune(_ candidates: [Candidate], agents: [Agent], room: ((Agent) -> Int)? = nil) -> [Candidate] {
        var keep = [Bool](repeating: false, count: candidates.count)
        for (i, c) in candidates.enumerated() where c.mandatory { keep[i] = true }
        for agent in agents {
            let visits = room?(agent) ?? agent.maxVisits ?? max(1, (agent.shift.to.minutes - agent.shift.from.minutes) / 30)
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
    /// - Throws: `PlanningRefusal` when nobody works that day (nothing to store).
    public func plan(_ input: PlanningInput) throws -> DayPlan {
        if let why = CandidateSelector(input: input).nobodyWorking { throw PlanningRefusal(why) }
        let p = try problem(for: input)
        guard let routing = p.routing else {
            var plan = DayPlan(date: input.date, utcOffsetSeconds: input.utcOffsetSeconds, routes: [], unplanned: p.unplanned,
                               candidateCount: 0, mandatoryCount: 0)
            let at = Self.accountLocations(input)
            plan.routes = try p.idle.map { try Self.keptOnly($0, kept: p.kept[$0.id], input: input, locations: at) }
            plan.unplanned.sort { $0.accountID < $1.accountID }
            return plan
        }
        let solution = p.candidates.isEmpty
            ? RoutingSolution(routes: [], unassigned: [], objective: RoutingObjective(missedMandatory: 0, missedPrize: 0, cost: 0))
            : RoutingSolver.solve(routing, limit: limit, seed: seed, threads: threads)
        return try Self.dayPlan(from: solution, problem: p, routing: routing, input: input)
    }

    /// When the agent may set off with new visits: the shift start, or after the kept stops,
    /// and in a re-plan from a time not before that time.
    public static func restart(_ agent: Agent, kept: KeptRoute?, input: PlanningInput) -> Int {
        max(kept?.freeAt ?? agent.shift.from.minutes * 60, input.fromTime ?? 0)
    }

    /// The break still to be planned: none when it is kept, or, in a re-plan from a time,
    /// when its window closed before the agent restarts (it is taken as had: the planned
    /// break of the morning is not known to have been skipped).
    public static func dueBreak(_ agent: Agent, kept: KeptRoute?, input: PlanningInput) -> FieldPlanCore.BreakRule? {
        guard let rule = agent.breakRule, kept?.keepsBreak != true else { return nil }
        if input.fromTime != nil && rule.window.to.minutes * 60 < restart(agent, kept: kept, input: input) { return nil }
        return rule
    }

    /// The route of an agent without a vehicle: the locked route as it is, or the kept stops
    /// (the break after them if it is still due and fits) and the way home; an empty day at
    /// the base otherwise.
    static func keptOnly(_ agent: Agent, kept: KeptRoute?, input: PlanningInput, locations: [String: Coordinate]) throws -> AgentRoute {
        let model = input.travel
        guard let kept else {
            let at = agent.shift.from.minutes * 60
            return AgentRoute(agentID: agent.id, start: at, end: at, travelMetres: 0, travelSeconds: 0, priority: 0, stops: [])
        }
        if kept.locked { return kept.route }
        var route = kept.route
        let from = kept.accountIDs.last.flatMap { locations[$0] } ?? agent.base
        if let rule = dueBreak(agent, kept: kept, input: input) {
            let at = max(restart(agent, kept: kept, input: input), rule.window.from.minutes * 60)
            if at <= rule.window.to.minutes * 60 {
                route.stops.append(PlannedStop(seq: route.stops.count + 1, accountID: nil, eta: at, etd: at + rule.minutes * 60,
                                               window: rule.window, legMetres: 0, legSeconds: 0, reason: .break, priority: 0))
            }
        }
        let free = route.stops.last?.etd ?? route.start
        let home = try model.leg(from: from, to: agent.base)
        route.travelMetres += home.metres
        route.travelSeconds += home.seconds
        route.end = free + home.seconds
        return route
    }

    /// Where each account is: its location, or for a kept stop whose account lost its
    /// location since, where the stop took place.
    public static func accountLocations(_ input: PlanningInput) -> [String: Coordinate] {
        var located = Dictionary(input.accounts.compactMap { a in a.location.map { (a.id, $0) } }, uniquingKeysWith: { a, _ in a })
        for k in input.keptRoutes { for (id, at) in k.stopLocations where located[id] == nil { located[id] = at } }
        return located
    }

    static func dayPlan(from solution: RoutingSolution, problem p: Problem, routing: RoutingProblem, input: PlanningInput) throws -> DayPlan {
        let n = routing.locationCount
        let locations = Self.accountLocations(input)
        var routes: [AgentRoute] = try p.idle.map { try keptOnly($0, kept: p.kept[$0.id], input: input, locations: locations) }
        let byVehicle = Dictionary(uniqueKeysWithValues: solution.routes.map { ($0.vehicle, $0) })
        for (v, agent) in p.agents.enumerated() {
            let kept = p.kept[agent.id]
            guard let r = byVehicle[v], !r.visits.isEmpty else {
                routes.append(try keptOnly(agent, kept: kept, input: input, locations: locations))
                continue
            }
            // A kept prefix comes first, as it was; the solved part starts where it ends.
            var stops: [PlannedStop] = kept?.route.stops ?? []
            var previous = routing.vehicles[v].startLocation
            var seq = stops.count
            var priority = kept?.route.priority ?? 0
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
            routes.append(AgentRoute(agentID: agent.id, start: kept?.route.start ?? r.start, end: end,
                                     travelMetres: r.distance + (kept?.route.travelMetres ?? 0),
                                     travelSeconds: r.travelTime + (kept?.route.travelSeconds ?? 0), priority: priority, stops: stops))
        }
        routes.sort { $0.agentID < $1.agentID }
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
