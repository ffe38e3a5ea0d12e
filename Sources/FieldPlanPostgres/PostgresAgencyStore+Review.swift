import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Foundation
import PostgresNIO

extension PostgresAgencyStore {
    /// The review queue (`FieldPlanStore.reviewItems`): flagged outcomes by visit time, then
    /// conflicting lines (one item per distinct line, however often it was sent, shown as its
    /// first copy, as SQLite's `MIN(id)` row), in one read-only transaction.
    public func reviewItems(includeResolved: Bool) throws -> [FieldPlanStore.ReviewItem] {
        try write(readOnly: true) { connection in
            let logger = self.logger
            var items: [FieldPlanStore.ReviewItem] = []
            for row in try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT o.id, o.account_id, o.agent_id, o.visited_at, o.code, o.flagged, o.source, o.source_line, r.item IS NOT NULL
                FROM outcome o LEFT JOIN review r ON r.item = o.id
                WHERE o.flagged IS NOT NULL \(includeResolved ? "" : "AND r.item IS NULL")
                ORDER BY o.visited_epoch, o.id
                """), logger: logger).collect() {
                let (id, account, agent, at, code, flagged, source, line, resolved) =
                    try row.decode((String, String, String, String, String, String, String?, Int64?, Bool).self)
                items.append(FieldPlanStore.ReviewItem(id: id, kind: "flag", accountID: account, agentID: agent, at: at, code: code,
                                                       reason: flagged, source: source, line: line.map(Int.init), resolved: resolved))
            }
            for row in try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT g.id, r.source, r.line, r.reason, r.raw, g.resolved FROM (
                    SELECT MIN(id) AS id, MIN(resolved) AS resolved FROM rejected_line
                    WHERE field = 'id' AND reason LIKE 'conflict:%' \(includeResolved ? "" : "AND resolved = 0") GROUP BY raw
                ) g JOIN rejected_line r ON r.id = g.id ORDER BY g.id
                """), logger: logger).collect() {
                let (id, source, line, reason, raw, resolved) = try row.decode((Int64, String, Int64, String, Data, Int64).self)
                var account: String?, agent: String?, at: String?, code: String?
                if case .object(let o)? = try? JSONParser.parse(String(decoding: raw, as: UTF8.self)) {
                    if case .string(let s)? = o["account_id"] { account = s }
                    if case .string(let s)? = o["agent_id"] { agent = s }
                    if case .string(let s)? = o["visited_at"] ?? o["paid_at"] { at = s }
                    if case .string(let s)? = o["code"] { code = s }
                }
                items.append(FieldPlanStore.ReviewItem(id: "conflict-\(id)", kind: "conflict", accountID: account, agentID: agent, at: at,
                                                       code: code, reason: reason, source: source, line: Int(line), resolved: resolved != 0))
            }
            return items
        }
    }

    /// One review item, open or resolved; a conflict is found by any of its lines' ids.
    public func reviewItem(_ id: String) throws -> FieldPlanStore.ReviewItem? {
        var listed = id
        if id.hasPrefix("conflict-"), let n = Int64(id.dropFirst("conflict-".count)) {
            let first = try read { connection in
                try await connection.query("""
                    SELECT MIN(id) FROM rejected_line
                    WHERE raw = (SELECT raw FROM rejected_line WHERE id = \(n)) AND field = 'id' AND reason LIKE 'conflict:%'
                    """, logger: self.logger).collect().first?.decode(Int64?.self)
            }
            if let first { listed = "conflict-\(first)" }
        }
        return try reviewItems(includeResolved: true).first { $0.id == listed }
    }

    /// Closes one review item, in one serializable transaction: two supervisors closing the
    /// same item at once close it once (the other gets false). False when there is no such
    /// open item.
    public func resolveReview(_ id: String, note: String?, now: Int64?) throws -> Bool {
        let clock = now ?? Self.now()
        return try write { connection in
            let logger = self.logger
            if id.hasPrefix("conflict-"), let n = Int64(id.dropFirst("conflict-".count)) {
                let changed = try await connection.query("""
                    WITH done AS (
                        UPDATE rejected_line SET resolved = 1
                        WHERE raw = (SELECT raw FROM rejected_line WHERE id = \(n)) AND resolved = 0 AND field = 'id'
                            AND reason LIKE 'conflict:%'
                        RETURNING 1
                    ) SELECT count(*) FROM done
                    """, logger: logger).collect().first?.decode(Int64.self) ?? 0
                guard changed > 0 else { return false }
            } else {
                let flagged = try await connection.query("SELECT 1 FROM outcome WHERE id = \(id) AND flagged IS NOT NULL", logger: logger)
                    .collect()
                let done = try await connection.query("SELECT 1 FROM review WHERE item = \(id)", logger: logger).collect()
                guard !flagged.isEmpty, done.isEmpty else { return false }
            }
            try await connection.query("INSERT INTO review(item, resolved_at, note) VALUES (\(id), \(clock), \(note))", logger: logger)
            return true
        }
    }

    /// The audit trail, oldest first (`FieldPlanStore.audit`), read in pages of 4,096 rows by
    /// id so that memory stays flat however long it grows. Rows are only ever added, so the
    /// pages read as one trail.
    public func audit(account: String?, _ body: (FieldPlanStore.AuditEntry) throws -> Void) throws {
        var after: Int64 = 0
        while true {
            let from = after
            let page = try read { connection in
                var entries: [(Int64, FieldPlanStore.AuditEntry)] = []
                let filter = account.map { _ in "AND account_id = $2" } ?? ""
                var binds = PostgresBindings()
                binds.append(from)
                if let account { binds.append(account) }
                for row in try await connection.query(PostgresQuery(unsafeSQL: """
                    SELECT id, at, run, account_id, source, line, fact_kind, fact_id, actor, field, old, new FROM audit
                    WHERE id > $1 \(filter) ORDER BY id LIMIT 4096
                    """, binds: binds), logger: self.logger).collect() {
                    var c = PostgresColumns(row)
                    let id = try c.int64() ?? 0
                    entries.append((id, FieldPlanStore.AuditEntry(
                        at: try c.int64() ?? 0, run: try c.int64(), accountID: try c.text() ?? "", source: try c.text(), line: try c.int(),
                        factKind: try c.text(), factID: try c.text(), actor: try c.text(), field: try c.text() ?? "", old: try c.text(),
                        new: try c.text())))
                }
                return entries
            }
            for (_, entry) in page { try body(entry) }
            guard page.count == 4096, let last = page.last else { return }
            after = last.0
        }
    }
}
