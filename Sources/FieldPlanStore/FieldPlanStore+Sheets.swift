import FieldPlanCore
import FieldPlanPlanning
import GRDB

extension FieldPlanStore {
    /// What a route sheet or an agent's packet shows about one account: the account and the
    /// state of its latest visit and promise.
    public struct AccountBrief: Sendable {
        public var account: Account
        /// `NOT_HOME 2026-11-27`.
        public var lastOutcome: String?
        /// The latest promise and whether payments since have covered it.
        public var promise: Outcome.Promise?
        public var promiseCovered: Bool
    }

    /// Briefs for the given accounts, in one read.
    public func accountBriefs(_ ids: [String]) throws -> [String: AccountBrief] {
        try writer.read { db in
            var result: [String: AccountBrief] = [:]
            for id in Set(ids) {
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id]) else { continue }
                var brief = AccountBrief(account: row.account, lastOutcome: nil, promise: nil, promiseCovered: false)
                if let latest = try Row.fetchOne(db, sql: "SELECT code, visited_at FROM outcome WHERE account_id = ? ORDER BY visited_epoch DESC, id DESC LIMIT 1", arguments: [id]) {
                    brief.lastOutcome = "\(latest["code"] as String) \((latest["visited_at"] as String).prefix(10))"
                }
                if let p = try Row.fetchOne(db, sql: """
                    SELECT promise_amount, promise_date, visited_epoch FROM outcome
                    WHERE account_id = ? AND promise_amount IS NOT NULL ORDER BY visited_epoch DESC, id DESC LIMIT 1
                    """, arguments: [id]), let due = CivilDate(p["promise_date"] as String) {
                    let amount = Money(minorUnits: p["promise_amount"])
                    brief.promise = .init(amount: amount, date: due)
                    let paid = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amount), 0) FROM payment WHERE account_id = ? AND paid_epoch >= ?",
                                                  arguments: [id, p["visited_epoch"] as Int64]) ?? 0
                    brief.promiseCovered = paid >= amount.minorUnits
                }
                result[id] = brief
            }
            return result
        }
    }

    /// Names of the zones given to `agent`, in id order.
    public func zoneNames(agent: String) throws -> [String] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name FROM zone WHERE agent_id = ? ORDER BY id", arguments: [agent])
                .map { ($0["name"] as String?) ?? ($0["id"] as String) }
        }
    }

    /// The agent responsible for an account: its zone's agent, if any.
    public func zoneAgent(account: String) throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT zone.agent_id FROM account JOIN zone ON zone.id = account.zone_id WHERE account.id = ?", arguments: [account])
        }
    }
}
