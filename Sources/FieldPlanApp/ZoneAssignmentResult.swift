import FieldPlanCore
import FieldPlanZoning

/// `zones assign --nearest`: each agent's zone, the distance from the base to its centre,
/// and the unlocked zones left without an agent.
public struct ZoneAssignmentResult: Sendable {
    public var pairs: [AgentZoneAssignment.Pair]
    public var agents: [Agent]
    public var unassigned: [String]
}
