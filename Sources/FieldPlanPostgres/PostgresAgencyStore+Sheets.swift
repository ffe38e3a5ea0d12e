import FieldPlanCore
import FieldPlanStore
import PostgresNIO

extension PostgresAgencyStore {
    /// Briefs for the given accounts (`FieldPlanStore.accountBriefs`): three set-based
    /// statements over the ids in one read-only transaction, where SQLite asks per account.
    /// - Complexity: O(ids + their outcomes and payments), three round trips.
    public func accountBriefs(_ ids: [String]) throws -> [String: FieldPlanStore.AccountBrief] {
        let ids = Array(Set(ids)).sorted()
        guard !ids.isEmpty else { return [:] }
        return try write(readOnly: true) { connection in
            let logger = self.logger
            var accounts: [String: Account] = [:]
            for try await row in try await connection.query("""
                SELECT \(unescaped: PostgresColumns.account) FROM account WHERE id = ANY(\(ids)::text[])
                """, logger: logger) {
                var columns = PostgresColumns(row)
                let account = try columns.account()
                accounts[account.id] = account
            }
            var last: [String: String] = [:]
            for try await (id, code, visitedAt) in try await connection.query("""
                SELECT DISTINCT ON (account_id) account_id, code, visited_at FROM outcome
                WHERE account_id = ANY(\(ids)::text[]) ORDER BY account_id, visited_epoch DESC, id DESC
                """, logger: logger).decode((String, String, String).self) {
                last[id] = "\(code) \(visitedAt.prefix(10))"
            }
            var promises: [String: (Outcome.Promise, Bool)] = [:]
            for try await (id, amount, due, paid) in try await connection.query("""
                WITH p AS (
                    SELECT DISTINCT ON (account_id) account_id, promise_amount, promise_date, visited_epoch FROM outcome
                    WHERE account_id = ANY(\(ids)::text[]) AND promise_amount IS NOT NULL ORDER BY account_id, visited_epoch DESC, id DESC)
                SELECT p.account_id, p.promise_amount, p.promise_date,
                       (SELECT COALESCE(sum(y.amount), 0)::bigint FROM payment y WHERE y.account_id = p.account_id AND y.paid_epoch >= p.visited_epoch)
                FROM p
                """, logger: logger).decode((String, Int64, String?, Int64).self) {
                guard let due = due.flatMap({ CivilDate($0) }) else { continue }
                promises[id] = (Outcome.Promise(amount: Money(minorUnits: amount), date: due), paid >= amount)
            }
            var result: [String: FieldPlanStore.AccountBrief] = [:]
            for (id, account) in accounts {
                result[id] = FieldPlanStore.AccountBrief(of: account, lastOutcome: last[id], promise: promises[id]?.0,
                                                         covered: promises[id]?.1 ?? false)
            }
            return result
        }
    }

    /// Names of the zones given to `agent`, in id order (a zone without a name by its id).
    public func zoneNames(agent: String) throws -> [String] {
        try read { connection in
            var names: [String] = []
            for try await (id, name) in try await connection.query("SELECT id, name FROM zone WHERE agent_id = \(agent) ORDER BY id",
                                                                   logger: self.logger).decode((String, String?).self) {
                names.append(name ?? id)
            }
            return names
        }
    }

    /// The agent responsible for an account: its zone's agent, if any.
    public func zoneAgent(account: String) throws -> String? {
        try read { connection in
            try await connection.query("""
                SELECT zone.agent_id FROM account_record a JOIN zone ON zone.id = a.zone_id WHERE a.id = \(account)
                """, logger: self.logger).collect().first?.decode(String?.self) ?? nil
        }
    }
}
