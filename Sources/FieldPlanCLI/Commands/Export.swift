import ArgumentParser
import FieldPlanCore
import FieldPlanStore

extension FieldPlanCommand {
    /// `fieldplan export`: the store as NDJSON that `import` takes back unchanged.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the store as NDJSON (zones, agents, accounts, appointments, outcomes, payments).")

        @OptionGroup var store: StoreOptions

        @Option(help: "Kinds to export, comma-separated (default: every stored kind).")
        var kind: String?

        @Option(help: "Only records changed at or after this ISO 8601 instant.")
        var since: String?

        @Option(name: .shortAndLong, help: "Output file (default: standard output).")
        var output: String?

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
            let db = try store.open()
            let out = try OutputFile(path: output)
            defer { out.close() }
            if kinds.contains(.zone) {
                // Zones carry figures computed from the accounts now (centroid, accounts, workload_hours).
                for line in try ZoneView(db, only: db.zones(since: sinceEpoch)).exportLines() { out.writeLine(line) }
                kinds.removeAll { $0 == .zone }
            }
            try db.export(kinds: kinds, since: sinceEpoch) { out.writeLine($0) }
        }
    }
}
