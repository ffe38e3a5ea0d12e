import ArgumentParser
import FieldPlanCore
import FieldPlanStore
import FieldPlanZoning
import Foundation

extension FieldPlanCommand.Zones {
    /// `zones build`: cuts the located, plannable accounts into balanced, compact zones.
    ///
    /// N counts every zone after the build, locked ones included; the N − locked zones that
    /// are built reuse the ids of the existing unlocked zones (lowest ids first), so names
    /// and agents stay where they were. Without `--fresh` it is a stable rebuild: accounts
    /// keep their zone unless balance needs them to move.
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build N balanced, compact, contiguous zones from the located open/ptp accounts.",
            discussion: """
                Without --fresh, a rebuild keeps every account in its zone unless balance needs it to move, \
                and says how many moved. Locked zones (zones lock) are left alone and count towards N. \
                With --agents, one zone per active agent without a locked zone, started at the agent's base; the \
                zones are then given to those agents by a min-cost assignment of the distances from their bases to \
                the zones' centres, and each agent's distance is printed. (zones assign --nearest does the \
                assignment alone, on the zones as they are.)
                """)

        @OptionGroup var store: StoreOptions
        @Option(name: .long, help: "Number of zones after the build, locked ones included.")
        var zones: Int?
        @Option(name: .long, help: "Balance workload (hours: service + estimated travel) or accounts (counts).")
        var by: ZoningOptions.Balance = .workload
        @Option(help: "Time budget in seconds for the search (default: until it settles).")
        var seconds: Double?
        @Flag(help: "Start afresh: ignore the current zones (locked zones are still kept).")
        var fresh = false
        @Flag(help: "One zone per active agent, centred near the agent's base and assigned to them.")
        var agents = false
        @Option(help: "Allowed deviation of a zone's load from the mean, in per cent.")
        var tolerance: Double = 5
        @Option(help: "Random seed (same seed, same zones).")
        var seed: UInt64 = 1

        func validate() throws {
            if !agents && zones == nil { throw ValidationError("give --zones N, or --agents for one zone per active agent") }
            if let zones, zones < 1 { throw ValidationError("--zones: expected at least 1, got \(zones)") }
            if let seconds, !(seconds > 0) { throw ValidationError("--seconds: expected a positive number") }
            if !(tolerance > 0 && tolerance < 50) { throw ValidationError("--tolerance: expected a per cent in (0, 50)") }
        }

        func run() throws {
            let db = try store.open()
            let settings = try db.settings()
            let existing = try db.zones()
            let locked = existing.filter(\.locked)
            let unlocked = existing.filter { !$0.locked }
            var plan: [StoredZone] = []
            var anchors: [String: ZoneSpec.Anchor] = [:]
            if agents {
                let owners = Set(locked.compactMap(\.agentID))
                let active = try db.agents().filter { $0.isActive && !owners.contains($0.id) }.sorted { $0.id < $1.id }
                guard !active.isEmpty else { throw CommandFailure("--agents: no active agent without a locked zone") }
                if let zones, zones != active.count + locked.count {
                    throw CommandFailure("--zones \(zones) disagrees with --agents: \(active.count) active agents + \(locked.count) locked zones")
                }
                var free = unlocked
                var fresh = Self.newIDs(count: active.count, taken: Set(existing.map(\.id)))
                for agent in active {
                    let reuse = free.firstIndex { $0.agentID == agent.id } ?? free.firstIndex { $0.agentID == nil }
                    var zone = reuse.map { free.remove(at: $0) } ?? StoredZone(id: fresh.removeFirst())
                    zone.agentID = agent.id
                    plan.append(zone)
                    anchors[zone.id] = ZoneSpec.Anchor(latitude: agent.base.lat, longitude: agent.base.lon)
                }
            } else {
                let count = zones! - locked.count
                guard count >= 1 else {
                    throw CommandFailure("--zones \(zones!): \(locked.count) zones are locked; ask for more zones or unlock some")
                }
                plan = Array(unlocked.prefix(count))
                for id in Self.newIDs(count: count - plan.count, taken: Set(existing.map(\.id))) { plan.append(StoredZone(id: id)) }
            }
            plan.sort { $0.id < $1.id }
            let removing = unlocked.map(\.id).filter { id in !plan.contains { $0.id == id } }

            let accounts = try db.zoningAccounts()
            let points = accounts.map {
                ZonePoint(id: $0.id, latitude: $0.lat, longitude: $0.lon,
                          serviceMinutes: Double($0.serviceMinutes ?? settings.serviceMinutes), currentZone: $0.zoneID)
            }
            let options = ZoningOptions(balance: by, tolerance: tolerance / 100, roadFactor: settings.roadFactor,
                                        speedKmh: settings.speedKmh, fresh: fresh, seed: seed,
                                        timeLimit: seconds.map { .milliseconds(Int(($0 * 1000).rounded())) })
            let problem: ZoningProblem
            do {
                problem = try ZoningProblem(points: points, zones: plan.map { ZoneSpec(id: $0.id, anchor: anchors[$0.id]) },
                                            lockedZones: locked.map(\.id), options: options)
            } catch {
                throw CommandFailure(error.description)
            }
            Terminal.progress("building \(plan.count) zones from \(points.count) accounts…")
            let started = ContinuousClock.now
            let result = ZoneBuilder.build(problem)
            let elapsed = ContinuousClock.now - started
            Terminal.progress("saving zones…")
            let assignments = zip(accounts, result.zoneOfPoint).map { (accountID: $0.id, zoneID: $1) }
            // With --agents, the built zones go to the agents nearest to their centres.
            let byID = Dictionary(result.zones.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var pairs: [AgentZoneAssignment.Pair] = []
            if agents {
                let owners = Set(locked.compactMap(\.agentID))
                let active = try db.agents().filter { $0.isActive && !owners.contains($0.id) }.sorted { $0.id < $1.id }
                pairs = ZoneView.nearest(agents: active, zones: plan, summaries: plan.map { byID[$0.id]! })
                let agentOf = Dictionary(uniqueKeysWithValues: pairs.map { ($0.zoneID, $0.agentID) })
                for i in plan.indices { plan[i].agentID = agentOf[plan[i].id] }
            }
            try ZoneView.storeCall {
                try db.saveZoning(zones: plan, removing: removing, assignments: assignments)
            }
            Terminal.endProgress()

            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            print("built \(plan.count) zones (\(locked.count) locked left alone) from \(points.count) located open/ptp accounts in "
                  + String(format: "%.2f s", seconds))
            print("moved \(result.moved) of \(result.previouslyZoned) previously zoned accounts"
                  + (removing.isEmpty ? "" : "; removed zones \(removing.joined(separator: ", "))"))
            print(String(format: "balance by %@: max/mean %.3f, min/mean %.3f (tolerance ±%g %%)",
                         by.rawValue, result.maxLoadRatio, result.minLoadRatio, tolerance))
            // The build's own figures, in id order (no second pass over the accounts).
            let listed = (plan + locked).sorted { $0.id < $1.id }
            print(ZoneView(zones: listed, summaries: listed.map { byID[$0.id]! }, agents: try db.agents()).table())
            if agents {
                print("\nzones given to the agents nearest to their centres (min-cost assignment; straight-line km from the base):")
                print(ZoneView.assignmentTable(pairs, agents: try db.agents()))
            }
        }

        /// The first `count` ids Z01, Z02… not taken (three digits from Z100 on).
        static func newIDs(count: Int, taken: Set<String>) -> [String] {
            var out: [String] = []
            var n = 1
            while out.count < count {
                let id = n < 100 ? String(format: "Z%02d", n) : "Z\(n)"
                if !taken.contains(id) { out.append(id) }
                n += 1
            }
            return out
        }
    }
}

extension ZoningOptions.Balance: ExpressibleByArgument {}
