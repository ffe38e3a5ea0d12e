import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import FieldPlanPlanning

extension FieldPlanCommand.Plan {
    /// What the three edits share: the day, the store, and how an accepted edit is printed.
    struct EditOptions: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @Option(help: "The day (YYYY-MM-DD).") var date: String

        func apply(_ edit: PlanEdit) throws {
            guard let day = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
            let result = try FieldPlanApp(store: store.open()).editPlan(date: day, edit)
            let view = PlanView(plan: result.plan, version: result.version)
            print("plan \(day) version \(result.version): \(edit.summary)" + (result.route.map { " (now on the route of \($0))" } ?? ""))
            print(view.summaryTable())
        }
    }
}
