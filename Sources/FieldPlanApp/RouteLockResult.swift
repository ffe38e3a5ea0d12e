import FieldPlanCore

/// A route locked or unlocked, and the route as it now is (nil: the agent has no route on the
/// day's latest plan, which only an unlock allows).
public struct RouteLockResult: Sendable {
    public var date: CivilDate
    public var agent: String
    public var locked: Bool
    /// False when it already was so.
    public var changed: Bool
    public var reading: PlanReading?
}
