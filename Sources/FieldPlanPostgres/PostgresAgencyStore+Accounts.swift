import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import PostgresNIO

extension PostgresAgencyStore {
    /// The `WHERE` of an account filter (and zone, and keyset start), with its values bound:
    /// the same clauses as `FieldPlanStore.accounts`. A search's ASCII text narrows the scan
    /// with `ILIKE` (in the `"C"` collation it folds ASCII letters only, as SQLite's `LIKE`
    /// does) and Swift confirms each row (`AccountSearch`); the client is compared in Swift,
    /// case-folded, as on SQLite.
    private func accountQuery(_ filter: FieldPlanStore.AccountFilter, zone: String? = nil, after: String? = nil) throws -> PostgresQuery {
        var clauses: [String] = []
        var binds = PostgresBindings()
        func bind(_ value: String) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if let status = filter.status { clauses.append("status = \(bind(status.rawValue))") }
        if filter.unlocatedOnly { clauses.append("lat IS NULL") }
        if let zone { clauses.append("zone_id = \(bind(zone))") }
        if let after { clauses.append("id > \(bind(after))") }
        if let clause = AccountSearch(filter.search)?.clause {
            let id = bind(clause.arguments[0]), name = bind(clause.arguments[1]), phone = bind(clause.arguments[2])
            clauses.append(#"(id ILIKE \#(id) ESCAPE '\' OR debtor_name ILIKE \#(name) ESCAPE '\' OR phone ILIKE \#(phone) ESCAPE '\')"#)
        }
        let whereSQL = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        return PostgresQuery(unsafeSQL: "SELECT \(PostgresColumns.account) FROM account\(whereSQL) ORDER BY id", binds: binds)
    }

    /// Accounts matching `filter`, ordered by id, streamed to `body` (`FieldPlanStore.accounts`).
    public func accounts(_ filter: FieldPlanStore.AccountFilter, _ body: (Account) throws -> Void) throws {
        let search = AccountSearch(filter.search)
        let client = filter.client.map { $0.lowercased() }
        try streamAccounts(try accountQuery(filter)) { account in
            if let client, account.client.lowercased() != client { return true }
            if let search, !search.matches(account) { return true }
            try body(account)
            return true
        }
    }

    /// A page of accounts by keyset on the id (`FieldPlanStore.accountPage`).
    public func accountPage(_ filter: FieldPlanStore.AccountFilter, zone: String?, after: String?, limit: Int) throws -> AccountPage {
        let limit = max(1, min(limit, FieldPlanStore.maximumAccountPage))
        let search = AccountSearch(filter.search)
        let client = filter.client.map { $0.lowercased() }
        var page: [Account] = []
        var more = false
        try streamAccounts(try accountQuery(filter, zone: zone, after: after)) { account in
            if let client, account.client.lowercased() != client { return true }
            if let search, !search.matches(account) { return true }
            if page.count == limit { more = true; return false }
            page.append(account)
            return true
        }
        return AccountPage(accounts: page, next: more ? page.last?.id : nil)
    }

    /// Streams the accounts `query` selects to `body` until it answers false.
    private func streamAccounts(_ query: PostgresQuery, _ body: (Account) throws -> Bool) throws {
        struct Enough: Error {}
        do {
            try stream([query], line: { _, row -> Account? in
                var columns = PostgresColumns(row)
                return try columns.account()
            }, emit: { account in
                if try !body(account) { throw Enough() }
            })
        } catch is Enough {}
    }

    public func account(id: String) throws -> Account? {
        try read { connection in
            let rows = try await connection.query("SELECT \(unescaped: PostgresColumns.account) FROM account WHERE id = \(id)",
                                                  logger: self.logger).collect()
            guard let row = rows.first else { return nil }
            var columns = PostgresColumns(row)
            return try columns.account()
        }
    }

    public func agents() throws -> [Agent] {
        try read { connection in
            var agents: [Agent] = []
            for try await row in try await connection.query("SELECT \(unescaped: PostgresColumns.agent) FROM agent ORDER BY id",
                                                            logger: self.logger) {
                var columns = PostgresColumns(row)
                agents.append(try columns.agent())
            }
            return agents
        }
    }

    /// Record counts per table, for the demo and `fieldplan status`: one statement.
    public func counts() throws -> [(table: String, count: Int)] {
        let tables = ["account", "agent", "zone", "appointment", "outcome", "payment", "promise", "plan", "rejected_line"]
        let counts = try read { connection in
            let sql = tables.map { "(SELECT count(*) FROM \($0 == "account" ? "account_record" : $0))" }.joined(separator: ", ")
            let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(sql)"), logger: self.logger).collect()
            var columns = PostgresColumns(rows[0])
            return try tables.map { _ in Int(try columns.int64() ?? 0) }
        }
        return Array(zip(tables, counts)).map { (table: $0.0, count: $0.1) }
    }

    /// Rejected input lines not yet resolved, oldest first.
    public func rejectedLines(limit: Int) throws -> [(source: String, line: Int, field: String, reason: String)] {
        let rows = try read { connection in
            var rows: [RejectedLine] = []
            for try await (source, line, field, reason) in try await connection.query(
                "SELECT source, line, field, reason FROM rejected_line WHERE resolved = 0 ORDER BY id LIMIT \(Int64(limit))",
                logger: self.logger).decode((String, Int64, String, String).self) {
                rows.append(RejectedLine(source: source, line: Int(line), field: field, reason: reason))
            }
            return rows
        }
        return rows.map { ($0.source, $0.line, $0.field, $0.reason) }
    }

    /// Rejected lines, oldest first: the open ones, or every one with `includeResolved`
    /// (`FieldPlanStore.rejections`).
    public func rejections(includeResolved: Bool, limit: Int) throws -> [FieldPlanStore.StoredRejection] {
        try read { connection in
            var rows: [FieldPlanStore.StoredRejection] = []
            let sql = """
                SELECT id, source, line, field, reason, kind, record_id, created_at, resolved FROM rejected_line
                \(includeResolved ? "" : "WHERE resolved = 0") ORDER BY id LIMIT \(Int64(limit))
                """
            for try await (id, source, line, field, reason, kind, recordID, createdAt, resolved) in try await connection.query(
                PostgresQuery(unsafeSQL: sql), logger: self.logger).decode((Int64, String, Int64, String, String, String?, String?, Int64, Int64).self) {
                rows.append(FieldPlanStore.StoredRejection(id: id, source: source, line: Int(line), field: field, reason: reason, kind: kind,
                                                           recordID: recordID, createdAt: createdAt, resolved: resolved != 0))
            }
            return rows
        }
    }

    /// Deletes every rejected line recorded before `epochSeconds`, in one transaction.
    public func clearRejections(before epochSeconds: Int64) throws -> Int {
        try write { connection in
            let rows = try await connection.query("""
                WITH gone AS (DELETE FROM rejected_line WHERE created_at < \(epochSeconds) RETURNING 1) SELECT count(*) FROM gone
                """, logger: self.logger).collect()
            return Int(try rows.first?.decode(Int64.self) ?? 0)
        }
    }

    struct RejectedLine: Sendable {
        var source: String
        var line: Int
        var field: String
        var reason: String
    }

    /// The client-file line that created an account (`FieldPlanStore.creatingLine`).
    public func creatingLine(ofAccount id: String) throws -> (source: String, line: Int)? {
        let found = try read { connection -> RejectedLine? in
            let rows = try await connection.query("""
                SELECT i.name, a.source_line FROM account_record a JOIN import_source i ON i.id = a.source_id WHERE a.id = \(id)
                """, logger: self.logger).collect()
            guard let row = rows.first, let decoded = try? row.decode((String?, Int64?).self), let name = decoded.0, let line = decoded.1 else {
                return nil
            }
            return RejectedLine(source: name, line: Int(line), field: "", reason: "")
        }
        return found.map { ($0.source, $0.line) }
    }
}
