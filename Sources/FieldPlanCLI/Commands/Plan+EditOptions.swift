import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import FieldPlanPlanning

extension FieldPlanCommand.Plan {
    /// What the three edits share: the day, the store, and how an accepted edit is printed.
    struct EditOptions: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @Option(help: "The day (YYYY-MM-DD).") var date: String
        @Option(help: "Refuse the edit unless this is still the latest version (someone may have re-planned or edited meanwhile).")
        var ifVersion: Int?
        @Option(help: "text, or json (the object the service answers).") var format: Show.Format = .text

        func apply(_ edit: PlanEdit) throws {
            guard let day = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
            let result = try FieldPlanApp(store: store.open()).editPlan(date: day, edit, expectedVersion: ifVersion)
            if format == .json {
                print(result.json)
                return
            }
            let view = PlanView(plan: result.plan, version: result.version)
            print("plan \(day) version \(result.version): \(edit.summary)" + (result.route.map { " (now on the route of \($0))" } ?? ""))
            print(view.summaryTable())
        }
    }
}
