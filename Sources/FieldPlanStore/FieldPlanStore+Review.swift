import FieldPlanCore
import FieldPlanInterchange
import Foundation
import GRDB

extension FieldPlanStore {
    /// Something a supervisor should look at after a sync: an outcome flagged by the
    /// effects (paid, reassigned, visited twice, …) or a conflicting line (an id already
    /// stored with other content; both versions are kept).
    public struct ReviewItem: Sendable, Hashable {
        /// The outcome id, or `conflict-N` for the N-th rejected line.
        public var id: String
        public var kind: String            // "flag" or "conflict"
        public var accountID: String?
        public var agentID: String?
        public var at: String?
        public var code: String?
        public var reason: String
        public var source: String?
        public var line: Int?
        public var resolved: Bool

        /// Every field, for the other engine (the PostgreSQL store) that reads it alike.
        public init(id: String, kind: String, accountID: String?, agentID: String?, at: String?, code: String?, reason: String, source: String?, line: Int?, resolved: Bool) {
            self.id = id
            self.kind = kind
            self.accountID = accountID
            self.agentID = agentID
            self.at = at
            self.code = code
            self.reason = reason
            self.source = source
            self.line = line
            self.resolved = resolved
        }
    }

    /// Open review items (or all, with `includeResolved`), flags by visit time then conflicts.
    public func reviewItems(includeResolved: Bool = false) throws -> [ReviewItem] {
        try writer.read { db in
            var items: [ReviewItem] = []
            let flagged = try Row.fetchAll(db, sql: """
                SELECT o.id, o.account_id, o.agent_id, o.visited_at, o.code, o.flagged, o.source, o.source_line, r.item IS NOT NULL AS resolved
                FROM outcome o LEFT JOIN review r ON r.item = o.id
                WHERE o.flagged IS NOT NULL \(includeResolved ? "" : "AND r.item IS NULL")
                ORDER BY o.visited_epoch, o.id
                """)
            for r in flagged {
                items.append(ReviewItem(id: r["id"], kind: "flag", accountID: r["account_id"], agentID: r["agent_id"], at: r["visited_at"],
                                        code: r["code"], reason: r["flagged"], source: r["source"], line: r["source_line"], resolved: r["resolved"]))
            }
            // The same conflicting line sent again (a device retrying) is one item, not two.
            let conflicts = try Row.fetchAll(db, sql: """
                SELECT MIN(id) AS id, source, line, reason, raw, MIN(resolved) AS resolved FROM rejected_line
                WHERE field = 'id' AND reason LIKE 'conflict:%' \(includeResolved ? "" : "AND resolved = 0")
                GROUP BY raw ORDER BY 1
                """)
            for r in conflicts {
                let raw = String(decoding: (r["raw"] as Data?) ?? Data(), as: UTF8.self)
                var account: String?, agent: String?, at: String?, code: String?
                if case .object(let o)? = try? JSONParser.parse(raw) {
                    if case .string(let s)? = o["account_id"] { account = s }
                    if case .string(let s)? = o["agent_id"] { agent = s }
                    if case .string(let s)? = o["visited_at"] ?? o["paid_at"] { at = s }
                    if case .string(let s)? = o["code"] { code = s }
                }
                items.append(ReviewItem(id: "conflict-\(r["id"] as Int64)", kind: "conflict", accountID: account, agentID: agent, at: at,
                                        code: code, reason: r["reason"], source: r["source"], line: r["line"], resolved: r["resolved"]))
            }
            return items
        }
    }

    /// One review item, open or resolved, as `reviewItems` lists it. A conflict is found by
    /// any of its lines' ids (`conflict-N`), since a line sent again is the same item.
    public func reviewItem(_ id: String) throws -> ReviewItem? {
        var listed = id
        if id.hasPrefix("conflict-"), let n = Int64(id.dropFirst("conflict-".count)) {
            let first = try writer.read { db in
                try Int64.fetchOne(db, sql: """
                    SELECT MIN(id) FROM rejected_line
                    WHERE raw = (SELECT raw FROM rejected_line WHERE id = ?) AND field = 'id' AND reason LIKE 'conflict:%'
                    """, arguments: [n])
            }
            if let first { listed = "conflict-\(first)" }
        }
        return try reviewItems(includeResolved: true).first { $0.id == listed }
    }

    /// Closes one review item. False when there is no such open item.
    public func resolveReview(_ id: String, note: String?, now: Int64? = nil) throws -> Bool {
        try writer.write { db in
            let clock = now ?? Self.now()
            if id.hasPrefix("conflict-"), let n = Int64(id.dropFirst("conflict-".count)) {
                try db.execute(sql: """
                    UPDATE rejected_line SET resolved = 1
                    WHERE raw = (SELECT raw FROM rejected_line WHERE id = ?) AND resolved = 0 AND field = 'id' AND reason LIKE 'conflict:%'
                    """, arguments: [n])
                guard db.changesCount > 0 else { return false }
            } else {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM outcome WHERE id = ? AND flagged IS NOT NULL", arguments: [id]) != nil,
                      try Bool.fetchOne(db, sql: "SELECT 1 FROM review WHERE item = ?", arguments: [id]) == nil else { return false }
            }
            try db.execute(sql: "INSERT INTO review(item, resolved_at, note) VALUES (?, ?, ?)", arguments: [id, clock, note])
            return true
        }
    }

    /// One change to an account and where it came from.
    public struct AuditEntry: Sendable, Hashable {
        public var at: Int64
        public var run: Int64?
        public var accountID: String
        public var source: String?
        public var line: Int?
        public var factKind: String?
        public var factID: String?
        public var actor: String?
        public var field: String
        public var old: String?
        public var new: String?

        /// Every field, for the other engine (the PostgreSQL store) that reads it alike.
        public init(at: Int64, run: Int64?, accountID: String, source: String?, line: Int?, factKind: String?, factID: String?, actor: String?, field: String, old: String?, new: String?) {
            self.at = at
            self.run = run
            self.accountID = accountID
            self.source = source
            self.line = line
            self.factKind = factKind
            self.factID = factID
            self.actor = actor
            self.field = field
            self.old = old
            self.new = new
        }
    }

    /// The audit trail, oldest first, streamed (it grows with every fact).
    public func audit(account: String? = nil, _ body: (AuditEntry) throws -> Void) throws {
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit \(account == nil ? "" : "WHERE account_id = ?") ORDER BY id",
                                           arguments: account.map { [$0] } ?? [])
            while let r = try rows.next() {
                try body(AuditEntry(at: r["at"], run: r["run"], accountID: r["account_id"], source: r["source"], line: r["line"],
                                    factKind: r["fact_kind"], factID: r["fact_id"], actor: r["actor"], field: r["field"], old: r["old"], new: r["new"]))
            }
        }
    }

    /// An account brought to zero by payments or collections, waiting for the accounts
    /// team to confirm that the client has closed it.
    public struct Clearance: Sendable, Hashable {
        public var accountID: String
        public var client: String
        public var debtorName: String
        public var clearedAt: String
        public var factID: String
        public var state: String
        public var confirmedBy: String?

        /// Every field, for the other engine (the PostgreSQL store) that reads it alike.
        public init(accountID: String, client: String, debtorName: String, clearedAt: String, factID: String, state: String, confirmedBy: String?) {
            self.accountID = accountID
            self.client = client
            self.debtorName = debtorName
            self.clearedAt = clearedAt
            self.factID = factID
            self.state = state
            self.confirmedBy = confirmedBy
        }
    }

    public func clearances(state: String? = nil) throws -> [Clearance] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.*, a.client, a.debtor_name FROM clearance c JOIN account a ON a.id = c.account_id
                \(state == nil ? "" : "WHERE c.state = ?") ORDER BY c.account_id
                """, arguments: state.map { [$0] } ?? []).map {
                Clearance(accountID: $0["account_id"], client: $0["client"], debtorName: $0["debtor_name"], clearedAt: $0["cleared_at"],
                          factID: $0["fact_id"], state: $0["state"], confirmedBy: $0["confirmed_by"])
            }
        }
    }

    /// Confirms a pending clearance; the account is then `closed`. False when there is no
    /// pending clearance for the account.
    public func confirmClearance(account: String, by: String?, now: Int64? = nil) throws -> Bool {
        try writer.write { db in
            let clock = now ?? Self.now()
            try db.execute(sql: "UPDATE clearance SET state = 'confirmed', confirmed_at = ?, confirmed_by = ? WHERE account_id = ? AND state = 'pending'",
                           arguments: [clock, by, account])
            guard db.changesCount > 0 else { return false }
            // Closing is a decision of the client: it becomes the account's snapshot status.
            let old = try String.fetchOne(db, sql: "SELECT status FROM account WHERE id = ?", arguments: [account])
            try db.execute(sql: "INSERT INTO import_run(started_at, sync) VALUES (?, 0)", arguments: [clock])
            let run = db.lastInsertedRowID
            try db.execute(sql: "UPDATE account_record SET status = 'closed', status_run = ?, updated_at = ? WHERE id = ?",
                           arguments: [run, clock, account])
            try db.execute(sql: """
                INSERT INTO audit(at, run, account_id, source, fact_kind, actor, field, old, new)
                VALUES (?, ?, ?, 'clearances confirm', 'clearance', ?, 'status', ?, 'closed')
                """, arguments: [clock, run, account, by, old])
            return true
        }
    }
}
