import ArgumentParser
import FieldPlanApp

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
            @Option(help: "text, csv or json (the zone export lines).")
            var format: ListFormat = .text

            func run() throws {
                let figures = try FieldPlanApp(store: store.open()).zoneFigures()
                switch format {
                case .json:
                    for line in figures.exportLines() { print(line) }
                case .csv:
                    for line in ZoneView(figures).csvLines() { print(line) }
                case .text:
                    print(ZoneView(figures).table())
                }
            }
        }

        struct Assign: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Give a zone to an agent (--none to take it away), or every unlocked zone to the nearest agents (--nearest).",
                discussion: """
                    --nearest leaves the zones as they are and gives the unlocked ones to the active agents who have no \
                    locked zone, by a min-cost assignment of the distances from their bases to the zones' centres; \
                    zones left over get no agent. It prints each agent's distance to its zone.
                    """)
            @OptionGroup var store: StoreOptions
            @Argument(help: "The zone id.") var zone: String?
            @Argument(help: "The agent id.") var agent: String?
            @Flag(help: "Leave the zone without an agent.") var none = false
            @Flag(help: "Give every unlocked zone to the nearest agent (min-cost assignment), without rebuilding.") var nearest = false

            func validate() throws {
                if nearest {
                    if zone != nil || agent != nil || none { throw ValidationError("--nearest takes no ZONE, AGENT or --none") }
                } else {
                    if zone == nil { throw ValidationError("give a ZONE and an AGENT (or --none), or --nearest") }
                    if none == (agent != nil) { throw ValidationError("give an AGENT or --none") }
                }
            }

            func run() throws {
                let app = FieldPlanApp(store: try store.open())
                guard nearest else {
                    try app.assignZone(zone!, to: none ? nil : agent)
                    print(none ? "zone \(zone!) has no agent" : "zone \(zone!) → agent \(agent!)")
                    return
                }
                let result = try app.assignZonesToNearestAgents()
                print("zones given to the agents nearest to their centres (min-cost assignment; straight-line km from the base):")
                print(ZoneView.assignmentTable(result.pairs, agents: result.agents))
                if !result.unassigned.isEmpty { print("zones without an agent: \(result.unassigned.joined(separator: ", "))") }
            }
        }

        struct Rename: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Name a zone (an empty NAME clears it).")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The zone id.") var zone: String
            @Argument(help: "The new name.") var name: String

            func run() throws {
                let kept = try FieldPlanApp(store: store.open()).renameZone(zone, to: name)
                print(kept.map { "zone \(zone) is now \"\($0)\"" } ?? "zone \(zone) has no name")
            }
        }

        struct Lock: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Lock a zone: rebuilds leave it and its accounts alone.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The zone id.") var zone: String

            func run() throws {
                try FieldPlanApp(store: store.open()).setZoneLocked(zone, true)
                print("zone \(zone) is locked")
            }
        }

        struct Unlock: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Unlock a zone: the next rebuild may change it again.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The zone id.") var zone: String

            func run() throws {
                try FieldPlanApp(store: store.open()).setZoneLocked(zone, false)
                print("zone \(zone) is unlocked")
            }
        }
    }
}
