import FieldPlanCore
import FieldPlanPlanning
import FieldPlanRoads
import FieldPlanStore

extension FieldPlanApp {
    /// `plan move/drop/add`: applies the edit to the day's latest plan, re-times and
    /// rechecks the routes it touches, and stores the result as the next version (one
    /// transaction); a refused edit stores nothing.
    /// With `expectedVersion` (the version the editor was looking at), an edit of a plan that
    /// changed meanwhile is refused.
    /// - Throws: `AppError.notFound` without a plan; `AppError.conflict` when the latest version
    ///   is not `expectedVersion`; `AppError.refused` naming the rule broken.
    public func editPlan(date: CivilDate, _ edit: PlanEdit, expectedVersion: Int? = nil) throws -> PlanEditResult {
        let settings = try store.settings()
        let travel = try travelModel(settings: settings)
        // Off-road accounts are known from all located accounts (the edit's input is read inside its transaction).
        let offRoad = travel is RoadTravelModel
            ? Dictionary(uniqueKeysWithValues: try unreachablePlaces().places.filter { $0.kind == "account" }.map { ($0.id, $0.reason(limit: settings.snapLimitMetres)) })
            : [:]
        let result = try AppError.mapping { try store.editPlan(date: date, edit, expectedVersion: expectedVersion, travel: travel, offRoad: offRoad) }
        let route = result.plan.routes.first { r in r.stops.contains { $0.accountID == edit.account } }?.agentID
        let before = Dictionary(result.previous.routes.map { ($0.agentID, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(result.plan.routes.map { ($0.agentID, $0) }, uniquingKeysWith: { a, _ in a })
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        return PlanEditResult(edit: edit, plan: result.plan, version: result.version, changes: result.changes, route: route,
                              changedRoutes: changed, locked: result.locked)
    }

    /// `plan lock` / `plan unlock`: whether anything changed (false: it already was so).
    /// With `expectedVersion`, refused unless that is still the day's latest version.
    /// - Throws: `AppError.notFound` when locking a day without a plan or an agent without a route;
    ///   `AppError.conflict` when the latest version is not `expectedVersion`.
    @discardableResult
    public func setRouteLocked(date: CivilDate, agent: String, _ locked: Bool, expectedVersion: Int? = nil) throws -> Bool {
        try AppError.mapping { try store.setRouteLocked(date: date, agent: agent, locked, expectedVersion: expectedVersion) }
    }

    /// A lock or unlock as the service's plan edits answer it: the change, then the agent's
    /// route on the latest version as it now is (nil when the agent has none, which an unlock
    /// allows). Two store calls: the lock, then the reading.
    public func lockRoute(date: CivilDate, agent: String, locked: Bool, expectedVersion: Int? = nil) throws -> RouteLockResult {
        let changed = try setRouteLocked(date: date, agent: agent, locked, expectedVersion: expectedVersion)
        let reading: PlanReading?
        do { reading = try plan(date: date, agent: agent) } catch AppError.notFound(_) where !locked { reading = nil }
        return RouteLockResult(date: date, agent: agent, locked: locked, changed: changed, reading: reading)
    }
}
