import ArgumentParser
import FieldPlanApp
import FieldPlanCore

extension FieldPlanCommand.Plan {
    /// `plan lock --date D --agent A`: a later `plan --date D` keeps the route exactly as it is.
    struct Lock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lock an agent's route on a day: re-plans keep it exactly as it is, edits refuse to touch it.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The day (YYYY-MM-DD).") var date: String
        @Option(help: "The agent.") var agent: String

        func run() throws {
            guard let day = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
            let changed = try FieldPlanApp(store: store.open()).setRouteLocked(date: day, agent: agent, true)
            print("route of \(agent) on \(day) is locked" + (changed ? "" : " (it already was)"))
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unlock an agent's route on a day: the next re-plan may change it.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The day (YYYY-MM-DD).") var date: String
        @Option(help: "The agent.") var agent: String

        func run() throws {
            guard let day = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
            let changed = try FieldPlanApp(store: store.open()).setRouteLocked(date: day, agent: agent, false)
            print("route of \(agent) on \(day) is unlocked" + (changed ? "" : " (it was not locked)"))
        }
    }
}
