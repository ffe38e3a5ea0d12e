import FieldPlanZoning

/// What `zones build` asks for.
public struct ZoneBuildRequest: Sendable, Hashable {
    /// Zones after the build, locked ones included (nil only with `agents`).
    public var zones: Int?
    public var balance: ZoningOptions.Balance
    /// The search's time budget (nil: until it settles, or `maxSeconds` when there is one).
    public var seconds: Double?
    /// The longest search this caller may ask for (the service sets
    /// `FieldPlanApp.servicePlanSecondsCap`, as for plans); nil: no cap (the command line).
    public var maxSeconds: Double?
    /// Ignore the current zones (locked ones are still kept).
    public var fresh: Bool
    /// One zone per active agent without a locked zone, started at the agent's base and
    /// given to the agents by a min-cost assignment.
    public var agents: Bool
    /// Allowed deviation of a zone's load from the mean, in per cent, in (0, 50).
    public var tolerance: Double
    public var seed: UInt64
    /// Compute the build and its moves but store nothing (`zones build --dry-run`), so a
    /// supervisor can see what a rebuild would move before it does.
    public var dryRun: Bool

    public init(zones: Int? = nil, balance: ZoningOptions.Balance = .workload, seconds: Double? = nil, fresh: Bool = false,
                agents: Bool = false, tolerance: Double = 5, seed: UInt64 = 1, dryRun: Bool = false, maxSeconds: Double? = nil) {
        self.zones = zones
        self.balance = balance
        self.seconds = seconds
        self.fresh = fresh
        self.agents = agents
        self.tolerance = tolerance
        self.seed = seed
        self.dryRun = dryRun
        self.maxSeconds = maxSeconds
    }
}
