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
}
