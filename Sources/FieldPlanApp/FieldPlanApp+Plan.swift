import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import FieldPlanRoads
import FieldPlanRouting
import FieldPlanStore
import Foundation

extension FieldPlanApp {
    /// The longest search a plan run through the service may ask for, so that one request
    /// cannot hold the planner (and a worker) for minutes.
    public static let servicePlanSecondsCap: Double = 30

    /// The search time when none is asked for.
    public static let defaultPlanSeconds: Double = 10

    /// The search budget of a plan: `seconds` (10 by default) or `iterations`, or both. With
    /// `maxSeconds`, more seconds are refused and an iteration budget alone is also bounded
    /// by `maxSeconds`, so a capped caller never runs longer than the cap.
    public static func searchLimit(seconds: Double?, iterations: Int?, maxSeconds: Double? = nil) throws(AppError) -> SearchLimit {
        if let seconds, !(seconds > 0 && seconds.isFinite) { throw .invalid("seconds: expected a positive number of seconds, got \(seconds)") }
        if let iterations, iterations < 1 { throw .invalid("iterations: expected at least 1, got \(iterations)") }
        if let maxSeconds, let seconds, seconds > maxSeconds {
            throw .invalid("seconds: at most \(JSONWriter.number(maxSeconds)) seconds of search here, got \(JSONWriter.number(seconds))")
        }
        if iterations == nil { return SearchLimit(seconds: seconds ?? min(defaultPlanSeconds, maxSeconds ?? .infinity), iterations: nil) }
        return SearchLimit(seconds: seconds ?? maxSeconds, iterations: iterations)
    }

    /// SPEC §5: plans the day and stores it as the day's next version. Gathers the input
    /// (one read), checks the agents named, refuses a started or past day without `force`
    /// and an absent agent whose route must be kept, plans with the routing engine, rechecks
    /// the plan against every hard rule and stores it (one write). Nothing is stored when it
    /// throws.
    /// - Parameters:
    ///   - problem: receives the day's routing problem as JSON when `exportProblem` is set,
    ///     before the search starts.
    ///   - progress: a line for a person watching (the search can take its whole budget).
    /// - Complexity: the search's budget, plus O(accounts in play) to gather and check.
    public func planDay(_ request: PlanDayRequest, problem: (String) throws -> Void = { _ in },
                        progress: (String) -> Void = { _ in }) throws -> PlanDayResult {
        let day = request.date
        let limit = try Self.searchLimit(seconds: request.seconds, iterations: request.iterations, maxSeconds: request.maxSeconds)
        let fromTime = request.fromTime.map { $0.minutes * 60 }
        if let t = request.fromTime {
            guard t.minutes < 24 * 60 else { throw AppError.invalid("from-time: expected a time of the day HH:MM before 24:00, got \(t)") }
            // The versions only: the plan itself is read once, with the planning input.
            guard try !AppError.mapping({ try store.planVersions(date: day) }).isEmpty else {
                throw AppError.refused("plan \(day) --from-time \(t): \(day) has no plan yet to re-plan (plan --date \(day) first)")
            }
        }
        // The `travel` setting's model, made once and handed to the planner and the checker.
        let settings = try store.settings()
        let travel = try travelModel(settings: settings)
        var input = try AppError.mapping {
            try store.planningInput(date: day, onlyAgents: request.onlyAgents, absent: request.absent, travel: travel, fromTime: fromTime)
        }
        input.offRoad = offRoad(input.accounts, travel: travel)
        // An absent agent who made no visit has nothing to keep, not even a past break.
        input.keptRoutes.removeAll { request.absent.contains($0.agentID) && !$0.locked && $0.accountIDs.isEmpty }
        let known = Set(input.agents.map(\.id))
        for id in (request.onlyAgents ?? []).union(request.absent).sorted() where !known.contains(id) {
            throw AppError.invalid("no agent \"\(id)\" in the store")
        }
        let today = try request.today ?? store.clock().localDate(Int64(Date().timeIntervalSince1970))
        if !request.force && fromTime == nil, let why = ReplanGuard.refusal(date: day, today: today, outcomesOnDate: input.visitedToday.count) {
            throw AppError.refused("plan \(day): \(why)")
        }
        // Re-planning from a time, an absent agent's morning stands and the rest moves to others.
        for k in input.keptRoutes where request.absent.contains(k.agentID) && (fromTime == nil || k.locked) {
            throw AppError.refused("plan \(day): \(k.agentID) is given as absent but " + (k.locked
                ? "their route is locked (plan unlock --date \(day) --agent \(k.agentID))"
                : "has visits with an outcome that day"))
        }
        // Only a road network can leave a base off the map: no selection pass otherwise.
        if travel is RoadTravelModel { try checkBases(CandidateSelector(input: input).select().agents, travel: travel) }
        try checkOSRMPlaces(&input, travel: travel)
        let planner = DayPlanner(limit: limit, seed: request.seed, threads: 2)
        if let why = CandidateSelector(input: input).nobodyWorking {
            throw AppError.refused("nothing planned for \(day): \(why)")
        }
        if request.exportProblem {
            let routing = try AppError.mapping { try planner.problem(for: input) }
            try problem(PlanRecordEncoder.problem(routing, input: input))
        }
        progress("planning \(day)…")
        let plan = try AppError.mapping { try planner.plan(input) }
        let violations = DayPlanChecker(input: input).violations(of: plan)
        guard violations.isEmpty else {
            throw AppError.failed("internal error: the plan breaks a hard rule and was not stored: \(violations.prefix(3).joined(separator: "; "))")
        }
        let madeBy = request.madeBy ?? (request.fromTime.map { "plan --from-time \($0)" } ?? (request.force ? "plan --force" : "plan"))
        let changes = try store.savePlan(plan, seed: request.seed, madeBy: madeBy)
        var result = PlanDayResult(plan: plan, changes: changes, kept: input.keptRoutes)
        if settings.travel != .straight { result.straightLineMetres = Self.straightLineMetres(plan, input: input) }
        return result
    }

    /// Great-circle metres along every route's stops, base to base.
    static func straightLineMetres(_ plan: DayPlan, input: PlanningInput) -> Int {
        let bases = Dictionary(input.agents.map { ($0.id, $0.base) }, uniquingKeysWith: { a, _ in a })
        let located = DayPlanner.accountLocations(input)
        var total = 0.0
        for r in plan.routes where !r.stops.isEmpty {
            guard let base = bases[r.agentID] else { continue }
            let places = [base] + r.stops.compactMap { $0.accountID.flatMap { located[$0] } } + [base]
            for i in 0..<(places.count - 1) { total += places[i].greatCircleMetres(to: places[i + 1]) }
        }
        return Int(total.rounded())
    }
}
