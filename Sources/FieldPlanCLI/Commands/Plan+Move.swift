import ArgumentParser
import FieldPlanCore
import FieldPlanPlanning

extension FieldPlanCommand.Plan {
    /// `plan move --date D ACCOUNT --to-agent A [--position K]`.
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
}
