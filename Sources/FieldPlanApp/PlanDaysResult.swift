import FieldPlanPlanning
import FieldPlanStore

/// Days planned together and stored, each as its day's next version.
public struct PlanDaysResult: Sendable {
    public var plans: [DayPlan]
    public var changes: [FieldPlanStore.PlanChanges]

    /// Max and mean visits per agent-day (how evenly the work is spread).
    public var evenness: (max: Int, mean: Double) { MultiDayPlanChecker.evenness(plans) }
    public var totalPriority: Int { plans.reduce(0) { $0 + $1.totalPriority } }
    public var visitCount: Int { plans.reduce(0) { $0 + $1.visitCount } }
    public var travelSeconds: Int { plans.reduce(0) { $0 + $1.routes.reduce(0) { $0 + $1.travelSeconds } } }
}
