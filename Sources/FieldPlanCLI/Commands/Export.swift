import ArgumentParser
import FieldPlanApp
import FieldPlanCore

extension FieldPlanCommand {
    /// `fieldplan export`: the store as NDJSON that `import` takes back unchanged.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the store as NDJSON (zones, agents, accounts, appointments, outcomes, payments).",
            discussion: """
                An export holds the records that import takes back, not the whole store: it leaves out the settings, \
                the stored plans (unless --kind visit,route --date D asks for one day's), the audit trail, the users, \
                the review decisions and the rejected lines. For a full copy of the store use fieldplan backup FILE \
                (and fieldplan restore FILE to put it back), not export and not a copy of the .db file.
                """)

        @OptionGroup var store: StoreOptions

        @Option(help: "Kinds to export, comma-separated (default: every stored kind).")
        var kind: String?

        @Option(help: "Only records changed at or after this ISO 8601 instant.")
        var since: String?

        @Option(name: .shortAndLong, help: "Output file (default: standard output).")
        var output: String?

        @Option(help: "The planned day, for --kind visit,route (YYYY-MM-DD).")
        var date: String?

        func run() throws {
            var kinds = RecordKind.importable
            if let kind {
                kinds = []
                for name in kind.split(separator: ",") {
                    guard let k = RecordKind(rawValue: name.trimmingSpaces) else {
                        throw ValidationError("--kind: unknown kind \"\(name)\"; expected \(RecordKind.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    kinds.append(k)
                }
            }
            var sinceEpoch: Int64?
            if let since {
                guard let instant = Instant(since) else { throw ValidationError("--since: expected an ISO 8601 instant with offset, got \"\(since)\"") }
                sinceEpoch = instant.epochSeconds
            }
            // Plans are exported per day: a route line, then its visits in order.
            var day: CivilDate?
            if kinds.contains(.visit) || kinds.contains(.route) {
                guard let date else { throw ValidationError("--kind visit,route needs --date YYYY-MM-DD") }
                guard let d = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
                day = d
            }
            let app = FieldPlanApp(store: try store.open())
            // The output is opened at the first line, so a day without a plan leaves no file.
            var out: OutputFile?
            defer { out?.close() }
            try app.export(ExportRequest(kinds: kinds, since: sinceEpoch, date: day)) { line in
                if out == nil { out = try OutputFile(path: output) }
                out!.writeLine(line)
            }
            if out == nil { out = try OutputFile(path: output) }
        }
    }
}
