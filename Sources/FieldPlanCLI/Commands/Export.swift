import ArgumentParser
import FieldPlanCore
import FieldPlanStore

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
            let planKinds = Set(kinds.filter { $0 == .visit || $0 == .route }.map(\.rawValue))
            kinds.removeAll { $0 == .visit || $0 == .route }
            var day: CivilDate?
            if !planKinds.isEmpty {
                guard let date else { throw ValidationError("--kind visit,route needs --date YYYY-MM-DD") }
                guard let d = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
                day = d
            }
            let db = try store.open()
            var planLines: [String] = []
            if let day {
                guard let plan = try db.planLines(date: day, kinds: planKinds) else {
                    throw CommandFailure("no plan for \(day); run fieldplan plan --date \(day)")
                }
                planLines = plan.lines
            }
            let out = try OutputFile(path: output)
            defer { out.close() }
            if kinds.contains(.zone) {
                // Zones carry figures computed from the accounts now (centroid, accounts, workload_hours).
                for line in try ZoneView(db, only: db.zones(since: sinceEpoch)).exportLines() { out.writeLine(line) }
                kinds.removeAll { $0 == .zone }
            }
            try db.export(kinds: kinds, since: sinceEpoch) { out.writeLine($0) }
            for line in planLines { out.writeLine(line) }
        }
    }
}
