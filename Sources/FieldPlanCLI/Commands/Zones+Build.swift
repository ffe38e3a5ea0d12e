import ArgumentParser
import FieldPlanApp
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
                assignment alone, on the zones as they are.) With --dry-run the same build is computed and each \
                zone's accounts gained and lost are listed, but nothing is stored.
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
        @Flag(help: "Compute the build and show what it would move, zone by zone, but store nothing.")
        var dryRun = false
        @Option(help: "text, or json (the object the service answers).")
        var format: Format = .text

        enum Format: String, ExpressibleByArgument { case text, json }

        func validate() throws {
            if !agents && zones == nil { throw ValidationError("give --zones N, or --agents for one zone per active agent") }
            if let zones, zones < 1 { throw ValidationError("--zones: expected at least 1, got \(zones)") }
            if let seconds, !(seconds > 0) { throw ValidationError("--seconds: expected a positive number") }
            if !(tolerance > 0 && tolerance < 50) { throw ValidationError("--tolerance: expected a per cent in (0, 50)") }
        }

        func run() throws {
            let app = FieldPlanApp(store: try store.open())
            let request = ZoneBuildRequest(zones: zones, balance: by, seconds: seconds, fresh: fresh, agents: agents,
                                           tolerance: tolerance, seed: seed, dryRun: dryRun)
            let result = try app.buildZones(request, progress: Terminal.progress)
            Terminal.endProgress()
            if format == .json {
                print(result.json)
                return
            }
            if dryRun { print("dry run: nothing was stored; without --dry-run this build would do:") }
            print((dryRun ? "build " : "built ") + "\(result.built) zones (\(result.locked) locked left alone) from \(result.accounts) located open/ptp accounts in "
                  + String(format: "%.2f s", result.seconds))
            print("moved \(result.moved) of \(result.previouslyZoned) previously zoned accounts"
                  + (result.removed.isEmpty ? "" : "; removed zones \(result.removed.joined(separator: ", "))"))
            print(String(format: "balance by %@: max/mean %.3f, min/mean %.3f (tolerance ±%g %%)",
                         by.rawValue, result.maxLoadRatio, result.minLoadRatio, tolerance))
            print(ZoneView(result.figures).table())
            if agents {
                print("\nzones given to the agents nearest to their centres (min-cost assignment; straight-line km from the base):")
                print(ZoneView.assignmentTable(result.assignment, agents: result.figures.agents))
            }
            if dryRun { print("\n" + ZoneView.movesTable(result.moves)) }
        }
    }
}

extension ZoningOptions.Balance: ExpressibleByArgument {}
