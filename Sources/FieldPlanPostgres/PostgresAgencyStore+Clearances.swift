import FieldPlanCore
import FieldPlanStore
import PostgresNIO

extension PostgresAgencyStore {
    /// Accounts brought to zero by payments or collections (`FieldPlanStore.clearances`), by
    /// account id, optionally of one state.
    public func clearances(state: String?) throws -> [FieldPlanStore.Clearance] {
        try read { connection in
            var binds = PostgresBindings()
            if let state { binds.append(state) }
            var list: [FieldPlanStore.Clearance] = []
            for row in try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT c.account_id, a.client, a.debtor_name, c.cleared_at, c.fact_id, c.state, c.confirmed_by
                FROM clearance c JOIN account a ON a.id = c.account_id
                \(state == nil ? "" : "WHERE c.state = $1") ORDER BY c.account_id
                """, binds: binds), logger: self.logger).collect() {
                let (account, client, debtor, clearedAt, fact, state, by) =
                    try row.decode((String, String, String, String, String, String, String?).self)
                list.append(FieldPlanStore.Clearance(accountID: account, client: client, debtorName: debtor, clearedAt: clearedAt,
                                                     factID: fact, state: state, confirmedBy: by))
            }
            return list
        }
    }

    /// Confirms a pending clearance; the account becomes `closed`, as a new client snapshot of
    /// its status (a run of its own), audited. One serializable transaction: two instances
    /// confirming at once confirm once. False when there is no pending clearance.
    public func confirmClearance(account: String, by: String?, now: Int64?) throws -> Bool {
        let clock = now ?? Self.now()
        return try write { connection in
            let logger = self.logger
            let changed = try await connection.query("""
                WITH done AS (
                    UPDATE clearance SET state = 'confirmed', confirmed_at = \(clock), confirmed_by = \(by)
                    WHERE account_id = \(account) AND state = 'pending' RETURNING 1
                ) SELECT count(*) FROM done
                """, logger: logger).collect().first?.decode(Int64.self) ?? 0
            guard changed > 0 else { return false }
            let old = try await connection.query("SELECT status FROM account WHERE id = \(account)", logger: logger).collect()
                .first?.decode(String?.self) ?? nil
            let run = try await connection.query("INSERT INTO import_run(started_at, sync) VALUES (\(clock), 0) RETURNING id", logger: logger)
                .collect().first?.decode(Int64.self) ?? 0
            try await connection.query("""
                UPDATE account_record SET status = 'closed', status_run = \(run), updated_at = \(clock) WHERE id = \(account)
                """, logger: logger)
            try await connection.query("""
                INSERT INTO audit(at, run, account_id, source, fact_kind, actor, field, old, new)
                VALUES (\(clock), \(run), \(account), 'clearances confirm', 'clearance', \(by), 'status', \(old), 'closed')
                """, logger: logger)
            return true
        }
    }
}
