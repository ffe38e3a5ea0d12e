import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import FieldPlanRendering
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
                kept as they are. --from-time HH:MM re-plans the rest of a started day: stops with an outcome stay, \
                each agent restarts from its last visited stop at that time, and new appointments, call-backs and \
                absent agents are taken in. A day with nobody working stores nothing and exits 1.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "The day to plan (YYYY-MM-DD).") var date: String?
        @Option(help: "Plan several days at once from this day (YYYY-MM-DD), with --days.") var from: String?
        @Option(help: "How many consecutive days to plan with --from (1-14).") var days: Int?
        @Option(help: "Only these agents, comma-separated.") var agents: String?
        @Option(help: "Agents absent today, comma-separated: their zones' urgent visits go to the two nearest agents.") var absent: String?
        @Option(help: "Search time in seconds (default 10).") var seconds: Double?
        @Option(help: "Iteration budget instead of time: the same seed and budget give the same plan.") var iterations: Int?
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @Option(help: "Write the day's problem as JSON to this file (for another solver), then plan as usual.") var exportProblem: String?
        @Option(help: "Summary format: text or json.") var format: SummaryFormat = .text
        @Flag(help: "Re-plan a day that has started or is past: stops with an outcome stay as they were.") var force = false
        @Option(help: "Re-plan the rest of the day from this local time (HH:MM): done stops stay, nothing new starts before it.")
        var fromTime: String?
        @Option(help: "The agency's today (YYYY-MM-DD), for tests and demos (default: today in the agency's time zone).") var today: String?

        enum SummaryFormat: String, ExpressibleByArgument { case text, json }

        func run() throws {
            if from != nil || days != nil { return try runDays() }
            guard let date else { throw ValidationError("--date: give the day to plan (YYYY-MM-DD), or --from D --days N") }
            guard let day = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
            var request = PlanDayRequest(date: day, seconds: seconds, iterations: iterations, seed: seed, force: force,
                                         exportProblem: exportProblem != nil)
            request.onlyAgents = agents.map { Set($0.split(separator: ",").map { $0.trimmingSpaces }) }
            request.absent = Set((absent ?? "").split(separator: ",").map { $0.trimmingSpaces })
            if let fromTime {
                guard let t = LocalTime(fromTime), t.minutes < 24 * 60 else {
                    throw ValidationError("--from-time: expected HH:MM (00:00-23:59), got \"\(fromTime)\"")
                }
                request.fromTime = t
            }
            if let today {
                guard let d = CivilDate(today) else { throw ValidationError("--today: expected YYYY-MM-DD, got \"\(today)\"") }
                request.today = d
            }
            let app = FieldPlanApp(store: try store.open())
            let result = try app.planDay(request, problem: { json in
                let out = try OutputFile(path: exportProblem)
                out.writeLine(json)
                out.close()
            }, progress: Terminal.progress)
            Terminal.endProgress()
            print(render(result))
        }

        private func render(_ result: PlanDayResult) -> String {
            let plan = result.plan, changes = result.changes
            let view = PlanView(plan: plan, version: changes.version)
            if format == .json { return result.json }
            var text = "plan \(plan.date) (\(plan.date.weekday.rawValue)) version \(changes.version): \(plan.routes.count) agents, \(plan.candidateCount) candidates, \(plan.mandatoryCount) mandatory\n"
            text += view.summaryTable()
            text += view.unplannedText()
            let locked = result.lockedAgents
            if !locked.isEmpty { text += "\n\nlocked routes kept as they were: \(locked.joined(separator: ", "))" }
            let keptStops = result.keptStops
            if keptStops > 0 { text += "\n\n\(keptStops) visits with an outcome kept as they were; the rest planned after them" }
            if let straight = result.straightLineMetres, straight > 0 {
                let road = Double(result.travelMetres) / 1000, line = Double(straight) / 1000
                text += "\n\non roads: \(String(format1: road)) km; straight lines between the same stops: \(String(format1: line)) km (roads ×\(String(format: "%.2f", road / line)))"
            }
            if let t = fromTime { text += "\n\nre-planned from \(t): nothing new starts before it" }
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
