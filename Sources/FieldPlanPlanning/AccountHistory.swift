import FieldPlanCore

/// What the store knows about an account's past that planning needs: visits, the latest
/// outcome, the running promise, payments. Gathered by the store; judged here.
public struct AccountHistory: Sendable, Hashable {
    /// Local date of the latest visit (any outcome except NOT_VISITED), if any.
    public var lastVisit: CivilDate?
    /// Visits in the calendar month of the planning day, before it.
    public var visitsThisMonth: Int
    /// The latest outcome (by `visited_at`) and its local date.
    public var latestCode: OutcomeCode?
    public var latestDate: CivilDate?
    /// The latest contact type reported.
    public var latestContact: ContactType?
    /// The latest promise made (PTP), whether or not it is still running.
    public var promise: Outcome.Promise?
    /// Payments posted since that promise was made, in minor units.
    public var paidSincePromise: Money
    /// Any payment posted after the latest CLAIMS_PAID outcome.
    public var paidSinceLatest: Bool
    /// A call-back requested for a date, with its optional window.
    public var callback: Outcome.NextVisit?
    /// Whether the account record was updated after the latest outcome (a new address
    /// after MOVED, for instance).
    public var updatedAfterLatest: Bool

    public init(lastVisit: CivilDate? = nil, visitsThisMonth: Int = 0, latestCode: OutcomeCode? = nil, latestDate: CivilDate? = nil,
                latestContact: ContactType? = nil, promise: Outcome.Promise? = nil, paidSincePromise: Money = .zero,
                paidSinceLatest: Bool = false, callback: Outcome.NextVisit? = nil, updatedAfterLatest: Bool = false) {
        self.lastVisit = lastVisit
        self.visitsThisMonth = visitsThisMonth
        self.latestCode = latestCode
        self.latestDate = latestDate
        self.latestContact = latestContact
        self.promise = promise
        self.paidSincePromise = paidSincePromise
        self.paidSinceLatest = paidSinceLatest
        self.callback = callback
        self.updatedAfterLatest = updatedAfterLatest
    }

    public static let none = AccountHistory()
}
