import FieldPlanCore
import FieldPlanStore

extension FieldPlanApp {
    /// `accounts list` / `GET /api/accounts`: the accounts the filter keeps, in id order, each
    /// handed to `body` as it is read and without its national id, which no list shows.
    /// - Complexity: one indexed scan, streamed: memory does not grow with the store.
    public func accounts(_ filter: FieldPlanStore.AccountFilter, _ body: (Account) throws -> Void) throws {
        try store.accounts(filter) { account in
            var shown = account
            shown.nationalID = nil
            try body(shown)
        }
    }
}
