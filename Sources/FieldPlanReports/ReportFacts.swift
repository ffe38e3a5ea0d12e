import FieldPlanCore

/// Everything a report of one period is computed from, as the store gathers it: plain facts,
/// no figures. Moments are seconds since 1970; the report turns them into the agency's local
/// dates with its clock, so that a visit at 00:30 local time counts on the local day whatever
/// offset the device wrote.
public struct ReportFacts: Sendable {
    /// What a row needs of an account to put a fact in its zone or client row, and the
    /// portfolio figures of the monthly report.
    public struct AccountInfo: Sendable, Hashable {
        public var zoneID: String?
        public var client: String
        public var daysPastDue: Int?
        public init(zoneID: String?, client: String, daysPastDue: Int?) {
            self.zoneID = zoneID
            self.client = client
            self.daysPastDue = daysPastDue
        }
    }

    /// One agent's route of one day, in the day's latest plan version.
    public struct PlannedRoute: Sendable, Hashable {
        public var date: CivilDate
        public var agentID: String
        /// The route's whole travel, the way back to base included.
        public var travelMetres: Int
        /// The accounts visited, in order, with the leg that leads to each.
        public var stops: [(accountID: String, legMetres: Int)]
        /// The stops' account keys, in the same order (empty: not numbered; see `accountIDs`).
        public var stopKeys: [Int32]

        public init(date: CivilDate, agentID: String, travelMetres: Int, stops: [(accountID: String, legMetres: Int)],
                    stopKeys: [Int32] = []) {
            self.date = date
            self.agentID = agentID
            self.travelMetres = travelMetres
            self.stops = stops
            self.stopKeys = stopKeys
        }

        public static func == (a: PlannedRoute, b: PlannedRoute) -> Bool {
            a.date == b.date && a.agentID == b.agentID && a.travelMetres == b.travelMetres
                && a.stops.map(\.accountID) == b.stops.map(\.accountID) && a.stops.map(\.legMetres) == b.stops.map(\.legMetres)
        }

        public func hash(into h: inout Hasher) {
            h.combine(date); h.combine(agentID); h.combine(travelMetres)
            for s in stops { h.combine(s.accountID); h.combine(s.legMetres) }
        }
    }

    /// A visit as the report needs it.
    public struct VisitOutcome: Sendable, Hashable {
        public var accountID: String
        public var agentID: String
        public var visitedEpoch: Int64
        public var code: OutcomeCode
        public var contact: ContactType?
        public var promiseMinor: Int64?
        public var collectedMinor: Int64?
        public var receipt: String?
        /// The account's key (-1: not numbered; see `accountIDs`).
        public var accountKey: Int32

        public init(accountID: String, agentID: String, visitedEpoch: Int64, code: OutcomeCode, contact: ContactType? = nil,
                    promiseMinor: Int64? = nil, collectedMinor: Int64? = nil, receipt: String? = nil, accountKey: Int32 = -1) {
            self.accountID = accountID
            self.accountKey = accountKey
            self.agentID = agentID
            self.visitedEpoch = visitedEpoch
            self.code = code
            self.contact = contact
            self.promiseMinor = promiseMinor
            self.collectedMinor = collectedMinor
            self.receipt = receipt
        }
    }

    /// A payment posted by the accounts team.
    public struct PostedPayment: Sendable, Hashable {
        public var accountID: String
        public var paidEpoch: Int64
        public var amountMinor: Int64
        public var reference: String?
        /// The account's key (-1: not numbered; see `accountIDs`).
        public var accountKey: Int32

        public init(accountID: String, paidEpoch: Int64, amountMinor: Int64, reference: String? = nil, accountKey: Int32 = -1) {
            self.accountID = accountID
            self.accountKey = accountKey
            self.paidEpoch = paidEpoch
            self.amountMinor = amountMinor
            self.reference = reference
        }
    }

    /// A promise as the store keeps it (docs/sync.md, "Promises").
    public struct PromiseDue: Sendable, Hashable {
        public enum State: String, Sendable, CaseIterable { case pending, kept, broken, cancelled }
        public var accountID: String
        /// The agent of the visit that took the promise.
        public var agentID: String
        public var due: CivilDate
        public var amountMinor: Int64
        /// Paid toward it from the visit to the end of its date.
        public var paidMinor: Int64
        public var state: State
        /// The account's key (-1: not numbered; see `accountIDs`).
        public var accountKey: Int32

        public init(accountID: String, agentID: String, due: CivilDate, amountMinor: Int64, paidMinor: Int64, state: State,
                    accountKey: Int32 = -1) {
            self.accountID = accountID
            self.accountKey = accountKey
            self.agentID = agentID
            self.due = due
            self.amountMinor = amountMinor
            self.paidMinor = paidMinor
            self.state = state
        }
    }

    /// Accounts of the portfolio sharing one days-past-due value (nil: not given), for the
    /// monthly report's buckets.
    public struct PortfolioSlice: Sendable, Hashable {
        public var daysPastDue: Int?
        public var accounts: Int
        public var balanceMinor: Int64
        public init(daysPastDue: Int?, accounts: Int, balanceMinor: Int64) {
            self.daysPastDue = daysPastDue
            self.accounts = accounts
            self.balanceMinor = balanceMinor
        }
    }

    public var from: CivilDate
    public var to: CivilDate
    /// Agents by id, for names and so that an agent with nothing that day still has its row.
    public var agents: [String: String]
    /// Zones by id with their names.
    public var zones: [String: String?]
    public var routes: [PlannedRoute]
    /// Outcomes visited in the period, and those before it within `attributionDays` that may
    /// carry a payment's attribution (right-party or PTP visits).
    public var outcomes: [VisitOutcome]
    /// Payments paid in the period.
    public var payments: [PostedPayment]
    /// `(account, receipt)` of every field collection with a receipt on the accounts of
    /// `payments`, whenever it happened: a payment that posts one of them counts once.
    public var receipts: Set<AccountReceipt>
    /// Promises whose date falls in the period.
    public var promises: [PromiseDue]
    /// Every account that a fact above names (unless the facts are numbered: then
    /// `accountInfo`).
    public var accounts: [String: AccountInfo]
    /// Account keys, when the gatherer numbered the accounts itself (the store does, as it
    /// reads them): `accountIDs[k]` is the id of key `k`, and every fact (stop, outcome,
    /// payment, promise, receipt) carries its account's key. A builder then counts by key
    /// instead of hashing each fact's id again. Empty: the facts carry no keys, and a builder
    /// numbers the ids itself; facts whose keys do not match their ids are treated so too.
    public var accountIDs: [String]
    /// With `accountIDs`: the details of each key's account where they were read (nil: not
    /// read or unknown), in place of `accounts`.
    public var accountInfo: [AccountInfo?]
    /// The portfolio now (monthly report only; empty otherwise).
    public var portfolio: [PortfolioSlice]
    public var attributionDays: Int

    public init(from: CivilDate, to: CivilDate, agents: [String: String] = [:], zones: [String: String?] = [:],
                routes: [PlannedRoute] = [], outcomes: [VisitOutcome] = [], payments: [PostedPayment] = [],
                receipts: Set<AccountReceipt> = [], promises: [PromiseDue] = [], accounts: [String: AccountInfo] = [:],
                portfolio: [PortfolioSlice] = [], attributionDays: Int = 30) {
        self.from = from
        self.to = to
        self.agents = agents
        self.zones = zones
        self.routes = routes
        self.outcomes = outcomes
        self.payments = payments
        self.receipts = receipts
        self.promises = promises
        self.accounts = accounts
        self.portfolio = portfolio
        self.attributionDays = attributionDays
        accountIDs = []
        accountInfo = []
    }
}
