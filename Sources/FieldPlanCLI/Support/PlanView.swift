import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import FieldPlanRendering
import FieldPlanStore

/// Renders a day plan for the terminal (text tables): `plan`, `plan show` and the edits
/// print through it, so the figures agree everywhere; the JSON forms are `PlanJSON`'s.
/// Times are the plan's own local times (the agency's offset on that day).
struct PlanView {
    var plan: DayPlan
    var version: Int

    /// `HH:MM` of a time of the plan's day.
    func clock(_ secondsOfDay: Int) -> String { String(plan.instant(secondsOfDay).text.dropFirst(11).prefix(5)) }

    static func km(_ metres: Int) -> String { String(format1: Double(metres) / 1000) }

    /// The per-agent summary table with a total row.
    func summaryTable() -> String {
        var table = TextTable(["agent", "visits", "start", "end", "km", "travel min", "priority"])
        for r in plan.routes {
            table.add([r.agentID, String(r.visitCount), clock(r.start), clock(r.end), Self.km(r.travelMetres), String((r.travelSeconds + 30) / 60), String(r.priority)])
        }
        table.add(["total", String(plan.visitCount), "", "", Self.km(plan.routes.reduce(0) { $0 + $1.travelMetres }),
                   String((plan.routes.reduce(0) { $0 + $1.travelSeconds } + 30) / 60), String(plan.totalPriority)])
        return table.render()
    }

    func unplannedText() -> String {
        plan.unplanned.isEmpty ? "" : "\n\nmandatory visits that could not be planned:\n"
            + plan.unplanned.map { "  \($0.accountID): \($0.reason)" }.joined(separator: "\n")
    }

    /// Each route's stops: ETA, ETD, window, account, reason, priority, leg.
    func routesText(locked: Set<String>) -> String {
        plan.routes.map { r in
            var head = "\(r.agentID): \(r.visitCount) visits, leaves \(clock(r.start)), back \(clock(r.end)), \(Self.km(r.travelMetres)) km, priority \(r.priority)"
            if locked.contains(r.agentID) { head += " (locked)" }
            var table = TextTable(["seq", "eta", "etd", "window", "account", "reason", "priority", "leg km"])
            for s in r.stops {
                table.add([PlanRecordEncoder.visitNumber(s, in: r).map(String.init) ?? "", clock(s.eta), clock(s.etd), s.window.map { "\($0.from)-\($0.to)" } ?? "", s.accountID ?? "(break)",
                           s.reason.rawValue, s.accountID == nil ? "" : String(s.priority), s.accountID == nil ? "" : Self.km(s.legMetres)])
            }
            return r.stops.isEmpty ? head : head + "\n" + table.render()
        }.joined(separator: "\n\n")
    }
}
