import FieldPlanCore

/// Promises to pay that fall due, for the morning briefing (`fieldplan promises`), with
/// the account, the debtor, who is responsible and the totals.
public struct PromiseList: Sendable {
    /// What to list: promises due in `from...to` (both nil: every date), in one shown state,
    /// of accounts whose zone is given to one agent.
    public struct Filter: Sendable {
        public var from: CivilDate?
        public var to: CivilDate?
        /// One of `PromiseState.all`.
        public var state: String?
        public var agentID: String?
        public init(from: CivilDate? = nil, to: CivilDate? = nil, state: String? = nil, agentID: String? = nil) {
            self.from = from
            self.to = to
            self.state = state
            self.agentID = agentID
        }
    }

    public struct Item: Sendable {
        public var due: String
        public var accountID: String
        public var debtorName: String
        public var client: String
        public var currency: String
        public var amount: Money
        public var paid: Money
        /// One of `PromiseState.all`.
        public var state: String
        public var madeAt: String?
        /// The agent who took the promise.
        public var takenBy: String?
        public var outcomeID: String
        public var zoneID: String?
        /// The agent of the account's zone.
        public var agentID: String?
        /// What is still owed on the account.
        public var balance: Money

        /// Every field, for the other engine (the PostgreSQL store) that reads it alike.
        public init(due: String, accountID: String, debtorName: String, client: String, currency: String, amount: Money, paid: Money, state: String, madeAt: String?, takenBy: String?, outcomeID: String, zoneID: String?, agentID: String?, balance: Money) {
            self.due = due
            self.accountID = accountID
            self.debtorName = debtorName
            self.client = client
            self.currency = currency
            self.amount = amount
            self.paid = paid
            self.state = state
            self.madeAt = madeAt
            self.takenBy = takenBy
            self.outcomeID = outcomeID
            self.zoneID = zoneID
            self.agentID = agentID
            self.balance = balance
        }
    }

    /// The promised and paid sums of one currency.
    public struct Total: Sendable, Equatable {
        public var currency: String
        public var count: Int
        public var amount: Money
        public var paid: Money
        public init(currency: String, count: Int, amount: Money, paid: Money) {
            self.currency = currency
            self.count = count
            self.amount = amount
            self.paid = paid
        }
    }

    /// Due date, then account.
    public var items: [Item]
    /// One per currency, in currency order.
    public var totals: [Total]
    /// How many items have each state, in the order of `PromiseState.all`.
    public var countsByState: [(state: String, count: Int)]

    public init(items: [Item]) {
        self.items = items
        var totals: [String: Total] = [:]
        for i in items {
            var t = totals[i.currency] ?? Total(currency: i.currency, count: 0, amount: Money(minorUnits: 0), paid: Money(minorUnits: 0))
            t.count += 1
            t.amount = t.amount + i.amount
            t.paid = t.paid + i.paid
            totals[i.currency] = t
        }
        self.totals = totals.values.sorted { $0.currency < $1.currency }
        countsByState = PromiseState.all.map { s in (s, items.count { $0.state == s }) }.filter { $0.count > 0 }
    }
}
