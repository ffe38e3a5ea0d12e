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
    }

    public struct PaymentEntry: Sendable {
        public var id: String
        public var paidAt: Instant
        public var amount: Money
        public var reference: String?
        public var channel: String?
        public var origin: String?
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
    }

    public struct AppointmentEntry: Sendable {
        public var id: String
        public var date: String
        public var from: String
        public var to: String
        public var agentID: String?
        /// `callback` when a CALLBACK outcome booked it, else `appointment`.
        public var kind: String
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
    }
}
