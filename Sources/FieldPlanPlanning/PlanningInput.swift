import FieldPlanCore

/// Everything needed to plan one day, gathered from the store: pure data, so planning is a
/// function of it (same input and seed, same plan).
public struct PlanningInput: Sendable {
    public var date: CivilDate
    public var settings: Settings
    /// The agency's UTC offset on `date`, in seconds, for writing instants.
    public var utcOffsetSeconds: Int
    /// Every agent of the store; who works today is decided here.
    public var agents: [Agent]
    /// Agents to plan (nil: every active agent working that day).
    public var onlyAgents: Set<String>?
    /// Agents absent today: their zones' urgent stops go to their neighbours.
    public var absentAgents: Set<String>
    /// Located or not, every account that might be visited: the accounts of zones with an
    /// agent, and the accounts of the day's appointments and call-backs.
    public var accounts: [Account]
    /// The zone → agent assignment of zones that have an agent; nil when the store has no
    /// zones yet: then every working agent may take any account.
    public var zoneAgents: [String: String]?
    /// Appointments of `date` and of the next `min_gap_days` days (a booked visit is not
    /// anticipated by an ordinary one).
    public var appointments: [Appointment]
    public var history: [String: AccountHistory]
    /// Accounts that already have an outcome on `date`: never planned again that day.
    public var visitedToday: Set<String>
    /// Routes or stops of the day's stored plan that must stay as they were.
    public var keptRoutes: [KeptRoute]
    /// Where every travel figure of this day comes from: the `travel` setting's model, as
    /// the application layer made it (the great circle by default).
    public var travel: any TravelMatrixSource
    /// Accounts the travel model cannot reach (farther than `snap_limit_m` from any usable
    /// road), with the reason a plan gives for leaving them out.
    public var offRoad: [String: String]

    /// A re-plan of the rest of a started day (`plan --from-time HH:MM`): seconds after local
    /// midnight from which the rest is planned. Nothing new starts before it; agents restart
    /// from their last visited stop. Nil: the whole day is planned.
    public var fromTime: Int?

    public init(date: CivilDate, settings: Settings, utcOffsetSeconds: Int, agents: [Agent], onlyAgents: Set<String>? = nil,
                absentAgents: Set<String> = [], accounts: [Account], zoneAgents: [String: String]?, appointments: [Appointment],
                history: [String: AccountHistory], visitedToday: Set<String> = [], keptRoutes: [KeptRoute] = [],
                travel: (any TravelMatrixSource)? = nil, offRoad: [String: String] = [:], fromTime: Int? = nil) {
        self.date = date
        self.settings = settings
        self.utcOffsetSeconds = utcOffsetSeconds
        self.agents = agents
        self.onlyAgents = onlyAgents
        self.absentAgents = absentAgents
        self.accounts = accounts
        self.zoneAgents = zoneAgents
        self.appointments = appointments
        self.history = history
        self.visitedToday = visitedToday
        self.keptRoutes = keptRoutes
        self.travel = travel ?? settings.travelModel
        self.offRoad = offRoad
        self.fromTime = fromTime
    }
}
