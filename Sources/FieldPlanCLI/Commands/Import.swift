import ArgumentParser
import FieldPlanApp
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
                so they can be corrected and imported again. The run is one transaction. Exit 3 when any line \
                was rejected.
                """
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "NDJSON or CSV files (- for standard input). CSV is recognised by the .csv ending.")
        var files: [String]

        @Flag(help: "Validate and report, but change nothing.")
        var dryRun = false

        @Option(help: "Write the rejected lines here, verbatim, for correction.")
        var rejects: String?

        @Option(help: "The kind of every row of a CSV file without a kind column (account or agent).")
        var csvKind: String?

        @Option(help: "Summary format: text or json.")
        var format: SummaryFormat = .text

        @Option(help: "How many rejected lines to list on stderr (the rest are counted).")
        var showErrors = 50

        enum SummaryFormat: String, ExpressibleByArgument { case text, json }

        func run() throws {
            let db = try store.openOrCreate()
            let inputs = files.map { ImportInput(path: $0, csvKind: csvKind) }
            let reporter = try RejectReporter(limit: showErrors, rejectsPath: rejects)
            let result = try FieldPlanApp(store: db).importRecords(inputs, dryRun: dryRun, onReject: reporter.reject, onWarning: reporter.warning,
                                                                   onProgress: { lines in Terminal.progress("import: \(lines) lines") })
            Terminal.endProgress()
            reporter.finish()
            print(render(result))
            if result.hasRejections { throw ExitCode(3) }
        }

        private func render(_ result: ImportResult) -> String {
            let s = result.summary
            switch format {
            case .json:
                return result.json
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
                if dryRun { text += "\n(dry run: nothing was changed)" }
                return text
            }
        }
    }
}
