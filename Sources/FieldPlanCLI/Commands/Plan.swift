import ArgumentParser
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import FieldPlanRendering
import FieldPlanRouting
import FieldPlanStore
import Foundation

extension FieldPlanCommand {
    /// `fieldplan plan`: the day's plan: make it (the default), show it, compare versions,
    /// edit it by hand, lock routes.
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan a day, show or compare its stored versions, and edit it by hand.",
            discussion: "`fieldplan plan --date D` plans the day (the `day` subcommand); the others read or edit the stored plan.",
            subcommands: [Day.self, Show.self, Diff.self, Move.self, Drop.self, Add.self, Lock.self, Unlock.self],
            defaultSubcommand: Day.self)
    }
}

extension FieldPlanCommand.Plan {
    /// `fieldplan plan [day] --date D`: who visits whom today, in what order (SPEC §5).
    struct Day: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan a day: choose and order each working agent's visits with the routing engine.",
            discussion: """
                Candidates are the plannable accounts of each agent's zones (all agents share all accounts while no \
                zones exist); appointments and call-backs for the day are mandatory. The plan maximizes the total \
                priority visited, then minimizes travel time, honouring shifts, breaks, visiting hours, windows, \
                max_visits and the compliance limits. Every mandatory visit that cannot be planned is listed with its \
                reason. The plan is rechecked against every hard rule before it is stored as the day's next version. \
                A day that has outcomes already, or is before today, is re-planned only with --force, which keeps the \
                stops that have an outcome as they were and plans the rest after them; locked routes (plan lock) are \
                kept as they are. A day with nobody working stores nothing and exits 1.
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
        @Flag(help: "Re-plan a day that has started or is past: stops with an outcome stay as they were.") var force = false
        @Option(help: "The agency's today (YYYY-MM-DD), for tests and demos (default: today in the agency's time zone).") var today: String?

        enum SummaryFormat: String, ExpressibleByArgument { case text, json }

        func run() throws {
            guard let day = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
            let db = try store.open()
            let only = agents.map { Set($0.split(separator: ",").map { $0.trimmingSpaces }) }
            let away = Set((absent ?? "").split(separator: ",").map { $0.trimmingSpaces })
            let input = try PlanView.call { try db.planningInput(date: day, onlyAgents: only, absent: away) }
            let known = Set(input.agents.map(\.id))
            for id in (only ?? []).union(away) where !known.contains(id) { throw CommandFailure("no agent \"\(id)\" in the store") }
            let now: CivilDate
            if let today {
                guard let d = CivilDate(today) else { throw ValidationError("--today: expected YYYY-MM-DD, got \"\(today)\"") }
                now = d
            } else {
                now = try db.clock().localDate(Int64(Date().timeIntervalSince1970))
            }
            if !force, let why = ReplanGuard.refusal(date: day, today: now, outcomesOnDate: input.visitedToday.count) {
                throw CommandFailure("plan \(day): \(why)")
            }
            for k in input.keptRoutes where away.contains(k.agentID) {
                throw CommandFailure("plan \(day): \(k.agentID) is given as absent but " + (k.locked
                    ? "their route is locked (plan unlock --date \(day) --agent \(k.agentID))"
                    : "has visits with an outcome that day"))
            }
            let limit = SearchLimit(seconds: iterations == nil ? (seconds ?? 10) : seconds, iterations: iterations)
            let planner = DayPlanner(limit: limit, seed: seed, threads: 2)
            if let why = CandidateSelector(input: input).nobodyWorking {
                throw CommandFailure("nothing planned for \(day): \(why)")
            }
            if let exportProblem {
                let problem = try planner.problem(for: input)
                let out = try OutputFile(path: exportProblem)
                out.writeLine(PlanRecordEncoder.problem(problem, input: input))
                out.close()
            }
            Terminal.progress("planning \(day)…")
            let plan = try PlanView.call { try planner.plan(input) }
            Terminal.endProgress()
            let violations = DayPlanChecker(input: input).violations(of: plan)
            guard violations.isEmpty else {
                throw CommandFailure("internal error: the plan breaks a hard rule and was not stored: \(violations.prefix(3).joined(separator: "; "))")
            }
            let changes = try db.savePlan(plan, seed: seed, madeBy: force ? "plan --force" : "plan")
            print(render(plan, changes: changes, kept: input.keptRoutes))
        }

        private func render(_ plan: DayPlan, changes: FieldPlanStore.PlanChanges, kept: [KeptRoute]) -> String {
            let view = PlanView(plan: plan, version: changes.version)
            if format == .json {
                var w = JSONWriter()
                w.string("date", plan.date.description)
                w.int("version", changes.version)
                w.int("candidates", plan.candidateCount)
                w.int("mandatory", plan.mandatoryCount)
                w.int("visits", plan.visitCount)
                w.int("priority", plan.totalPriority)
                w.raw("travel_km", JSONWriter.number(Double(plan.routes.reduce(0) { $0 + $1.travelMetres }) / 1000))
                w.raw("routes", "[" + plan.routes.map { view.routeJSON($0, stops: false) }.joined(separator: ",") + "]")
                w.raw("unplanned", view.unplannedJSON())
                w.int("kept_stops", kept.reduce(0) { $0 + $1.route.visitCount })
                var c = JSONWriter()
                c.int("added", changes.added)
                c.int("removed", changes.removed)
                c.int("moved_agent", changes.movedAgent)
                c.int("reordered", changes.reordered)
                w.raw("changes", c.finish())
                return w.finish()
            }
            var text = "plan \(plan.date) (\(plan.date.weekday.rawValue)) version \(changes.version): \(plan.routes.count) agents, \(plan.candidateCount) candidates, \(plan.mandatoryCount) mandatory\n"
            text += view.summaryTable()
            text += view.unplannedText()
            let locked = kept.filter(\.locked).map(\.agentID)
            if !locked.isEmpty { text += "\n\nlocked routes kept as they were: \(locked.joined(separator: ", "))" }
            let keptStops = kept.filter { !$0.locked }.reduce(0) { $0 + $1.route.visitCount }
            if keptStops > 0 { text += "\n\n\(keptStops) visits with an outcome kept as they were; the rest planned after them" }
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
