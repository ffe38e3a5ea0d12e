/// One planned day as a calendar shows it: the latest version and its size, without reading
/// the plan's lines.
public struct PlanDay: Sendable, Hashable {
    /// `YYYY-MM-DD`.
    public var date: String
    public var version: Int
    /// When the latest version was stored (epoch seconds) and what made it.
    public var createdAt: Int64
    public var madeBy: String?
    /// Visits on the latest version (breaks not counted) and agents with a route on it.
    public var visits: Int
    public var agents: Int
    /// Agents whose route on the day is locked.
    public var locked: Int

    public init(date: String, version: Int, createdAt: Int64, madeBy: String?, visits: Int, agents: Int, locked: Int) {
        self.date = date
        self.version = version
        self.createdAt = createdAt
        self.madeBy = madeBy
        self.visits = visits
        self.agents = agents
        self.locked = locked
    }
}
