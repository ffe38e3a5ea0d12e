import FieldPlanCore

/// One account as a supervisor looks it up (`fieldplan accounts show`): the account as it
/// stands, who is responsible for it, its history and its audit trail. The national id is
/// never in it (`account.nationalID` is always nil), so no renderer can print it.
///
/// Instants are already in the agency's time zone (`AgencyClock`), whatever offset the
/// device or the accounts system wrote them with.
public struct AccountDetail: Sendable {
    public var account: Account
    /// The account's currency, else the settings'.
    public var currency: String
    /// Set by a `CLAIMS_PAID` or `HARDSHIP` outcome: not planned before this date.
    public var holdUntil: String?
    public var zoneName: String?
    /// The agent of the account's zone, who is given its visits.
    public var agentID: String?
    public var agentName: String?
    /// Oldest first, each kind on its own.
    public var outcomes: [OutcomeEntry]
    public var payments: [PaymentEntry]
    public var promises: [PromiseEntry]
    public var appointments: [AppointmentEntry]
    /// The account's stop in the latest version of each planned day, oldest day first.
    public var plannedVisits: [PlannedVisitEntry]
    /// Every change recorded for the account, oldest first.
    public var audit: [AuditLine]

    /// Public, as are the entries' initializers, so that the PostgreSQL store builds the same page.
    public init(account: Account, currency: String, holdUntil: String?, zoneName: String?, agentID: String?, agentName: String?,
                outcomes: [OutcomeEntry], payments: [PaymentEntry], promises: [PromiseEntry], appointments: [AppointmentEntry],
                plannedVisits: [PlannedVisitEntry], audit: [AuditLine]) {
        self.account = account
        self.currency = currency
        self.holdUntil = holdUntil
        self.zoneName = zoneName
        self.agentID = agentID
        self.agentName = agentName
        self.outcomes = outcomes
        self.payments = payments
        self.promises = promises
        self.appointments = appointments
        self.plannedVisits = plannedVisits
        self.audit = audit
    }

    public struct OutcomeEntry: Sendable {
        public var id: String
        public var visitedAt: Instant
        public var agentID: String
        public var code: String
        public var contact: String?
        public var promiseAmount: Money?
        public var promiseDate: String?
        public var collected: Money?
        public var receipt: String?
        public var notes: String?
        /// `2026-12-04 10:00-12:00` for a CALLBACK.
        public var nextVisit: String?
        /// Why the outcome waits for a supervisor's review, if it does.
        public var flagged: String?
        /// `sync-AG01.ndjson:12`.
        public var origin: String?

        public init(id: String, visitedAt: Instant, agentID: String, code: String, contact: String?, promiseAmount: Money?,
                    promiseDate: String?, collected: Money?, receipt: String?, notes: String?, nextVisit: String?, flagged: String?,
                    origin: String?) {
            self.id = id
            self.visitedAt = visitedAt
            self.agentID = agentID
            self.code = code
            self.contact = contact
            self.promiseAmount = promiseAmount
            self.promiseDate = promiseDate
            self.collected = collected
            self.receipt = receipt
            self.notes = notes
            self.nextVisit = nextVisit
            self.flagged = flagged
            self.origin = origin
        }
    }

    public struct PaymentEntry: Sendable {
        public var id: String
        public var paidAt: Instant
        public var amount: Money
        public var reference: String?
        public var channel: String?
        public var origin: String?

        public init(id: String, paidAt: Instant, amount: Money, reference: String?, channel: String?, origin: String?) {
            self.id = id
            self.paidAt = paidAt
            self.amount = amount
            self.reference = reference
            self.channel = channel
            self.origin = origin
        }
    }

    public struct PromiseEntry: Sendable {
        /// The PTP outcome that made it.
        public var outcomeID: String
        public var madeAt: String?
        public var amount: Money
        public var due: String
        /// pending, kept, partial, broken or cancelled (`PromiseState`).
        public var state: String
        /// Credits counted towards it up to its date.
        public var paid: Money

        public init(outcomeID: String, madeAt: String?, amount: Money, due: String, state: String, paid: Money) {
            self.outcomeID = outcomeID
            self.madeAt = madeAt
            self.amount = amount
            self.due = due
            self.state = state
            self.paid = paid
        }
    }

    public struct AppointmentEntry: Sendable {
        public var id: String
        public var date: String
        public var from: String
        public var to: String
        public var agentID: String?
        /// `callback` when a CALLBACK outcome booked it, else `appointment`.
        public var kind: String

        public init(id: String, date: String, from: String, to: String, agentID: String?, kind: String) {
            self.id = id
            self.date = date
            self.from = from
            self.to = to
            self.agentID = agentID
            self.kind = kind
        }
    }

    public struct PlannedVisitEntry: Sendable {
        public var date: String
        public var version: Int
        public var agentID: String
        /// The stop's number on the sheet and in the export.
        public var seq: Int?
        /// `HH:MM`, the agency's local time.
        public var eta: String?
        public var reason: String?

        public init(date: String, version: Int, agentID: String, seq: Int? = nil, eta: String? = nil, reason: String? = nil) {
            self.date = date
            self.version = version
            self.agentID = agentID
            self.seq = seq
            self.eta = eta
            self.reason = reason
        }
    }

    public struct AuditLine: Sendable {
        public var at: Instant
        public var field: String
        public var old: String?
        public var new: String?
        public var actor: String?
        /// `outcome 7f3c…`.
        public var fact: String?
        public var origin: String?

        public init(at: Instant, field: String, old: String?, new: String?, actor: String?, fact: String?, origin: String?) {
            self.at = at
            self.field = field
            self.old = old
            self.new = new
            self.actor = actor
            self.fact = fact
            self.origin = origin
        }
    }
}
