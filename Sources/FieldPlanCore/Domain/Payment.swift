/// Money received for an account, posted by accounts; lowers the balance and keeps promises.
public struct Payment: Hashable, Sendable {
    public var id: String
    public var accountID: String
    public var amount: Money
    public var paidAt: Instant
    public var reference: String?
    public var channel: String?

    public init(id: String, accountID: String, amount: Money, paidAt: Instant) {
        self.id = id
        self.accountID = accountID
        self.amount = amount
        self.paidAt = paidAt
    }
}
