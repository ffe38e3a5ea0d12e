import FieldPlanInterchange
import FieldPlanStore

/// What an import did, per kind, as `import` prints it and `POST /api/import` answers.
public struct ImportResult: Sendable, Equatable {
    public var summary: ImportSummary
    public var dryRun: Bool

    public init(summary: ImportSummary, dryRun: Bool) {
        self.summary = summary
        self.dryRun = dryRun
    }

    /// Some lines were rejected: the command exits 3.
    public var hasRejections: Bool { summary.total.rejected > 0 }

    /// `{KIND: {accepted, unchanged, rejected}…, unreadable?, total, duplicates_in_input,
    /// warnings, resolved_rejects, dry_run}`.
    public var json: String {
        let s = summary
        var w = JSONWriter()
        for kind in s.kinds {
            let c = s.byKind[kind]!
            w.raw(kind, "{\"accepted\":\(c.accepted),\"unchanged\":\(c.unchanged),\"rejected\":\(c.rejected)}")
        }
        if s.unreadable.rejected > 0 { w.raw("unreadable", "{\"rejected\":\(s.unreadable.rejected)}") }
        let t = s.total
        w.raw("total", "{\"accepted\":\(t.accepted),\"unchanged\":\(t.unchanged),\"rejected\":\(t.rejected)}")
        w.int("duplicates_in_input", s.duplicatesInRun)
        w.int("warnings", s.warnings)
        w.int("resolved_rejects", s.resolvedRejections)
        w.bool("dry_run", dryRun)
        return w.finish()
    }
}
