import FieldPlanCore

/// The appointments and call-backs of one day (`fieldplan callbacks`), for the morning
/// briefing: who asked to be seen when, who is responsible and whether the day's plan
/// has the visit.
public struct CallbackList: Sendable {
    public struct Item: Sendable {
        public var date: String
        public var from: String
        public var to: String
        /// `callback` when a CALLBACK outcome booked it, else `appointment` (from the client file).
        public var kind: String
        public var appointmentID: String
        public var accountID: String
        public var debtorName: String
        public var client: String
        /// The debtor's phone: the supervisor or agent may need to call to rearrange.
        public var phone: String?
        public var currency: String
        public var balance: Money
        public var status: String
        public var zoneID: String?
        /// The appointment's own agent, else the agent of the account's zone.
        public var agentID: String?
        /// The CALLBACK outcome's notes.
        public var notes: String?
        /// `AG01 #3 10:15` from the day's latest plan, nil when the day is not planned.
        public var planned: String?
        /// Why the day's latest plan could not fit it, if it did not.
        public var unplannedReason: String?

        /// Every field, for the other engine (the PostgreSQL store) that reads it alike.
        public init(date: String, from: String, to: String, kind: String, appointmentID: String, accountID: String, debtorName: String, client: String, phone: String?, currency: String, balance: Money, status: String, zoneID: String?, agentID: String?, notes: String?, planned: String?, unplannedReason: String?) {
            self.date = date
            self.from = from
            self.to = to
            self.kind = kind
            self.appointmentID = appointmentID
            self.accountID = accountID
            self.debtorName = debtorName
            self.client = client
            self.phone = phone
            self.currency = currency
            self.balance = balance
            self.status = status
            self.zoneID = zoneID
            self.agentID = agentID
            self.notes = notes
            self.planned = planned
            self.unplannedReason = unplannedReason
        }
    }

    public var date: CivilDate
    /// By time, then account.
    public var items: [Item]
    /// The day's latest plan version, nil when the day is not planned.
    public var planVersion: Int?

    public var callbackCount: Int { items.count { $0.kind == "callback" } }
    public var appointmentCount: Int { items.count { $0.kind == "appointment" } }

    public init(date: CivilDate, items: [Item], planVersion: Int?) {
        self.date = date
        self.items = items
        self.planVersion = planVersion
    }
}
