import ArgumentParser
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import FieldPlanRendering
import FieldPlanRouting
import FieldPlanStore

extension FieldPlanCommand {
    /// `fieldplan plan --date D`: who visits whom today, in what order (SPEC §5).
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan a day: choose and order each working agent's visits with the routing engine.",
            discussion: """
                Candidates are the plannable accounts of each agent's zones (all agents share all accounts while no \
                zones exist); appointments and call-backs for the day are mandatory. The plan maximizes the total \
                priority visited, then minimizes travel time, honouring shifts, breaks, visiting hours, windows, \
                max_visits and the compliance limits. Every mandatory visit that cannot be planned is listed with its \
                reason. The plan is rechecked against every hard rule before it is stored as the day's next version.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "The day to plan (YYYY-MM-DD).") var date: String
        @Option(help: "Only these agents, comma-separated.") var agents: String?
        @Option(help: "Agents absent today, comma-separated: their zones' urgent visits go to the two nearest agents.") var absent: String?
        @Option(help: "Search time in seconds (default 10).") var seconds: Double?
        @Option(help: "Iteration budget instead of time: the same seed and budget give the same plan.") var iterations: Int?
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @Option(help: "Write the day's problem as JSON to this file (for another solver), then plan as usual.") var exportProblem: String?
        @Option(help: "Summary format: text or json.") var format: SummaryFormat = .text

        enum SummaryFormat: String, ExpressibleByArgument { case text, json }

        func run() throws {
            guard let day = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
            let db = try store.open()
            let only = agents.map { Set($0.split(separator: ",").map { $0.trimmingSpaces }) }
            let away = Set((absent ?? "").split(separator: ",").map { $0.trimmingSpaces })
            let input = try db.planningInput(date: day, onlyAgents: only, absent: away)
            let known = Set(input.agents.map(\.id))
            for id in (only ?? []).union(away) where !known.contains(id) { throw CommandFailure("no agent \"\(id)\" in the store") }
            let limit = SearchLimit(seconds: iterations == nil ? (seconds ?? 10) : seconds, iterations: iterations)
            let planner = DayPlanner(limit: limit, seed: seed, threads: 2)
            if let exportProblem {
                let problem = try planner.problem(for: input)
                let out = try OutputFile(path: exportProblem)
                out.writeLine(PlanRecordEncoder.problem(problem, input: input))
                out.close()
            }
            Terminal.progress("planning \(day)…")
            let plan = try planner.plan(input)
            Terminal.endProgress()
            let violations = DayPlanChecker(input: input).violations(of: plan)
            guard violations.isEmpty else {
                throw CommandFailure("internal error: the plan breaks a hard rule and was not stored: \(violations.prefix(3).joined(separator: "; "))")
            }
            let changes = try db.savePlan(plan, seed: seed)
            print(render(plan, changes: changes))
        }

        private func render(_ plan: DayPlan, changes: FieldPlanStore.PlanChanges) -> String {
            if format == .json {
                var w = JSONWriter()
                w.string("date", plan.date.description)
                w.int("version", changes.version)
                w.int("candidates", plan.candidateCount)
                w.int("mandatory", plan.mandatoryCount)
                w.int("visits", plan.visitCount)
                w.int("priority", plan.totalPriority)
                w.raw("travel_km", JSONWriter.number(Double(plan.routes.reduce(0) { $0 + $1.travelMetres }) / 1000))
                w.int("unplanned", plan.unplanned.count)
                var c = JSONWriter()
                c.int("added", changes.added)
                c.int("removed", changes.removed)
                c.int("moved_agent", changes.movedAgent)
                c.int("reordered", changes.reordered)
                w.raw("changes", c.finish())
                return w.finish()
            }
            var text = "plan \(plan.date) (\(plan.date.weekday.rawValue)) version \(changes.version): \(plan.routes.count) agents, \(plan.candidateCount) candidates, \(plan.mandatoryCount) mandatory\n"
            var table = TextTable(["agent", "visits", "start", "end", "km", "travel min", "priority"])
            for r in plan.routes {
                table.add([r.agentID, String(r.visitCount), plan.instant(r.start).text.dropFirst(11).prefix(5).description,
                           plan.instant(r.end).text.dropFirst(11).prefix(5).description,
                           String(format1: Double(r.travelMetres) / 1000), String(r.travelSeconds / 60), String(r.priority)])
            }
            table.add(["total", String(plan.visitCount), "", "", String(format1: Double(plan.routes.reduce(0) { $0 + $1.travelMetres }) / 1000),
                       String(plan.routes.reduce(0) { $0 + $1.travelSeconds } / 60), String(plan.totalPriority)])
            text += table.render()
            if !plan.unplanned.isEmpty {
                text += "\n\nmandatory visits that could not be planned:\n"
                text += plan.unplanned.map { "  \($0.accountID): \($0.reason)" }.joined(separator: "\n")
            }
            if let previous = changes.previousVersion {
                text += "\n\nchanges since version \(previous): \(changes.added) new stops, \(changes.removed) dropped, \(changes.movedAgent) moved to another agent, \(changes.reordered) reordered"
            }
            return text
        }
    }
}

extension String {
    /// One decimal, for kilometres.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }
}
