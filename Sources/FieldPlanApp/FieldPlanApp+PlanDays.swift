import FieldPlanCore
import FieldPlanPlanning
import FieldPlanRouting
import FieldPlanStore
import Foundation

extension FieldPlanApp {
    /// `plan --from D --days N`: plans N consecutive days in one optimisation (which day each
    /// visit falls on, and every day's routes), checks them together (each day as a daily
    /// plan, plus the gap and monthly limit across the days) and stores each day as its next
    /// version. Refuses a horizon that starts before today or in which a day has outcomes or
    /// a locked route (re-plan such a day alone), and N outside 1–14. Nothing is stored when
    /// it throws.
    /// - Complexity: the search's budget, plus O(L²) for the matrices of the kept candidates.
    public func planDays(_ request: PlanDaysRequest, progress: (String) -> Void = { _ in }) throws -> PlanDaysResult {
        guard (1...PlanDaysRequest.maxDays).contains(request.days) else {
            throw AppError.invalid("days: expected 1 to \(PlanDaysRequest.maxDays) days, got \(request.days)")
        }
        var perDay = request.seconds == nil && request.iterations == nil ? Self.defaultPlanSeconds * Double(request.days) : request.seconds
        if request.seconds == nil, let cap = request.maxSeconds, let p = perDay { perDay = min(p, cap) }
        let limit = try Self.searchLimit(seconds: perDay, iterations: request.iterations, maxSeconds: request.maxSeconds)
        let today = try request.today ?? store.clock().localDate(Int64(Date().timeIntervalSince1970))
        if request.from < today {
            throw AppError.refused("plan --from \(request.from): \(request.from) is in the past (today is \(today) in the agency's time zone)")
        }
        // The `travel` setting's model, made once and handed to the planner and the checker.
        let travel = try travelModel(settings: try store.settings())
        var inputs: [PlanningInput] = []
        for k in 0..<request.days {
            let day = request.from.adding(days: k)
            var input = try AppError.mapping { try store.planningInput(date: day, onlyAgents: request.onlyAgents, travel: travel) }
            input.offRoad = offRoad(input.accounts, travel: travel)
            if !input.visitedToday.isEmpty || !input.keptRoutes.isEmpty {
                throw AppError.refused("plan --from \(request.from): \(day) has started or has a locked route; re-plan it alone (plan --date \(day) --force)")
            }
            inputs.append(input)
        }
        let known = Set(inputs[0].agents.map(\.id))
        for id in (request.onlyAgents ?? []).sorted() where !known.contains(id) { throw AppError.invalid("no agent \"\(id)\" in the store") }
        // Days nobody works are planned as empty days, unless every day is one.
        let working = inputs.filter { CandidateSelector(input: $0).nobodyWorking == nil }
        if working.isEmpty {
            throw AppError.refused("nothing planned from \(request.from): nobody works on any of the \(request.days) days")
        }
        progress("planning \(request.days) days from \(request.from)…")
        let planner = MultiDayPlanner(limit: limit, seed: request.seed, threads: 2)
        let planned = try AppError.mapping { try planner.plan(working) }
        let violations = MultiDayPlanChecker(inputs: working).violations(of: planned)
        guard violations.isEmpty else {
            throw AppError.failed("internal error: the plans break a hard rule and were not stored: \(violations.prefix(3).joined(separator: "; "))")
        }
        var changes: [FieldPlanStore.PlanChanges] = []
        for plan in planned {
            changes.append(try AppError.mapping { try store.savePlan(plan, seed: request.seed, madeBy: "plan --from \(request.from) --days \(request.days)") })
        }
        return PlanDaysResult(plans: planned, changes: changes)
    }
}
