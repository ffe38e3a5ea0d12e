import ArgumentParser
import FieldPlanCore
import FieldPlanStore
import FieldPlanZoning

extension FieldPlanCommand {
    /// `fieldplan zones`: build, inspect and hand out visit zones (SPEC §5).
    struct Zones: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build balanced, compact visit zones and give them to agents.",
            subcommands: [Build.self, List.self, Assign.self, Rename.self, Lock.self, Unlock.self, Map.self],
            defaultSubcommand: List.self)

        /// `zones list`: figures computed from the accounts as they are now.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List zones: agent, accounts, workload hours (service + estimated travel), spread.")
            @OptionGroup var store: StoreOptions
            @Option(help: "text or json (the zone export lines).")
            var format: ListFormat = .text

            func run() throws {
                let db = try store.open()
                let view = try ZoneView(db)
                switch format {
                case .json:
                    for line in view.exportLines() { print(line) }
                case .csv:
                    print("id,name,agent_id,accounts,workload_hours,spread_m,locked")
                    for (z, s) in zip(view.zones, view.summaries) {
                        print([z.id, z.name ?? "", z.agentID ?? "", String(s.accounts), ZoneView.hours(s.workloadHours),
                               String(Int(s.spreadMeters.rounded())), z.locked ? "yes" : ""].map(CSV.cell).joined(separator: ","))
                    }
                case .text:
                    print(view.table())
                }
            }
        }

        struct Assign: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Give a zone to an agent (--none to take it away).")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The zone id.") var zone: String
            @Argument(help: "The agent id.") var agent: String?
            @Flag(help: "Leave the zone without an agent.") var none = false

            func validate() throws {
                if none == (agent != nil) { throw ValidationError("give an AGENT or --none") }
            }

            func run() throws {
                try ZoneView.storeCall { try store.open().assignZone(zone, to: none ? nil : agent) }
                print(none ? "zone \(zone) has no agent" : "zone \(zone) → agent \(agent!)")
            }
        }

        struct Rename: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Name a zone (an empty NAME clears it).")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The zone id.") var zone: String
            @Argument(help: "The new name.") var name: String

            func run() throws {
                let trimmed = name.trimmingSpaces
                try ZoneView.storeCall { try store.open().renameZone(zone, to: trimmed.isEmpty ? nil : trimmed) }
                print(trimmed.isEmpty ? "zone \(zone) has no name" : "zone \(zone) is now \"\(trimmed)\"")
            }
        }

        struct Lock: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Lock a zone: rebuilds leave it and its accounts alone.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The zone id.") var zone: String

            func run() throws {
                try ZoneView.storeCall { try store.open().setZoneLocked(zone, true) }
                print("zone \(zone) is locked")
            }
        }

        struct Unlock: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Unlock a zone: the next rebuild may change it again.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The zone id.") var zone: String

            func run() throws {
                try ZoneView.storeCall { try store.open().setZoneLocked(zone, false) }
                print("zone \(zone) is unlocked")
            }
        }
    }
}
