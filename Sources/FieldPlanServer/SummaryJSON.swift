import FieldPlanApp
import FieldPlanInterchange
import FieldPlanStore

/// The summaries the import and sync routes answer: the objects the commands print with
/// `--format json` (`ImportResult`, `SyncSummary`), plus `rejects`, the first rejected lines
/// with their line numbers.
enum SummaryJSON {
    static func importSummary(_ s: ImportSummary, dryRun: Bool, rejects: [RejectedLine]) -> String {
        adding(rejects, to: ImportResult(summary: s, dryRun: dryRun).json)
    }

    /// `refused` are the lines the service itself refused before the import (an agent's
    /// lines for another agent); they count as rejected.
    static func syncSummary(_ s: ImportSummary, refused: Int, rejects: [RejectedLine]) -> String {
        var summary = SyncSummary(s)
        summary.rejected += refused
        return adding(rejects, to: summary.json)
    }

    /// The object `json` with a last member `rejects`.
    static func adding(_ rejects: [RejectedLine], to json: String) -> String {
        String(json.dropLast()) + ",\"rejects\":" + rejectsJSON(rejects) + "}"
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
