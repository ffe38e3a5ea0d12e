import FieldPlanCore
import FieldPlanRouting

/// Plans several consecutive days in one optimisation (`plan --from D --days N`): one routing
/// problem whose vehicles are agent-days, each job an account allowed only on the agent-days
/// it may be visited, so the search chooses each visit's day and every day's routes together.
///
/// - A booked visit (appointment, call-back) is a mandatory job of its day only.
/// - Any other account is visited at most once over the horizon (so the minimum gap holds
///   inside it; the gap and monthly limit against past visits are each day's own rules). Its
///   value on a day is that day's priority (`PriorityModel` on that date: a promise's
///   follow-up is worth most from the day after its due date); the job may go only on the
///   days within `dayTolerance` points of its best day, and is worth its best day's points.
/// - The days, with their routes, are then each a `DayPlan` that the daily checker accepts.
/// - It never does worse than planning the days one after another: it first plans them
///   sequentially (`DayPlanner`, each day knowing the visits planned before it), seeds the
///   week search with that plan (a valid week plan), and returns whichever of the two is
///   better on the stored figures (mandatory visits made, then each day's own points, then
///   travel). `sequentialShare` of the search time goes to the sequential plan.
/// Costs the matrices of the union of the kept candidates (O(L²)), one day's matrix per day,
/// and the search's budget.
public struct MultiDayPlanner: Sendable {
    public var limit: SearchLimit
    public var seed: UInt64
    public var threads: Int
    /// A visit may fall on a day worth at most this many points less than its best day (or
    /// than the day the sequential plan gave it); the search counts it at the least of them.
    public var dayTolerance = 2
    /// The part of the time budget spent on the sequential plan that seeds the week search.
    public var sequentialShare = 0.6

    public init(limit: SearchLimit, seed: UInt64, threads: Int = 2) {
        self.limit = limit
        self.seed = seed
        self.threads = threads
    }

    /// One job of the horizon: an account, the days it may go on (with that day's candidate).
    struct HorizonJob {
        var accountID: String
        var byDay: [Int: Candidate]
        var prize: Int
        var mandatory: Bool
    }

    /// Plans the days of `inputs` (consecutive, one input each, as the store gives them).
    /// - Returns: one plan per input, in order.
    public func plan(_ inputs: [PlanningInput]) throws -> [DayPlan] {
        let selections = inputs.map { CandidateSelector(input: $0).select() }
        let sequential = try planSequentially(inputs, selections: selections)
        let week = try planWeek(inputs, selections: selections, seed: sequential)
        return Self.score(sequential) < Self.score(week) ? sequential : week
    }

    /// What the plans are judged on, smaller is better: mandatory visits left unplanned, then
    /// minus the priority collected (each day's own points, as stored), then travel seconds.
    static func score(_ plans: [DayPlan]) -> (Int, Int, Int) {
        (plans.reduce(0) { $0 + $1.unplanned.count }, -plans.reduce(0) { $0 + $1.totalPriority },
         plans.reduce(0) { $0 + $1.routes.reduce(0) { $0 + $1.travelSeconds } })
    }

    /// The search limit of one sequential day and of the week search.
    func split(days: Int) -> (day: SearchLimit, week: SearchLimit) {
        let share = min(max(sequentialShare, 0), 1)
        return (SearchLimit(seconds: limit.seconds.map { $0 * share / Double(max(1, days)) }, iterations: limit.iterations),
                SearchLimit(seconds: limit.seconds.map { $0 * (1 - share) }, iterations: limit.iterations))
    }

    /// The days planned one after another with the daily planner, each under the week's own
    /// rules: an ordinary visit at most once over the horizon (a later day leaves out the
    /// accounts planned on an earlier one), an account with a booked visit in the horizon
    /// only on that visit's day.
    func planSequentially(_ inputs: [PlanningInput], selections: [CandidateSelector.Selection]) throws -> [DayPlan] {
        // Booked: the mandatory visits of the day, those that cannot be planned included (an
        // appointment outside every shift): its account must not be visited on another day
        // and then be taken for already visited on its own, where it is reported unplanned.
        let booked = selections.map { Set($0.candidates.filter(\.mandatory).map(\.account.id)).union($0.unplanned.map(\.accountID)) }
        let anyBooked = booked.reduce(into: Set<String>()) { $0.formUnion($1) }
        let dayLimit = split(days: inputs.count).day
        var planned = Set<String>()
        var plans: [DayPlan] = []
        for (d, input) in inputs.enumerated() {
            var input = input
            input.visitedToday.formUnion(planned.union(anyBooked).subtracting(booked[d]))
            let plan: DayPlan
            if CandidateSelector(input: input).nobodyWorking != nil {
                plan = DayPlan(date: input.date, utcOffsetSeconds: input.utcOffsetSeconds, routes: selections[d].agents.map { Self.emptyRoute($0) },
                               unplanned: selections[d].unplanned.sorted { $0.accountID < $1.accountID }, candidateCount: 0, mandatoryCount: 0)
            } else {
                plan = try DayPlanner(limit: dayLimit, seed: seed &+ UInt64(d), threads: threads).plan(input)
            }
            for r in plan.routes { for s in r.stops { if let id = s.accountID, !booked[d].contains(id) { planned.insert(id) } } }
            plans.append(plan)
        }
        return plans
    }

    /// The week search: one routing problem over every agent-day, started from `seed` (the
    /// sequential plan), so it only keeps what improves on it.
    func planWeek(_ inputs: [PlanningInput], selections: [CandidateSelector.Selection], seed start: [DayPlan]) throws -> [DayPlan] {
        // Where the sequential plan put each account: (day, agent).
        var seeded: [String: (day: Int, agent: String)] = [:]
        for (d, plan) in start.enumerated() { for r in plan.routes { for s in r.stops { if let id = s.accountID { seeded[id] = (d, r.agentID) } } } }
        // Vehicles: every working agent of every day.
        var vehicleAgents: [(day: Int, agent: Agent)] = []
        for (d, s) in selections.enumerated() { for a in s.agents { vehicleAgents.append((d, a)) } }
        var jobs: [HorizonJob] = []
        var optional: [String: [Int: Candidate]] = [:]
        var booked = Set<String>()
        for (d, s) in selections.enumerated() {
            for c in s.candidates {
                if c.mandatory {
                    jobs.append(HorizonJob(accountID: c.account.id, byDay: [d: c], prize: c.priority, mandatory: true))
                    booked.insert(c.account.id)
                } else {
                    optional[c.account.id, default: [:]][d] = c
                }
            }
        }
        for id in optional.keys.sorted() where !booked.contains(id) {
            let days = optional[id]!
            let best = days.values.map(\.priority).max()!
            // The day the sequential plan chose, else the first best day, sets the window.
            let home = seeded[id].flatMap { days[$0.day] != nil ? $0.day : nil } ?? days.keys.sorted().first { days[$0]!.priority == best }!
            let floor = min(days[home]!.priority, best - dayTolerance)
            let near = days.filter { $0.key == home || ($0.value.priority >= floor && $0.value.window == days[home]!.window) }
            jobs.append(HorizonJob(accountID: id, byDay: near, prize: near.values.map(\.priority).min()!, mandatory: false))
        }
        jobs = prune(jobs, vehicles: vehicleAgents, keeping: Set(seeded.keys))
        // Locations: each agent's base once, then one per job.
        var agentBase: [String: Int] = [:]
        var locations: [Coordinate] = []
        for (_, a) in vehicleAgents where agentBase[a.id] == nil {
            agentBase[a.id] = locations.count
            locations.append(a.base)
        }
        let firstJob = locations.count
        locations += jobs.map { $0.byDay.values.first!.location }
        let n = locations.count
        // One many-to-many matrix from the horizon's travel model; a place to itself is no trip.
        let matrix = try inputs[0].travel.matrix(from: locations, to: locations)
        var time = matrix.seconds
        var distance = matrix.metres
        for a in 0..<n {
            time[a * n + a] = 0
            distance[a * n + a] = 0
        }
        let vehicleIndex = Dictionary(uniqueKeysWithValues: vehicleAgents.enumerated().map { ("\($1.day)|\($1.agent.id)", $0) })
        let vehicles = vehicleAgents.map { _, a in
            Vehicle(startLocation: agentBase[a.id]!, endLocation: agentBase[a.id]!,
                    shift: FieldPlanRouting.TimeWindow(from: a.shift.from.minutes * 60, to: a.shift.to.minutes * 60),
                    breakRule: a.breakRule.map {
                        FieldPlanRouting.BreakRule(duration: $0.minutes * 60,
                                                   window: FieldPlanRouting.TimeWindow(from: $0.window.from.minutes * 60, to: $0.window.to.minutes * 60))
                    },
                    maxStops: a.maxVisits)
        }
        let routingJobs = jobs.enumerated().map { i, j in
            let c = j.byDay.values.first!
            let allowed = j.byDay.sorted { $0.key < $1.key }.flatMap { d, c in c.agentIDs.compactMap { vehicleIndex["\(d)|\($0)"] } }
            return Job(location: firstJob + i, service: c.serviceMinutes * 60,
                       windows: [FieldPlanRouting.TimeWindow(from: c.window.from.minutes * 60, to: c.window.to.minutes * 60)],
                       prize: Int64(j.prize), mandatory: j.mandatory, allowedVehicles: allowed)
        }
        var unplanned = selections.map(\.unplanned)
        guard !vehicles.isEmpty, !routingJobs.isEmpty else {
            return inputs.indices.map { d in
                DayPlan(date: inputs[d].date, utcOffsetSeconds: inputs[d].utcOffsetSeconds,
                        routes: selections[d].agents.map { Self.emptyRoute($0) }, unplanned: unplanned[d].sorted { $0.accountID < $1.accountID },
                        candidateCount: 0, mandatoryCount: 0)
            }
        }
        let routing = try RoutingProblem(locationCount: n, travelTime: time, distance: distance, timeWeight: 1, distanceWeight: 0,
                                         vehicles: vehicles, jobs: routingJobs)
        // The sequential plan as the search's start: each agent-day's visits in order.
        let jobIndex = Dictionary(jobs.enumerated().map { ($1.accountID + "|" + ($1.mandatory ? "\($1.byDay.keys.first!)" : ""), $0) },
                                  uniquingKeysWith: { a, _ in a })
        var initial = [[Int]](repeating: [], count: vehicles.count)
        for (d, plan) in start.enumerated() {
            let mandatory = Set(selections[d].candidates.filter(\.mandatory).map(\.account.id))
            for r in plan.routes {
                guard let v = vehicleIndex["\(d)|\(r.agentID)"] else { continue }
                initial[v] = r.stops.compactMap { s in
                    s.accountID.map { id in jobIndex[id + "|" + (mandatory.contains(id) ? "\(d)" : "")] ?? -1 }
                }
            }
        }
        let solution = RoutingSolver.solve(routing, limit: split(days: inputs.count).week, seed: seed, threads: threads, initial: initial)
        var routes = [[AgentRoute]](repeating: [], count: inputs.count)
        let byVehicle = Dictionary(uniqueKeysWithValues: solution.routes.map { ($0.vehicle, $0) })
        for (v, va) in vehicleAgents.enumerated() {
            let (d, agent) = va
            guard let r = byVehicle[v], !r.visits.isEmpty else { routes[d].append(Self.emptyRoute(agent)); continue }
            var stops: [PlannedStop] = []
            var previous = vehicles[v].startLocation
            var priority = 0
            func addBreak() {
                guard let b = r.plannedBreak, let rule = agent.breakRule else { return }
                stops.append(PlannedStop(seq: stops.count + 1, accountID: nil, eta: b.start, etd: b.start + rule.minutes * 60, window: rule.window,
                                         legMetres: 0, legSeconds: 0, reason: .break, priority: 0))
            }
            for (k, visit) in r.visits.enumerated() {
                if r.plannedBreak?.afterStop == k { addBreak() }
                let c = jobs[visit.job].byDay[d]!
                let location = firstJob + visit.job
                priority += c.priority
                stops.append(PlannedStop(seq: stops.count + 1, accountID: c.account.id, eta: visit.serviceStart, etd: visit.departure,
                                         window: c.window, legMetres: distance[previous * n + location],
                                         legSeconds: time[previous * n + location], reason: c.reason, priority: c.priority))
                previous = location
            }
            var end = r.end
            if r.plannedBreak?.afterStop == r.visits.count {
                addBreak()
                end = max(end, stops.last!.etd)
            }
            routes[d].append(AgentRoute(agentID: agent.id, start: r.start, end: end, travelMetres: r.distance, travelSeconds: r.travelTime,
                                        priority: priority, stops: stops))
        }
        for u in solution.unassigned where jobs[u.job].mandatory {
            let (d, c) = jobs[u.job].byDay.first!
            let what = c.reason == .appointment ? "appointment" : "call-back"
            let reason: String = switch u.reason {
            case .noAllowedVehicle: "\(what): no working agent may take it"
            case .unreachable: "\(what): cannot be reached inside \(c.window.from)-\(c.window.to) from the base within the shift"
            case .noRoomLeft: "\(what): the day is full (shift, break, max visits and the other mandatory visits)"
            }
            unplanned[d].append(UnplannedVisit(accountID: c.account.id, agentID: c.agentIDs.count == 1 ? c.agentIDs[0] : nil, reason: reason))
        }
        return inputs.indices.map { d in
            let onDay = jobs.filter { $0.byDay[d] != nil }
            return DayPlan(date: inputs[d].date, utcOffsetSeconds: inputs[d].utcOffsetSeconds,
                           routes: routes[d].sorted { $0.agentID < $1.agentID }, unplanned: unplanned[d].sorted { $0.accountID < $1.accountID },
                           candidateCount: onDay.count, mandatoryCount: onDay.filter(\.mandatory).count)
        }
    }

    static func emptyRoute(_ agent: Agent) -> AgentRoute {
        let at = agent.shift.from.minutes * 60
        return AgentRoute(agentID: agent.id, start: at, end: at, travelMetres: 0, travelSeconds: 0, priority: 0, stops: [])
    }

    /// Keeps every mandatory job and, for each agent, the best optional ones over its days
    /// (priority discounted with the distance from the base, halved at 5 km), `5 × max_visits`
    /// per day worked, as the daily planner does for one day.
    /// The accounts of `keeping` (the sequential plan's visits) are always kept.
    func prune(_ jobs: [HorizonJob], vehicles: [(day: Int, agent: Agent)], keeping: Set<String> = []) -> [HorizonJob] {
        var keep = jobs.map { $0.mandatory || keeping.contains($0.accountID) }
        let byAgent = Dictionary(grouping: vehicles, by: { $0.agent.id })
        for (id, days) in byAgent.sorted(by: { $0.key < $1.key }) {
            let agent = days[0].agent
            let visits = agent.maxVisits ?? max(1, (agent.shift.to.minutes - agent.shift.from.minutes) / 30)
            let quota = max(30, visits * 5) * days.count
            let mine = jobs.indices.filter { i in !jobs[i].mandatory && jobs[i].byDay.values.contains { $0.agentIDs.contains(id) } }
            guard mine.count > quota else { for i in mine { keep[i] = true }; continue }
            let value = mine.map { i -> (Double, String, Int) in
                let km = agent.base.greatCircleMetres(to: jobs[i].byDay.values.first!.location) / 1000
                return (Double(jobs[i].prize) / (1 + km / 5), jobs[i].accountID, i)
            }.sorted { ($0.0, $1.1) > ($1.0, $0.1) }
            for v in value.prefix(quota) { keep[v.2] = true }
        }
        return jobs.indices.filter { keep[$0] }.map { jobs[$0] }
    }
}
