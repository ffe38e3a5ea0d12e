import FieldPlanCore
import FieldPlanRouting

/// Plans several consecutive days in one optimisation (`plan --from D --days N`): one routing
/// problem whose vehicles are agent-days, each job an account allowed only on the agent-days
/// it may be visited, so the search chooses each visit's day and every day's routes together.
///
/// - A booked visit (appointment, call-back) is a mandatory job of its day only.
/// - Any other account is visited where `plan --date` day after day would visit it: each day
///   knows the horizon's earlier visits (`PlanningInput.carrying`), so an account comes back
///   once `min_gap_days` has passed and while the monthly limit allows. In the search, an
///   account the sequential plan visits several times has one job per visit: the first may
///   move between its days (within `dayTolerance` points of its best, before the gap of the
///   next visit), the later ones stay on their days, so any two chosen keep the gap. An
///   account the sequential plan leaves out is one job over its best days. Each stop is then
///   worth its day's own points with the earlier days' visits taken as made.
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
    /// Whether the week search's plan is evened out afterwards (`WeekRebalancer`): an agent's
    /// visits moved from a full day to an empty one where that loses no points.
    public var rebalance = true

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
        let sequential = try planSequentially(inputs)
        let week = try planWeek(inputs, selections: selections, seed: sequential)
        // Should the search have broken a rule across the days (it served a booked visit the
        // sequential plan could not, within the gap of an ordinary visit), the sequential plan
        // stands: it is `plan --date` day after day, which the checker accepts.
        if !MultiDayPlanChecker(inputs: inputs).violations(of: week).isEmpty { return sequential }
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

    /// The days planned one after another with the daily planner, exactly as `plan --date`
    /// day after day: each day's input carries the visits planned on the days before it
    /// (`PlanningInput.carrying`), so an account is visited again once `min_gap_days` has
    /// passed and while the monthly limit allows, and a later day's priority knows the visit.
    public func planSequentially(_ inputs: [PlanningInput]) throws -> [DayPlan] {
        let dayLimit = split(days: inputs.count).day
        var plans: [DayPlan] = []
        for (d, original) in inputs.enumerated() {
            let input = original.carrying(plans)
            let plan: DayPlan
            if CandidateSelector(input: input).nobodyWorking != nil {
                let selection = CandidateSelector(input: input).select()
                plan = DayPlan(date: input.date, utcOffsetSeconds: input.utcOffsetSeconds, routes: selection.agents.map { Self.emptyRoute($0) },
                               unplanned: selection.unplanned.sorted { $0.accountID < $1.accountID }, candidateCount: 0, mandatoryCount: 0)
            } else {
                plan = try DayPlanner(limit: dayLimit, seed: seed &+ UInt64(d), threads: threads).plan(input)
            }
            plans.append(plan)
        }
        return plans
    }

    /// The week search: one routing problem over every agent-day, started from `seed` (the
    /// sequential plan), so it only keeps what improves on it.
    func planWeek(_ inputs: [PlanningInput], selections: [CandidateSelector.Selection], seed start: [DayPlan]) throws -> [DayPlan] {
        let gap = inputs[0].settings.minGapDays
        // The sequential plan's ordinary visits of each account, in day order, with their
        // stored points (those of the day's carried history).
        var seededVisits: [String: [(day: Int, priority: Int)]] = [:]
        for (d, plan) in start.enumerated() {
            for r in plan.routes {
                for s in r.stops where s.reason != .appointment && s.reason != .callback {
                    if let id = s.accountID { seededVisits[id, default: []].append((d, s.priority)) }
                }
            }
        }
        // Vehicles: every working agent of every day.
        var vehicleAgents: [(day: Int, agent: Agent)] = []
        for (d, s) in selections.enumerated() { for a in s.agents { vehicleAgents.append((d, a)) } }
        var jobs: [HorizonJob] = []
        var optional: [String: [Int: Candidate]] = [:]
        var bookedDays: [String: [Int]] = [:]
        for (d, s) in selections.enumerated() {
            for c in s.candidates {
                if c.mandatory {
                    jobs.append(HorizonJob(accountID: c.account.id, byDay: [d: c], prize: c.priority, mandatory: true))
                    bookedDays[c.account.id, default: []].append(d)
                } else {
                    optional[c.account.id, default: [:]][d] = c
                }
            }
        }
        let month = inputs.map { $0.date.description.prefix(7) }
        for id in optional.keys.sorted() {
            let days = optional[id]!
            let booked = bookedDays[id] ?? []
            guard let seeds = seededVisits[id], let first = seeds.first, days[first.day] != nil else {
                // Not visited by the sequential plan: one visit over the horizon, on its best
                // days; an account with a booked visit in the horizon gets only that.
                guard booked.isEmpty else { continue }
                let best = days.values.map(\.priority).max()!
                let home = days.keys.sorted().first { days[$0]!.priority == best }!
                let near = days.filter { $0.value.priority >= best - dayTolerance && $0.value.window == days[home]!.window }
                jobs.append(HorizonJob(accountID: id, byDay: near, prize: near.values.map(\.priority).min()!, mandatory: false))
                continue
            }
            // The first visit may move between the days: not within the gap of the account's
            // next seeded visit, in the same month, on the same side of every booked visit and
            // not within the gap after one (before one, the day's own rules already keep the gap).
            let next = seeds.count > 1 ? seeds[1].day - gap : inputs.count - 1
            // Its own day always (after a booked visit the sequential plan could not make, the
            // gap to it did not apply there).
            let allowed = days.filter { d, _ in
                d == first.day || d <= next && month[d] == month[first.day]
                    && booked.allSatisfy { m in (m < d) == (m < first.day) && (m > d || d - m >= gap) }
            }
            let best = allowed.values.map(\.priority).max()!
            let floor = min(days[first.day]!.priority, best - dayTolerance)
            let near = allowed.filter { $0.key == first.day || ($0.value.priority >= floor && $0.value.window == days[first.day]!.window) }
            jobs.append(HorizonJob(accountID: id, byDay: near, prize: near.values.map(\.priority).min()!, mandatory: false))
            // Each later visit stays on its day, worth what the sequential plan stored for it
            // (its carried history): the copies' days keep the gap between them by construction.
            for s in seeds.dropFirst() {
                guard var c = days[s.day] else { continue }
                c.priority = s.priority
                jobs.append(HorizonJob(accountID: id, byDay: [s.day: c], prize: s.priority, mandatory: false))
            }
        }
        jobs = prune(jobs, vehicles: vehicleAgents, keeping: Set(seededVisits.keys))
        // Locations: each agent's base once, then one per account (its visits share it).
        var agentBase: [String: Int] = [:]
        var locations: [Coordinate] = []
        for (_, a) in vehicleAgents where agentBase[a.id] == nil {
            agentBase[a.id] = locations.count
            locations.append(a.base)
        }
        var accountLocation: [String: Int] = [:]
        let jobLocation = jobs.map { j -> Int in
            if let at = accountLocation[j.accountID] { return at }
            accountLocation[j.accountID] = locations.count
            locations.append(j.byDay.values.first!.location)
            return locations.count - 1
        }
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
            return Job(location: jobLocation[i], service: c.serviceMinutes * 60,
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
        // An account's jobs have disjoint days, so (account, day) names at most one job.
        var jobIndex: [String: Int] = [:]
        for (i, j) in jobs.enumerated() { for d in j.byDay.keys where jobIndex["\(j.accountID)|\(d)"] == nil { jobIndex["\(j.accountID)|\(d)"] = i } }
        var initial = [[Int]](repeating: [], count: vehicles.count)
        for (d, plan) in start.enumerated() {
            for r in plan.routes {
                guard let v = vehicleIndex["\(d)|\(r.agentID)"] else { continue }
                initial[v] = r.stops.compactMap { s in s.accountID.map { jobIndex["\($0)|\(d)"] ?? -1 } }
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
                let location = jobLocation[visit.job]
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
        let plans = inputs.indices.map { d in
            let onDay = jobs.filter { $0.byDay[d] != nil }
            return DayPlan(date: inputs[d].date, utcOffsetSeconds: inputs[d].utcOffsetSeconds,
                           routes: routes[d].sorted { $0.agentID < $1.agentID }, unplanned: unplanned[d].sorted { $0.accountID < $1.accountID },
                           candidateCount: onDay.count, mandatoryCount: onDay.filter(\.mandatory).count)
        }
        guard rebalance else { return Self.carriedPriorities(plans, inputs: inputs) }
        // Evenness after priority: an agent's visits moved from a full day to an empty one
        // where the visit's job may go and is worth as much, re-timed on the search's matrix.
        var movable: [String: Set<Int>] = [:]
        for j in jobs where !j.mandatory {
            let days = Set(j.byDay.keys)
            for d in days { movable["\(j.accountID)|\(d)"] = days }
        }
        let rebalancer = WeekRebalancer(
            movable: movable,
            candidates: selections.map { Dictionary($0.candidates.map { ($0.account.id, $0) }, uniquingKeysWith: { a, _ in a }) },
            agents: Dictionary(vehicleAgents.map { ($0.agent.id, $0.agent) }, uniquingKeysWith: { a, _ in a }),
            model: MatrixLegs(fallback: inputs[0].travel, locations: locations, seconds: time, metres: distance))
        return Self.carriedPriorities(rebalancer.rebalance(plans), inputs: inputs)
    }

    /// Each stop's points and reason as its day's carried input (the earlier days' visits taken
    /// as made) gives them, and each route's total: what `plan --date` would store for the
    /// visit, and what the checker recomputes. A visit the search moved to another day than
    /// the sequential plan's is worth that day's own points.
    /// - Complexity: one candidate selection per day.
    static func carriedPriorities(_ plans: [DayPlan], inputs: [PlanningInput]) -> [DayPlan] {
        var out = plans
        for d in out.indices {
            let input = inputs[d].carrying(Array(out[..<d]))
            let candidates = Dictionary(CandidateSelector(input: input).select().candidates.map { ($0.account.id, $0) }, uniquingKeysWith: { a, _ in a })
            for r in out[d].routes.indices {
                for k in out[d].routes[r].stops.indices {
                    guard let id = out[d].routes[r].stops[k].accountID, let c = candidates[id] else { continue }
                    out[d].routes[r].stops[k].priority = c.priority
                    out[d].routes[r].stops[k].reason = c.reason
                }
                out[d].routes[r].priority = out[d].routes[r].stops.reduce(0) { $0 + $1.priority }
            }
        }
        return out
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
