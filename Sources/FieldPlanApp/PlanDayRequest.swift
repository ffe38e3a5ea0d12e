import FieldPlanCore

/// What `plan --date D` and `POST /api/plans/{date}` ask for: the day and how to plan it.
public struct PlanDayRequest: Sendable, Hashable {
    public var date: CivilDate
    /// Only these agents (nil: every working agent).
    public var onlyAgents: Set<String>?
    /// Agents absent today: their zones' urgent visits go to the two nearest agents.
    public var absent: Set<String>
    /// Search time in seconds; nil is 10 s unless `iterations` is given.
    public var seconds: Double?
    /// An iteration budget instead of time: the same seed and budget give the same plan.
    public var iterations: Int?
    /// The longest search this caller may ask for (the service sets
    /// `FieldPlanApp.servicePlanSecondsCap`); nil: no cap (the command line).
    public var maxSeconds: Double?
    public var seed: UInt64
    /// Re-plan a day that has started or is past: stops with an outcome stay as they were.
    public var force: Bool
    /// The agency's today (nil: today in the agency's time zone, now).
    public var today: CivilDate?
    /// What the stored version says made it (nil: `plan`, or `plan --force`).
    public var madeBy: String?
    /// Also hand the day's routing problem, as JSON for another solver, to `planDay`'s
    /// `problem` callback before planning.
    public var exportProblem: Bool
    /// Re-plan the rest of a started day from this local time (`--from-time HH:MM`): done
    /// stops stay, agents restart from their last visited stop; implies `force`.
    public var fromTime: LocalTime?

    public init(date: CivilDate, onlyAgents: Set<String>? = nil, absent: Set<String> = [], seconds: Double? = nil,
                iterations: Int? = nil, maxSeconds: Double? = nil, seed: UInt64 = 1, force: Bool = false,
                today: CivilDate? = nil, madeBy: String? = nil, exportProblem: Bool = false, fromTime: LocalTime? = nil) {
        self.date = date
        self.onlyAgents = onlyAgents
        self.absent = absent
        self.seconds = seconds
        self.iterations = iterations
        self.maxSeconds = maxSeconds
        self.seed = seed
        self.force = force
        self.today = today
        self.madeBy = madeBy
        self.exportProblem = exportProblem
        self.fromTime = fromTime
    }
}
