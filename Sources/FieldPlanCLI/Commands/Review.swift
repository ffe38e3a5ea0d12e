import ArgumentParser
import FieldPlanApp
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanStore

extension FieldPlanCommand {
    /// `fieldplan review`: flagged outcomes and conflicting lines for a supervisor.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List flagged outcomes and sync conflicts; resolve them one by one.",
            subcommands: [List.self, Resolve.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List open review items (flags and conflicts).")
            @OptionGroup var store: StoreOptions
            @Flag(help: "Include resolved items.") var all = false
            @Option(help: "Output format: text or json (one object per line; ndjson is the same). Times are in the agency's time zone.") var format: Format = .text
            enum Format: String, ExpressibleByArgument { case text, json, ndjson }

            func run() throws {
                let listing = try FieldPlanApp(store: store.open()).reviewItems(includeResolved: all)
                let items = listing.items, clock = listing.clock
                switch format {
                case .json, .ndjson:
                    for i in items { print(i.json(clock)) }
                case .text:
                    if items.isEmpty { print("nothing to review"); return }
                    var table = TextTable(["id", "type", "account", "agent", "at", "code", "from", "reason"])
                    for i in items {
                        table.add([i.id, i.kind + (i.resolved ? " (resolved)" : ""), i.accountID ?? "", i.agentID ?? "", i.at.map { AgencyTime.short($0, clock) } ?? "", i.code ?? "",
                                   i.source.map { "\($0):\(i.line ?? 0)" } ?? "", i.reason.count > 120 ? String(i.reason.prefix(119)) + "…" : i.reason])
                    }
                    print(table.render())
                }
            }
        }

        struct Resolve: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Close one review item: an outcome id or conflict-N.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The item's id as fieldplan review lists it.") var id: String
            @Option(help: "What was decided.") var note: String?

            func run() throws {
                try FieldPlanApp(store: store.open()).resolveReview(id, note: note)
                print("resolved \(id)")
            }
        }
    }
}
