import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import FieldPlanPlanning

extension FieldPlanCommand.Plan.Day {
    /// `plan --from D --days N`: the days planned together, a table per day and per agent.
    func runDays() throws {
        guard date == nil else { throw ValidationError("--date: give either --date D or --from D --days N, not both") }
        guard let from, let start = CivilDate(from) else { throw ValidationError("--from: expected YYYY-MM-DD, got \"\(from ?? "")\"") }
        guard let days else { throw ValidationError("--days: how many days to plan from \(from) (1-\(PlanDaysRequest.maxDays))") }
        guard (1...PlanDaysRequest.maxDays).contains(days) else {
            throw ValidationError("--days: expected 1 to \(PlanDaysRequest.maxDays), got \(days)")
        }
        if force || fromTime != nil || absent != nil || exportProblem != nil {
            throw ValidationError("--from: --force, --from-time, --absent and --export-problem plan one day (--date)")
        }
        var request = PlanDaysRequest(from: start, days: days, seconds: seconds, iterations: iterations, seed: seed)
        request.onlyAgents = agents.map { Set($0.split(separator: ",").map { $0.trimmingSpaces }) }
        if let today {
            guard let d = CivilDate(today) else { throw ValidationError("--today: expected YYYY-MM-DD, got \"\(today)\"") }
            request.today = d
        }
        let result = try FieldPlanApp(store: try store.open()).planDays(request, progress: Terminal.progress)
        Terminal.endProgress()
        let even = result.evenness
        if format == .json { print(result.json); return }
        var text = "plan from \(from), \(days) days: \(result.plans.count) days planned, \(result.visitCount) visits, priority \(result.totalPriority), "
            + "travel \(String(format1: Double(result.travelSeconds) / 60)) min, visits per agent-day max \(even.max) / mean \(String(format1: even.mean))\n"
        for (plan, changes) in zip(result.plans, result.changes) {
            text += "\n\(plan.date) (\(plan.date.weekday.rawValue)) version \(changes.version): \(plan.routes.count) agents, \(plan.visitCount) visits, priority \(plan.totalPriority)\n"
            text += PlanView(plan: plan, version: changes.version).summaryTable()
            text += PlanView(plan: plan, version: changes.version).unplannedText()
            text += "\n"
        }
        print(text, terminator: "")
    }
}
