import FieldPlanCore
import GRDB

extension FieldPlanStore {
    /// A filter for `fieldplan accounts list`.
    public struct AccountFilter: Sendable {
        public var status: AccountStatus?
        public var unlocatedOnly = false
        /// Matched without regard to case (`kcb bank` finds `KCB Bank`), in any script.
        public var client: String?
        /// A search box's text: an id that starts with it, or a name or phone that holds it,
        /// in any case (`AccountSearch`); spaces only is no search.
        public var search: String?
        public init(status: AccountStatus? = nil, unlocatedOnly: Bool = false, client: String? = nil, search: String? = nil) {
            self.status = status
            self.unlocatedOnly = unlocatedOnly
            self.client = client
            self.search = search
        }
    }

    /// Accounts matching `filter`, ordered by id, streamed to `body`.
    ///
    /// The client is compared in Swift, case-folded: SQLite's `NOCASE` folds ASCII letters
    /// only. It costs nothing extra, since every filter but the status scans the accounts anyway.
    public func accounts(_ filter: AccountFilter, _ body: (Account) throws -> Void) throws {
        var clauses: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let status = filter.status { clauses.append("status = ?"); arguments.append(status.rawValue) }
        if filter.unlocatedOnly { clauses.append("lat IS NULL") }
        let search = AccountSearch(filter.search)
        if let clause = search?.clause { clauses.append(clause.sql); for a in clause.arguments { arguments.append(a) } }
        let client = filter.client.map { $0.lowercased() }
        let whereSQL = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM account\(whereSQL) ORDER BY id", arguments: StatementArguments(arguments))
            while let row = try rows.next() {
                let account = row.account
                if let client, account.client.lowercased() != client { continue }
                if let search, !search.matches(account) { continue }
                try body(account)
            }
        }
    }

    public func agents() throws -> [Agent] {
        try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM agent ORDER BY id").map(\.agent) }
    }

    public func account(id: String) throws -> Account? {
        try writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id])?.account }
    }

    /// Record counts per table, for the demo and `fieldplan status`.
    public func counts() throws -> [(table: String, count: Int)] {
        try writer.read { db in
            try ["account", "agent", "zone", "appointment", "outcome", "payment", "promise", "plan", "rejected_line"].map { table in
                (table, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0)
            }
        }
    }

    /// Rejected input lines not yet resolved, oldest first.
    public func rejectedLines(limit: Int = 1000) throws -> [(source: String, line: Int, field: String, reason: String)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT source, line, field, reason FROM rejected_line WHERE resolved = 0 ORDER BY id LIMIT ?", arguments: [limit])
                .map { ($0["source"], $0["line"], $0["field"], $0["reason"]) }
        }
    }
}
