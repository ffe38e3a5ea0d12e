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
            @Option(help: "text, csv or json (the zone export lines).")
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
                let db = try store.open()
                guard nearest else {
                    try ZoneView.storeCall { try db.assignZone(zone!, to: none ? nil : agent) }
                    print(none ? "zone \(zone!) has no agent" : "zone \(zone!) → agent \(agent!)")
                    return
                }
                let view = try ZoneView(db)
                let owners = Set(view.zones.filter(\.locked).compactMap(\.agentID))
                let active = view.agents.filter { $0.isActive && !owners.contains($0.id) }.sorted { $0.id < $1.id }
                let open = zip(view.zones, view.summaries).filter { !$0.0.locked }
                guard !open.isEmpty else { throw CommandFailure("--nearest: no unlocked zones (zones build first)") }
                guard !active.isEmpty else { throw CommandFailure("--nearest: no active agent without a locked zone") }
                let pairs = ZoneView.nearest(agents: active, zones: open.map(\.0), summaries: open.map(\.1))
                let agentOf = Dictionary(uniqueKeysWithValues: pairs.map { ($0.zoneID, $0.agentID) })
                try ZoneView.storeCall { try db.assignZones(Dictionary(uniqueKeysWithValues: open.map { ($0.0.id, agentOf[$0.0.id]) })) }
                print("zones given to the agents nearest to their centres (min-cost assignment; straight-line km from the base):")
                print(ZoneView.assignmentTable(pairs, agents: view.agents))
                let left = open.map(\.0.id).filter { agentOf[$0] == nil }
                if !left.isEmpty { print("zones without an agent: \(left.joined(separator: ", "))") }
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
