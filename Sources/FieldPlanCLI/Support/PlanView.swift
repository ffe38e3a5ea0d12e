import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import FieldPlanRendering
import FieldPlanStore

/// Renders a day plan for the terminal (text tables) or for programs (one JSON object):
/// `plan`, `plan show` and the edits print through it, so the figures agree everywhere.
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
            table.add([r.agentID, String(r.visitCount), clock(r.start), clock(r.end), Self.km(r.travelMetres), String(r.travelSeconds / 60), String(r.priority)])
        }
        table.add(["total", String(plan.visitCount), "", "", Self.km(plan.routes.reduce(0) { $0 + $1.travelMetres }),
                   String(plan.routes.reduce(0) { $0 + $1.travelSeconds } / 60), String(plan.totalPriority)])
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

    func routeJSON(_ r: AgentRoute, stops: Bool, locked: Bool? = nil) -> String {
        var w = JSONWriter()
        w.string("agent_id", r.agentID)
        w.int("visits", r.visitCount)
        w.string("start", plan.instant(r.start).text)
        w.string("end", plan.instant(r.end).text)
        w.raw("travel_km", JSONWriter.number(Double(r.travelMetres) / 1000))
        w.raw("travel_minutes", JSONWriter.number((Double(r.travelSeconds) / 6).rounded() / 10))
        w.int("priority", r.priority)
        w.bool("locked", locked)
        if stops {
            let lines = r.stops.map { s -> String in
                var sw = JSONWriter()
                sw.int("seq", PlanRecordEncoder.visitNumber(s, in: r))  // as the export and the sheet number it
                sw.string("account_id", s.accountID)
                sw.string("eta", plan.instant(s.eta).text)
                sw.string("etd", plan.instant(s.etd).text)
                sw.string("window_from", s.window?.from.description)
                sw.string("window_to", s.window?.to.description)
                sw.raw("travel_km", JSONWriter.number(Double(s.legMetres) / 1000))
                sw.string("reason", s.reason.rawValue)
                if s.accountID != nil { sw.int("priority", s.priority) }
                return sw.finish()
            }
            w.raw("stops", "[" + lines.joined(separator: ",") + "]")
        }
        return w.finish()
    }

    func unplannedJSON() -> String {
        "[" + plan.unplanned.map { u in
            var w = JSONWriter()
            w.string("account_id", u.accountID)
            w.string("agent_id", u.agentID)
            w.string("reason", u.reason)
            return w.finish()
        }.joined(separator: ",") + "]"
    }
}
