import ArgumentParser
import FieldPlanApp
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanStore

extension FieldPlanCommand {
    /// `fieldplan audit`: who or what changed an account, from which input line.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The audit trail: each change of an account's balance, status, location, hold, promise, clearance or call-back, with its source line.")

        @OptionGroup var store: StoreOptions
        @Option(help: "Only this account.") var account: String?
        @Option(help: "Output format: text or json (one object per line; ndjson is the same). Times are in the agency's time zone.") var format: Format = .text
        @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?
        enum Format: String, ExpressibleByArgument { case text, json, ndjson }

        func run() throws {
            let app = FieldPlanApp(store: try store.open())
            let out = try OutputFile(path: output)
            defer { out.close() }
            var table = TextTable(["at", "account", "field", "old", "new", "by", "fact", "from"])
            try app.audit(account: account) { e, clock in
                switch format {
                case .json, .ndjson:
                    out.writeLine(e.json(clock))
                case .text:
                    table.add([clock.shortText(e.at), e.accountID, e.field, e.old ?? "-", e.new ?? "-", e.actor ?? "",
                               e.factKind.map { "\($0) \(e.factID ?? "")" } ?? "", Self.origin(e)])
                }
            }
            if format == .text { out.writeLine(table.rows.isEmpty ? "no changes recorded" : table.render()) }
        }

        private static func origin(_ e: FieldPlanStore.AuditEntry) -> String {
            guard let source = e.source else { return "" }
            return e.line.map { "\(source):\($0)" } ?? source
        }
    }
}
