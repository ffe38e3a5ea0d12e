import FieldPlanPlanning
import FieldPlanStore

/// A supervisor's edit stored as the day's next version.
public struct PlanEditResult: Sendable {
    public var edit: PlanEdit
    public var plan: DayPlan
    public var version: Int
    public var changes: FieldPlanStore.PlanChanges
    /// The agent whose route has the edited account now (nil when it was dropped).
    public var route: String?
}
