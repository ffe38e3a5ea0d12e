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
    /// The agents whose routes differ from the version edited (the route the stop left and
    /// the one it joined, each re-timed), in id order.
    public var changedRoutes: [String]
    /// The agents whose route on the day is locked.
    public var locked: Set<String>
}
