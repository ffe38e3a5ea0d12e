import FieldPlanCore

/// Everything a route sheet shows, already decided and masked: the renderers only lay it
/// out. Built by the planner from a stored plan; confidential fields the agent does not need
/// (the national id always; the phone where the stop does not need a call) never reach it.
public struct RouteSheet: Sendable, Equatable {
    public var agencyName: String
    public var date: CivilDate
    public var agentID: String
    public var agentName: String
    /// Names of the agent's zones, for the header.
    public var zones: [String]
    public var base: Coordinate
    /// Leaving the base and coming back, local `HH:MM`.
    public var start: LocalTime
    public var end: LocalTime
    public var travelKm: Double
    public var travelMinutes: Int
    /// The plan this sheet was printed from, so a supervisor can tell an old printout.
    public var planVersion: Int
    public var currency: String
    /// In visiting order; a break is a row of its own.
    public var stops: [Stop]
    /// Mandatory visits that could not be planned, with the reason (appointments the agent
    /// should phone to rearrange).
    public var unplanned: [Unplanned]
    /// The way driven along the streets, base to base, when the plan is on roads (SPEC §11);
    /// nil draws straight legs between the stops.
    public var streetPath: [Coordinate]?
    /// Printed on the map when it is drawn from someone's data: "© OpenStreetMap contributors".
    public var mapAttribution: String?

    public init(agencyName: String, date: CivilDate, agentID: String, agentName: String, zones: [String], base: Coordinate,
                start: LocalTime, end: LocalTime, travelKm: Double, travelMinutes: Int, planVersion: Int, currency: String,
                stops: [Stop], unplanned: [Unplanned] = []) {
        self.agencyName = agencyName
        self.date = date
        self.agentID = agentID
        self.agentName = agentName
        self.zones = zones
        self.base = base
        self.start = start
        self.end = end
        self.travelKm = travelKm
        self.travelMinutes = travelMinutes
        self.planVersion = planVersion
        self.currency = currency
        self.stops = stops
        self.unplanned = unplanned
    }

    public struct Stop: Sendable, Equatable {
        /// 1, 2, 3… for visits; nil for the break.
        public var number: Int?
        public var isBreak: Bool
        /// Arrival and departure, local `HH:MM`.
        public var eta: LocalTime
        public var etd: LocalTime
        /// The window the visit must start in (visiting hours ∩ account window ∩ appointment).
        public var windowFrom: LocalTime?
        public var windowTo: LocalTime?
        /// Why the stop is there: appointment, promise_due, broken_promise, callback, priority, break.
        public var reason: String
        public var accountID: String?
        public var debtorName: String?
        public var client: String?
        public var address: String?
        /// Already masked where the agent does not need it (`+2547•••••321`).
        public var phone: String?
        public var balance: Money?
        public var daysPastDue: Int?
        /// `NOT_HOME 2026-11-27`, for instance.
        public var lastOutcome: String?
        /// `2026-12-01 KES 5,000.00`, for instance.
        public var promiseDue: String?
        public var notes: String?
        public var location: Coordinate?
        /// Kilometres from the previous stop (or the base).
        public var legKm: Double

        public init(number: Int?, isBreak: Bool, eta: LocalTime, etd: LocalTime, windowFrom: LocalTime? = nil, windowTo: LocalTime? = nil,
                    reason: String, accountID: String? = nil, debtorName: String? = nil, client: String? = nil, address: String? = nil,
                    phone: String? = nil, balance: Money? = nil, daysPastDue: Int? = nil, lastOutcome: String? = nil,
                    promiseDue: String? = nil, notes: String? = nil, location: Coordinate? = nil, legKm: Double = 0) {
            self.number = number
            self.isBreak = isBreak
            self.eta = eta
            self.etd = etd
            self.windowFrom = windowFrom
            self.windowTo = windowTo
            self.reason = reason
            self.accountID = accountID
            self.debtorName = debtorName
            self.client = client
            self.address = address
            self.phone = phone
            self.balance = balance
            self.daysPastDue = daysPastDue
            self.lastOutcome = lastOutcome
            self.promiseDue = promiseDue
            self.notes = notes
            self.location = location
            self.legKm = legKm
        }
    }

    public struct Unplanned: Sendable, Equatable {
        public var accountID: String
        public var debtorName: String
        public var reason: String
        public init(accountID: String, debtorName: String, reason: String) {
            self.accountID = accountID
            self.debtorName = debtorName
            self.reason = reason
        }
    }
}
