import FieldPlanPlanning
import FieldPlanStore

/// Two versions of a day's plan and, stop by stop, what changed between them (`plan diff`).
public struct PlanComparison: Sendable {
    public var old: StoredPlan
    public var new: StoredPlan
    public var diff: PlanDiff

    /// Why a dropped stop is off the newer version, when that version lists it as an
    /// unplanned mandatory visit.
    public func reason(dropped accountID: String) -> String? {
        new.plan.unplanned.first { $0.accountID == accountID }?.reason
    }
}
