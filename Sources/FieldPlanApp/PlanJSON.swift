import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning

/// The JSON of a day plan's parts, one form for `plan`, `plan show`, `plan diff` with
/// `--format json` and the service's plan routes, so both edges give the same bytes. Times
/// are the plan's own local instants (the agency's offset on that day).
public struct PlanJSON: Sendable {
    public var plan: DayPlan

    public init(_ plan: DayPlan) { self.plan = plan }

    /// `{agent_id, visits, start, end, travel_km, travel_minutes, priority, locked?, stops?}`.
    public func route(_ r: AgentRoute, stops: Bool, locked: Bool? = nil) -> String {
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

    /// `[{account_id, agent_id?, reason}]`: the mandatory visits that could not be planned.
    public func unplanned() -> String {
        "[" + plan.unplanned.map { u in
            var w = JSONWriter()
            w.string("account_id", u.accountID)
            w.string("agent_id", u.agentID)
            w.string("reason", u.reason)
            return w.finish()
        }.joined(separator: ",") + "]"
    }
}
