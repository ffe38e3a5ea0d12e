import FieldPlanCore
import FieldPlanPlanning

/// One stored version of a day's plan, read back from its lines (no re-solving): what
/// `plan show` prints, what `plan diff` compares, what edits start from and what a re-plan
/// keeps.
public struct StoredPlan: Sendable, Hashable {
    public var version: Int
    /// When it was stored (epoch seconds) and what made it (`plan`, `plan move …`).
    public var createdAt: Int64
    public var madeBy: String?
    public var plan: DayPlan
    /// Agents whose route on the day is locked now (`plan lock`).
    public var locked: Set<String>

    public init(version: Int, createdAt: Int64, madeBy: String?, plan: DayPlan, locked: Set<String>) {
        self.version = version
        self.createdAt = createdAt
        self.madeBy = madeBy
        self.plan = plan
        self.locked = locked
    }

    /// The agent and place in the route of every account on the plan.
    public var positions: [String: (agent: String, index: Int)] {
        var out: [String: (agent: String, index: Int)] = [:]
        for r in plan.routes {
            for (i, id) in r.stops.compactMap(\.accountID).enumerated() { out[id] = (r.agentID, i) }
        }
        return out
    }
}
