import ArgumentParser
import FieldPlanApp
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanStore

extension FieldPlanCommand {
    /// `fieldplan clearances`: accounts paid to zero, for the accounts team to confirm.
    struct Clearances: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accounts brought to zero by payments: list them for the client, confirm them (the account is then closed).",
            subcommands: [List.self, Confirm.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List clearances (text or JSON).")
            @OptionGroup var store: StoreOptions
            @Option(help: "Only pending or confirmed ones.") var state: String?
            @Option(help: "Output format: text or json (one object per line; ndjson is the same). Times are in the agency's time zone.") var format: Format = .text
            @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?
            enum Format: String, ExpressibleByArgument { case text, json, ndjson }

            func run() throws {
                if let state, state != "pending" && state != "confirmed" { throw ValidationError("--state: expected pending or confirmed") }
                let listing = try FieldPlanApp(store: store.open()).clearances(state: state)
                let list = listing.items, clock = listing.clock
                let out = try OutputFile(path: output)
                defer { out.close() }
                switch format {
                case .json, .ndjson:
                    for c in list { out.writeLine(c.json(clock)) }
                case .text:
                    var table = TextTable(["account", "client", "debtor", "cleared at", "by", "state"])
                    for c in list { table.add([c.accountID, c.client, c.debtorName, AgencyTime.short(c.clearedAt, clock), c.factID, c.state]) }
                    out.writeLine(list.isEmpty ? "no clearances" : table.render())
                }
            }
        }

        struct Confirm: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Confirm a pending clearance: the client has closed the account.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "Account ids.") var accounts: [String]
            @Option(help: "Who confirms.") var by: String?

            func run() throws {
                let app = FieldPlanApp(store: try store.open())
                for id in accounts {
                    try app.confirmClearance(account: id, by: by)
                    print("confirmed \(id): account closed")
                }
            }
        }
    }
}
