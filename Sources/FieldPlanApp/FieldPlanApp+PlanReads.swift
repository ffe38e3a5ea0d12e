import FieldPlanCore
import FieldPlanPlanning
import FieldPlanStore

extension FieldPlanApp {
    /// `plan show`: a stored version (the latest when `version` is nil) as it is, without
    /// re-solving; with `agent`, only that agent's route and the unplanned visits that are
    /// theirs or nobody's.
    /// - Throws: `AppError.notFound` for no plan, no such version, or no route of the agent.
    public func plan(date: CivilDate, version: Int? = nil, agent: String? = nil) throws -> PlanReading {
        let day = date.description
        // With an agent the store reads only that route: a phone's request costs one route.
        guard let stored = try AppError.mapping({ try store.storedPlan(date: date, version: version, agent: agent) }) else {
            throw AppError.notFound(version.map { PlanStoreError.noVersion(day, $0).description } ?? PlanStoreError.noPlan(day).description)
        }
        var plan = stored.plan
        if let agent {
            guard plan.routes.contains(where: { $0.agentID == agent }) else { throw AppError.notFound(PlanStoreError.noRoute(day, agent).description) }
            plan.routes = plan.routes.filter { $0.agentID == agent }
            plan.unplanned = plan.unplanned.filter { $0.agentID == nil || $0.agentID == agent }
        }
        return PlanReading(stored: stored, plan: plan, clock: try store.clock())
    }

    /// The longest range of days `planDays` lists: a year and a day, as a report.
    public static let maximumPlanDays = 366

    /// The planned days from `from` to `to` with their latest versions, for a calendar
    /// (`GET /api/plans?from=&to=`), with the clock to show when each was stored.
    /// - Throws: `AppError.invalid` for a range that ends before it starts or is over a year.
    public func planDays(from: CivilDate, to: CivilDate) throws -> AgencyListing<PlanDay> {
        try Self.checkPlanRange(from: from, to: to)
        return AgencyListing(items: try store.planDays(from: from, to: to), clock: try store.clock())
    }

    /// `GET /api/plans?from=&to=`: the planned days of a range as NDJSON lines (`PlanDay.json`),
    /// each written as the store's cursor reads it. The range is checked and the clock read
    /// when the stream is made, so a refusal comes before the first line.
    /// - Throws: `AppError.invalid` as `planDays(from:to:)`.
    public func planDayLines(from: CivilDate, to: CivilDate) throws -> LineStream {
        try Self.checkPlanRange(from: from, to: to)
        let clock = try store.clock()
        return LineStream { [store] line in
            try store.planDays(from: from, to: to) { try line($0.json(clock)) }
        }
    }

    static func checkPlanRange(from: CivilDate, to: CivilDate) throws {
        guard from <= to else { throw AppError.invalid("to: \(to) is before from \(from)") }
        guard to.dayNumber - from.dayNumber < Self.maximumPlanDays else {
            throw AppError.invalid("a plan calendar covers at most \(Self.maximumPlanDays) days; \(from) to \(to) is longer")
        }
    }

    /// `plan diff`: the stops added, dropped, moved to another agent and reordered from
    /// version `from` to version `to` (the latest when nil).
    /// - Throws: `AppError.notFound` when either version is missing.
    public func planDiff(date: CivilDate, from: Int, to: Int? = nil) throws -> PlanComparison {
        let day = date.description
        guard let old = try AppError.mapping({ try store.storedPlan(date: date, version: from) }) else {
            throw AppError.notFound(PlanStoreError.noVersion(day, from).description)
        }
        guard let new = try AppError.mapping({ try store.storedPlan(date: date, version: to) }) else {
            throw AppError.notFound(to.map { PlanStoreError.noVersion(day, $0).description } ?? PlanStoreError.noPlan(day).description)
        }
        return PlanComparison(old: old, new: new, diff: PlanDiff(from: old.plan, to: new.plan))
    }
}
