import ArgumentParser
import FieldPlanCore
import FieldPlanPlanning

extension FieldPlanCommand.Plan {
    /// `plan add --date D ACCOUNT --agent A [--position K]`.
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
