import FieldPlanCore
import FieldPlanPlanning
import FieldPlanStore

/// A stored version of a day's plan as `plan show` and `GET /api/plans/{date}` give it:
/// narrowed to one agent when asked, with the agency's clock to print when it was stored.
public struct PlanReading: Sendable {
    /// The version as read: with an agent, only that agent's route was read.
    public var stored: StoredPlan
    /// `stored.plan`, or only the agent's route and the unplanned visits that are theirs or
    /// nobody's.
    public var plan: DayPlan
    public var clock: AgencyClock
}
