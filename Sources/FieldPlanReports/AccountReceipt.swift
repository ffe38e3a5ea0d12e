/// A field collection's receipt on an account.
public struct AccountReceipt: Sendable, Hashable {
    public var accountID: String
    public var receipt: String
    /// The account's key in numbered facts (-1: not numbered; see `ReportFacts.accountIDs`).
    /// Not part of the receipt's identity: equal receipts are equal whatever their keys.
    public var accountKey: Int32

    public init(accountID: String, receipt: String, accountKey: Int32 = -1) {
        self.accountID = accountID
        self.receipt = receipt
        self.accountKey = accountKey
    }

    public static func == (a: AccountReceipt, b: AccountReceipt) -> Bool { a.accountID == b.accountID && a.receipt == b.receipt }

    public func hash(into h: inout Hasher) {
        h.combine(accountID)
        h.combine(receipt)
    }
}
