import FieldPlanCore

/// What `plan --from D --days N` asks for: consecutive days planned in one optimisation.
public struct PlanDaysRequest: Sendable, Hashable {
    /// The most days one run may plan: a fortnight.
    public static let maxDays = 14

    public var from: CivilDate
    public var days: Int
    /// Only these agents (nil: every working agent).
    public var onlyAgents: Set<String>?
    /// Search time in seconds for the whole horizon; nil is 10 s per day unless `iterations` is given.
    public var seconds: Double?
    public var iterations: Int?
    /// The most seconds of search a caller may ask for (the service's cap); nil: no cap. The
    /// default search (10 s a day) is cut to it.
    public var maxSeconds: Double?
    public var seed: UInt64
    /// The agency's today (nil: today in the agency's time zone, now).
    public var today: CivilDate?

    public init(from: CivilDate, days: Int, onlyAgents: Set<String>? = nil, seconds: Double? = nil, iterations: Int? = nil,
                seed: UInt64 = 1, today: CivilDate? = nil) {
        self.from = from
        self.days = days
        self.onlyAgents = onlyAgents
        self.seconds = seconds
        self.iterations = iterations
        self.seed = seed
        self.today = today
    }
}
