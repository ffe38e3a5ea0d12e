import FieldPlanInterchange
import FieldPlanStore

/// The summaries the import and sync routes answer: the objects the commands print with
/// `--format json`, and `rejects`, the first rejected lines with their line numbers.
enum SummaryJSON {
    static func importSummary(_ s: ImportSummary, dryRun: Bool, rejects: [RejectedLine]) -> String {
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
        w.raw("rejects", rejectsJSON(rejects))
        return w.finish()
    }

    /// `refused` are the lines the service itself refused before the import (an agent's
    /// lines for another agent); they count as rejected.
    static func syncSummary(_ s: ImportSummary, refused: Int, rejects: [RejectedLine]) -> String {
        let t = s.total
        var w = JSONWriter()
        w.int("accepted", t.accepted)
        w.int("duplicates", t.unchanged)
        w.int("conflicts", s.conflicts)
        w.int("rejected", t.rejected - s.conflicts + refused)
        w.int("flagged", s.flagged)
        w.raw("rejects", rejectsJSON(rejects))
        return w.finish()
    }

    static func rejectsJSON(_ rejects: [RejectedLine]) -> String {
        "[" + rejects.sorted { $0.line < $1.line }.prefix(RejectCollector.limit).map { r in
            var x = JSONWriter()
            x.int("line", r.line)
            x.string("field", r.field.isEmpty ? nil : r.field)
            x.string("error", r.reason)
            return x.finish()
        }.joined(separator: ",") + "]"
    }
}
