import FieldPlanCore
import GRDB

extension FieldPlanStore {
    /// A rejected input line as `fieldplan rejects` lists it. Its bytes stay in the store
    /// (`--rejects FILE` of the import wrote them out for correction).
    public struct StoredRejection: Sendable, Hashable {
        public var id: Int64
        public var source: String
        public var line: Int
        public var field: String
        public var reason: String
        /// The record's kind and id when the line named them validly.
        public var kind: String?
        public var recordID: String?
        /// When it was rejected (seconds since 1970).
        public var createdAt: Int64
        /// A later line of the same kind and id was applied (or, for a conflict, a review settled it).
        public var resolved: Bool

        /// Public so that the PostgreSQL store lists its rejects alike.
        public init(id: Int64, source: String, line: Int, field: String, reason: String, kind: String?, recordID: String?,
                    createdAt: Int64, resolved: Bool) {
            self.id = id
            self.source = source
            self.line = line
            self.field = field
            self.reason = reason
            self.kind = kind
            self.recordID = recordID
            self.createdAt = createdAt
            self.resolved = resolved
        }
    }

    /// Rejected lines, oldest first: the open ones, or every one with `includeResolved`.
    /// - Complexity: reads at most `limit` rows.
    public func rejections(includeResolved: Bool = false, limit: Int = 1000) throws -> [StoredRejection] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, source, line, field, reason, kind, record_id, created_at, resolved FROM rejected_line
                \(includeResolved ? "" : "WHERE resolved = 0") ORDER BY id LIMIT ?
                """, arguments: [limit]).map {
                StoredRejection(id: $0["id"], source: $0["source"], line: $0["line"], field: $0["field"], reason: $0["reason"],
                                kind: $0["kind"], recordID: $0["record_id"], createdAt: $0["created_at"], resolved: $0["resolved"])
            }
        }
    }

    /// Deletes every rejected line (open or resolved) recorded before `epochSeconds`, in one
    /// transaction, and says how many. A conflict deleted this way leaves `fieldplan review`.
    public func clearRejections(before epochSeconds: Int64) throws -> Int {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM rejected_line WHERE created_at < ?", arguments: [epochSeconds])
            return db.changesCount
        }
    }
}
