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

    /// `GET /api/accounts`: one page of the accounts the filter keeps (with `search`, the
    /// search box's matches), in id order after `after`, without national ids.
    /// - Complexity: keyset paging on the id, so a deep page costs what the first does; a
    ///   client filter or a search that keeps few accounts scans further for a page.
    public func accountPage(_ filter: FieldPlanStore.AccountFilter, zone: String? = nil, after: String? = nil, limit: Int) throws -> AccountPage {
        var page = try store.accountPage(filter, zone: zone, after: after, limit: limit)
        for i in page.accounts.indices { page.accounts[i].nationalID = nil }
        return page
    }
}
