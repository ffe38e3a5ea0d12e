import FieldPlanZoning

/// What `zones build` asks for.
public struct ZoneBuildRequest: Sendable, Hashable {
    /// Zones after the build, locked ones included (nil only with `agents`).
    public var zones: Int?
    public var balance: ZoningOptions.Balance
    /// The search's time budget (nil: until it settles).
    public var seconds: Double?
    /// Ignore the current zones (locked ones are still kept).
    public var fresh: Bool
    /// One zone per active agent without a locked zone, started at the agent's base and
    /// given to the agents by a min-cost assignment.
    public var agents: Bool
    /// Allowed deviation of a zone's load from the mean, in per cent, in (0, 50).
    public var tolerance: Double
    public var seed: UInt64

    public init(zones: Int? = nil, balance: ZoningOptions.Balance = .workload, seconds: Double? = nil, fresh: Bool = false,
                agents: Bool = false, tolerance: Double = 5, seed: UInt64 = 1) {
        self.zones = zones
        self.balance = balance
        self.seconds = seconds
        self.fresh = fresh
        self.agents = agents
        self.tolerance = tolerance
        self.seed = seed
    }
}
