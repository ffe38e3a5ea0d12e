import FieldPlanCore

/// One page of accounts in id order, and where the next page starts.
public struct AccountPage: Sendable {
    public var accounts: [Account]
    /// The id to pass as `after` for the next page; nil on the last page.
    public var next: String?

    public init(accounts: [Account], next: String?) {
        self.accounts = accounts
        self.next = next
    }
}
