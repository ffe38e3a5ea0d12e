import FieldPlanCore

/// One planned day: each working agent's route, and the mandatory visits that could not be
/// planned with their reasons. Times are seconds after local midnight; `utcOffsetSeconds`
/// turns them into instants.
public struct DayPlan: Sendable, Hashable {
    public var date: CivilDate
    public var utcOffsetSeconds: Int
    public var routes: [AgentRoute]
    public var unplanned: [UnplannedVisit]
    /// How many accounts were candidates, and how many of them were mandatory.
    public var candidateCount: Int
    public var mandatoryCount: Int

    public init(date: CivilDate, utcOffsetSeconds: Int, routes: [AgentRoute], unplanned: [UnplannedVisit],
                candidateCount: Int, mandatoryCount: Int) {
        self.date = date
        self.utcOffsetSeconds = utcOffsetSeconds
        self.routes = routes
        self.unplanned = unplanned
        self.candidateCount = candidateCount
        self.mandatoryCount = mandatoryCount
    }

    public var totalPriority: Int { routes.reduce(0) { $0 + $1.priority } }
    public var visitCount: Int { routes.reduce(0) { $0 + $1.visitCount } }

    /// The local instant of a time of this day.
    public func instant(_ secondsOfDay: Int) -> Instant {
        Instant(date: date, secondsOfDay: secondsOfDay, offsetSeconds: utcOffsetSeconds)
    }
}

/// One agent's day: leaves the base at `start`, is back at `end`.
public struct AgentRoute: Sendable, Hashable {
    public var agentID: String
    public var start: Int
    public var end: Int
    public var travelMetres: Int
    public var travelSeconds: Int
    /// Sum of the priority points of the visits.
    public var priority: Int
    /// Visits and the break, in order.
    public var stops: [PlannedStop]

    public init(agentID: String, start: Int, end: Int, travelMetres: Int, travelSeconds: Int, priority: Int, stops: [PlannedStop]) {
        self.agentID = agentID
        self.start = start
        self.end = end
        self.travelMetres = travelMetres
        self.travelSeconds = travelSeconds
        self.priority = priority
        self.stops = stops
    }

    public var visitCount: Int { stops.filter { $0.accountID != nil }.count }
}

/// A planned stop. For a visit, `eta` is when the visit starts (the agent is at the door by
/// then; any slack before it is waiting) and `etd` when it ends; the leg is the travel from
/// the previous visit or the base. A break has no account and no leg.
public struct PlannedStop: Sendable, Hashable {
    public var seq: Int
    public var accountID: String?
    public var eta: Int
    public var etd: Int
    public var window: TimeWindow?
    public var legMetres: Int
    public var legSeconds: Int
    public var reason: VisitReason
    public var priority: Int

    public init(seq: Int, accountID: String?, eta: Int, etd: Int, window: TimeWindow?, legMetres: Int, legSeconds: Int,
                reason: VisitReason, priority: Int) {
        self.seq = seq
        self.accountID = accountID
        self.eta = eta
        self.etd = etd
        self.window = window
        self.legMetres = legMetres
        self.legSeconds = legSeconds
        self.reason = reason
        self.priority = priority
    }
}
