import FieldPlanPlanning
import FieldPlanStore

/// A day planned and stored: the plan, the version it was stored as and what changed since
/// the previous version, and the routes kept from that version (locked ones whole, started
/// ones up to their last outcome).
public struct PlanDayResult: Sendable {
    public var plan: DayPlan
    public var changes: FieldPlanStore.PlanChanges
    public var kept: [KeptRoute]
    /// On a road model: the great-circle metres between the same stops in the same order
    /// (base to base), to set the road figures against; nil on straight lines.
    public var straightLineMetres: Int?

    public var version: Int { changes.version }
    /// Agents whose locked route was kept as it was.
    public var lockedAgents: [String] { kept.filter(\.locked).map(\.agentID) }
    /// Visits with an outcome kept as they were (locked routes not counted).
    public var keptStops: Int { kept.filter { !$0.locked }.reduce(0) { $0 + $1.route.visitCount } }
    /// The plan's travel, every route, in metres.
    public var travelMetres: Int { plan.routes.reduce(0) { $0 + $1.travelMetres } }
}
