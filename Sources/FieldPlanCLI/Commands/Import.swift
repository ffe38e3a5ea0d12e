import ArgumentParser
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanStore

extension FieldPlanCommand {
    /// `fieldplan import FILE…`: NDJSON (any mix of kinds) and CSV (accounts, agents).
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import accounts, agents, appointments, zones, outcomes and payments (NDJSON or CSV).",
            discussion: """
                Every line is validated; good lines are applied (upsert by id), bad lines are reported as \
                FILE:LINE: field: reason, kept in the store (fieldplan rejects) and in --rejects FILE verbatim, \
                so they can be corrected and imported again; a corrected line resolves its old rejection. \
                A field absent from a line (a column absent from a CSV header) keeps the stored value; \
                null (an empty CSV cell) clears it. An unknown CSV column, or a missing required one, stops \
                the run before anything is applied. The run is one transaction. Exit 3 when any line was \
                rejected; exit 1 when no input held a record.
                """
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "NDJSON or CSV files (- for standard input). CSV is recognised by the .csv ending.")
        var files: [String]

        @Flag(help: "Validate and report, but change nothing.")
        var dryRun = false

        @Option(help: "Write the rejected lines here, verbatim, for correction.")
        var rejects: String?

        @Option(help: "The kind of every row of a CSV file without a kind column (account, agent, appointment, zone, outcome, payment).")
        var csvKind: String?

        @Option(help: "Summary format: text or json.")
        var format: SummaryFormat = .text

        @Option(help: "How many rejected lines and warnings to list on stderr (the rest are counted).")
        var showErrors = 50

        @Flag(help: "Warn about CSV columns that no field has, and import the rest, instead of stopping.")
        var ignoreUnknownColumns = false

        enum SummaryFormat: String, ExpressibleByArgument { case text, json }

        func run() throws {
            let db = try store.openOrCreate()
            let inputs = files.map { ImportInput(path: $0, csvKind: csvKind) }
            let reporter = try RejectReporter(limit: showErrors, rejectsPath: rejects)
            let summary: ImportSummary
            do {
                summary = try db.importRecords(inputs, dryRun: dryRun, ignoreUnknownColumns: ignoreUnknownColumns,
                                               onReject: reporter.reject, onWarning: reporter.warning,
                                               onProgress: { lines in Terminal.progress("import: \(lines) lines") })
            } catch let error as ImportError {
                throw CommandFailure(error.message)
            }
            Terminal.endProgress()
            reporter.finish()
            print(render(summary))
            if summary.total.rejected > 0 { throw ExitCode(3) }
        }

        private func render(_ s: ImportSummary) -> String {
            switch format {
            case .json:
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
            case .text:
                var table = TextTable(["kind", "accepted", "unchanged", "rejected"])
                for kind in s.kinds {
                    let c = s.byKind[kind]!
                    table.add([kind, String(c.accepted), String(c.unchanged), String(c.rejected)])
                }
                if s.unreadable.rejected > 0 { table.add(["(unreadable)", "0", "0", String(s.unreadable.rejected)]) }
                let t = s.total
                table.add(["total", String(t.accepted), String(t.unchanged), String(t.rejected)])
                var text = table.render()
                if s.duplicatesInRun > 0 { text += "\n\(s.duplicatesInRun) ids appeared more than once; the last line won" }
                if s.resolvedRejections > 0 {
                    text += "\n\(s.resolvedRejections) earlier rejected \(s.resolvedRejections == 1 ? "line was" : "lines were") corrected (resolved)"
                }
                if dryRun { text += "\n(dry run: nothing was changed)" }
                return text
            }
        }
    }
}
