/// A field collection's receipt on an account.
public struct AccountReceipt: Sendable, Hashable {
    public var accountID: String
    public var receipt: String
    public init(accountID: String, receipt: String) {
        self.accountID = accountID
        self.receipt = receipt
    }
}
