import FieldPlanInterchange
import FieldPlanStore

/// What a sync import did (SPEC §6), as `sync import` prints it and `POST /api/sync`
/// answers: conflicts are counted apart from the other rejected lines.
public struct SyncSummary: Sendable, Equatable {
    public var accepted: Int
    public var duplicates: Int
    public var conflicts: Int
    /// Rejected lines that are not conflicts.
    public var rejected: Int
    /// Outcomes accepted in this run that are flagged for a supervisor's review.
    public var flagged: Int

    public init(accepted: Int, duplicates: Int, conflicts: Int, rejected: Int, flagged: Int) {
        self.accepted = accepted
        self.duplicates = duplicates
        self.conflicts = conflicts
        self.rejected = rejected
        self.flagged = flagged
    }

    public init(_ summary: ImportSummary) {
        let t = summary.total
        accepted = t.accepted
        duplicates = t.unchanged
        conflicts = summary.conflicts
        rejected = t.rejected - summary.conflicts
        flagged = summary.flagged
    }

    /// Some lines were rejected or conflicting: the command exits 3.
    public var hasRejections: Bool { rejected + conflicts > 0 }

    /// `{accepted, duplicates, conflicts, rejected, flagged}`.
    public var json: String {
        var w = JSONWriter()
        w.int("accepted", accepted)
        w.int("duplicates", duplicates)
        w.int("conflicts", conflicts)
        w.int("rejected", rejected)
        w.int("flagged", flagged)
        return w.finish()
    }
}
