import FieldPlanCore
import GRDB

extension FieldPlanStore {
    /// The largest page `accountPage` returns.
    public static let maximumAccountPage = 1000

    /// Accounts matching `filter` (and in `zone`, when given) with ids after `after`, at most
    /// `limit` of them (capped at `maximumAccountPage`), for the HTTP service's paging.
    /// Keyset paging on the primary key: a page costs its own rows, however deep it is.
    /// The client filter is case-folded in Swift, as `accounts(_:_:)` does, so a rare client
    /// may scan far for one page; so may a search (`AccountSearch`).
    public func accountPage(_ filter: AccountFilter, zone: String? = nil, after: String? = nil, limit: Int) throws -> AccountPage {
        let limit = max(1, min(limit, Self.maximumAccountPage))
        var clauses: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let status = filter.status { clauses.append("status = ?"); arguments.append(status.rawValue) }
        if filter.unlocatedOnly { clauses.append("lat IS NULL") }
        if let zone { clauses.append("zone_id = ?"); arguments.append(zone) }
        if let after { clauses.append("id > ?"); arguments.append(after) }
        let search = AccountSearch(filter.search)
        if let clause = search?.clause { clauses.append(clause.sql); for a in clause.arguments { arguments.append(a) } }
        let client = filter.client.map { $0.lowercased() }
        let whereSQL = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        return try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM account\(whereSQL) ORDER BY id", arguments: StatementArguments(arguments))
            var page: [Account] = []
            while let row = try rows.next() {
                let account = row.account
                if let client, account.client.lowercased() != client { continue }
                if let search, !search.matches(account) { continue }
                if page.count == limit { return AccountPage(accounts: page, next: page.last?.id) }
                page.append(account)
            }
            return AccountPage(accounts: page, next: nil)
        }
    }
}
