import ArgumentParser
import FieldPlanCore
import FieldPlanPlanning

extension FieldPlanCommand.Plan {
    /// `plan drop --date D ACCOUNT --reason TEXT`.
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
}
