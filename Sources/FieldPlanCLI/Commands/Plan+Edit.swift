import ArgumentParser
import FieldPlanCore
import FieldPlanPlanning
import FieldPlanStore

extension FieldPlanCommand.Plan {
    /// What the three edits share: the day, the store, and how an accepted edit is printed.
    struct EditOptions: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @Option(help: "The day (YYYY-MM-DD).") var date: String

        func apply(_ edit: PlanEdit) throws {
            guard let day = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
            let db = try store.open()
            let result = try PlanView.call { try db.editPlan(date: day, edit) }
            let view = PlanView(plan: result.plan, version: result.version)
            let touched = result.plan.routes.filter { r in r.stops.contains { $0.accountID == edit.account } }.map(\.agentID)
            print("plan \(day) version \(result.version): \(edit.summary)" + (touched.isEmpty ? "" : " (now on the route of \(touched[0]))"))
            print(view.summaryTable())
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a planned stop to another agent (or another place on the same route), rechecked before it is stored.",
            discussion: "Without --position the stop goes where the agent's day ends earliest. The routes it touches are re-timed with the travel model.")
        @OptionGroup var options: EditOptions
        @Argument(help: "The account.") var account: String
        @Option(help: "The agent who takes the stop.") var toAgent: String
        @Option(help: "The visit's place on the route, from 1.") var position: Int?

        func run() throws { try options.apply(.move(account: account, toAgent: toAgent, position: position)) }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a stop off the plan; a mandatory visit dropped is listed as unplanned with the reason.")
        @OptionGroup var options: EditOptions
        @Argument(help: "The account.") var account: String
        @Option(help: "Why (shown on the unplanned list for appointments and call-backs).") var reason: String

        func validate() throws {
            if reason.trimmingSpaces.isEmpty { throw ValidationError("--reason: say why the stop is dropped") }
        }

        func run() throws { try options.apply(.drop(account: account, reason: reason.trimmingSpaces)) }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put an account on an agent's route; it must be plannable that day.",
            discussion: "Without --position the stop goes where the agent's day ends earliest.")
        @OptionGroup var options: EditOptions
        @Argument(help: "The account.") var account: String
        @Option(help: "The agent.") var agent: String
        @Option(help: "The visit's place on the route, from 1.") var position: Int?

        func run() throws { try options.apply(.add(account: account, agent: agent, position: position)) }
    }
}
