import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange

extension FieldPlanCommand.Plan {
    /// `plan show --date D`: a stored plan as it is, without re-solving.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a stored plan without re-solving: routes, stops with ETA, window and reason, unplanned mandatory visits.")

        @OptionGroup var store: StoreOptions
        @Option(help: "The day (YYYY-MM-DD).") var date: String
        @Option(help: "Only this agent's route.") var agent: String?
        @Option(help: "This version (default: the latest).") var version: Int?
        @Option(help: "text or json.") var format: Format = .text

        enum Format: String, ExpressibleByArgument { case text, json }

        func run() throws {
            guard let day = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
            let reading = try FieldPlanApp(store: store.open()).plan(date: day, version: version, agent: agent)
            let stored = reading.stored, plan = reading.plan, clock = reading.clock
            let view = PlanView(plan: plan, version: stored.version)
            switch format {
            case .json:
                print(reading.json)
            case .text:
                var text = "plan \(date) (\(day.weekday.rawValue)) version \(stored.version), stored \(clock.shortText(stored.createdAt))"
                if let by = stored.madeBy { text += " by \(by)" }
                text += "\n" + view.summaryTable() + "\n\n" + view.routesText(locked: stored.locked) + view.unplannedText()
                print(text)
            }
        }
    }
}
