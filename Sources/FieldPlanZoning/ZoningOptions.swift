/// How a zoning build balances, estimates travel and searches.
public struct ZoningOptions: Sendable, Hashable, Codable {
    /// What "balanced" means.
    public enum Balance: String, Sendable, Hashable, Codable, CaseIterable {
        /// Equal estimated hours: service times plus estimated travel inside the zone.
        case workload
        /// Equal account counts.
        case accounts
    }

    public var balance: Balance
    /// Allowed relative deviation of each zone's load from the mean (0.05 = ±5 %).
    public var tolerance: Double
    /// Road distance over great-circle distance (SPEC §4).
    public var roadFactor: Double
    /// Travel speed in km/h (SPEC §4).
    public var speedKmh: Double
    /// Ignore the accounts' current zones and build from scratch (locked zones are still kept).
    public var fresh: Bool
    /// The seed of the random generator (k-means++ seeding); same seed, same zones.
    public var seed: UInt64
    /// Upper bound on balanced k-means rounds; the build usually stops earlier, when centres
    /// settle.
    public var maxRounds: Int
    /// Optional wall-clock budget for the balanced k-means rounds (boundary repair always
    /// runs). With a budget that bites, the result depends on the machine's speed; without
    /// one it depends only on the input, the seed and `maxRounds`.
    public var timeLimit: Duration?

    public init(balance: Balance = .workload, tolerance: Double = 0.05, roadFactor: Double = 1.3,
                speedKmh: Double = 25, fresh: Bool = false, seed: UInt64 = 1, maxRounds: Int = 80,
                timeLimit: Duration? = nil) {
        self.balance = balance
        self.tolerance = tolerance
        self.roadFactor = roadFactor
        self.speedKmh = speedKmh
        self.fresh = fresh
        self.seed = seed
        self.maxRounds = maxRounds
        self.timeLimit = timeLimit
    }
}
