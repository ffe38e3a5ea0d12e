import FieldPlanCore
import FieldPlanInterchange
import GRDB

/// Marks a rejected line resolved once a later line of the same kind and id is applied
/// (issue 11: its correction came in), so that `fieldplan rejects` lists only what still
/// needs work. Conflicts are left to `fieldplan review`: a repeat of the stored fact does
/// not settle them.
///
/// Only the keys of open rejections (from earlier runs, or refused in this one) are watched,
/// so an import into a store without open rejections pays one emptiness test per line.
/// - Complexity: O(open rejections) memory; O(1) per applied line; one UPDATE per resolved key.
final class ResolvedRejections {
    struct Key: Hashable {
        var kind: String
        var id: String
    }

    /// The newest `rejected_line` row before this run.
    private let baseline: Int64
    /// Keys with an open rejection; those of earlier runs are loaded once.
    private var watched: Set<Key>
    /// This run's rejected rows per key, with the input position of their lines.
    private var refusedNow: [Key: [(row: Int64, sequence: Int)]] = [:]
    /// The input position of the last applied line per watched key.
    private var applied: [Key: Int] = [:]

    init(db: Database) throws {
        baseline = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM rejected_line") ?? 0
        watched = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT DISTINCT kind, record_id FROM rejected_line
            WHERE resolved = 0 AND kind IS NOT NULL AND record_id IS NOT NULL AND NOT (field = 'id' AND reason LIKE 'conflict:%')
            """)
        while let row = try rows.next() { watched.insert(Key(kind: row[0], id: row[1])) }
    }

    /// Whether a conflict (settled by review, never by a repeat).
    static func isConflict(_ error: FieldError) -> Bool { error.field == "id" && error.reason.hasPrefix("conflict:") }

    var isIdle: Bool { watched.isEmpty }

    /// A line of this kind and id was refused (before its row is stored).
    func refused(kind: String?, id: String?, error: FieldError) {
        guard let kind, let id, !Self.isConflict(error) else { return }
        watched.insert(Key(kind: kind, id: id))
    }

    /// The refused line's row, once stored.
    func stored(row: Int64, kind: String?, id: String?, error: FieldError, sequence: Int) {
        guard let kind, let id, !Self.isConflict(error) else { return }
        refusedNow[Key(kind: kind, id: id), default: []].append((row, sequence))
    }

    /// A line of this kind and id was applied (accepted or unchanged).
    func applied(kind: String, id: String, sequence: Int) {
        let key = Key(kind: kind, id: id)
        guard watched.contains(key) else { return }
        applied[key] = max(applied[key] ?? sequence, sequence)
    }

    /// Marks resolved what the applied lines corrected: every open rejection of earlier runs
    /// for the key, and this run's that came before the applied line.
    /// - Returns: how many rejected lines were resolved.
    func resolve(_ db: Database) throws -> Int {
        var count = 0
        let earlier = try db.makeStatement(sql: """
            UPDATE rejected_line SET resolved = 1
            WHERE kind = ? AND record_id = ? AND resolved = 0 AND id <= ? AND NOT (field = 'id' AND reason LIKE 'conflict:%')
            """)
        let one = try db.makeStatement(sql: "UPDATE rejected_line SET resolved = 1 WHERE id = ? AND resolved = 0")
        for (key, sequence) in applied.sorted(by: { ($0.key.kind, $0.key.id) < ($1.key.kind, $1.key.id) }) {
            try earlier.execute(arguments: [key.kind, key.id, baseline])
            count += db.changesCount
            for r in refusedNow[key] ?? [] where r.sequence < sequence {
                try one.execute(arguments: [r.row])
                count += db.changesCount
            }
        }
        return count
    }
}
