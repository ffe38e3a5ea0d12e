import FieldPlanCore
import FieldPlanPlanning

/// Writes a day plan as SPEC §5's `route` and `visit` lines: times as ISO 8601 instants with
/// the agency's offset, distances in km (3 decimals) and minutes (1 decimal) recomputable
/// from the travel model, a break as a `visit` without an account.
///
/// `seq` numbers the visits only, 1, 2, 3… as the route sheet does; the break line has no
/// `seq` and sits in its place in the order. (`PlannedStop.seq` counts every stop, the break
/// too: it stays the stored line's key and position in `plan_visit`.)
public enum PlanRecordEncoder {
    public static func route(_ r: AgentRoute, of plan: DayPlan, version: Int) -> String {
        var w = JSONWriter()
        w.string("kind", "route")
        w.string("date", plan.date.description)
        w.string("agent_id", r.agentID)
        w.int("stops", r.visitCount)
        w.raw("travel_km", km(r.travelMetres))
        w.raw("travel_minutes", minutes(r.travelSeconds))
        w.string("start", plan.instant(r.start).text)
        w.string("end", plan.instant(r.end).text)
        w.int("priority", r.priority)
        w.int("plan_version", version)
        return w.finish()
    }

    public static func visit(_ s: PlannedStop, route r: AgentRoute, of plan: DayPlan) -> String {
        var w = JSONWriter()
        w.string("kind", "visit")
        w.string("date", plan.date.description)
        w.string("agent_id", r.agentID)
        w.int("seq", visitNumber(s, in: r))
        w.string("account_id", s.accountID)
        w.string("eta", plan.instant(s.eta).text)
        w.string("etd", plan.instant(s.etd).text)
        w.string("window_from", s.window?.from.description)
        w.string("window_to", s.window?.to.description)
        w.raw("travel_km", km(s.legMetres))
        w.raw("travel_minutes", minutes(s.legSeconds))
        w.string("reason", s.reason.rawValue)
        if s.accountID != nil { w.int("priority", s.priority) }
        return w.finish()
    }

    public static func unplanned(_ u: UnplannedVisit, of plan: DayPlan) -> String {
        var w = JSONWriter()
        w.string("kind", "unplanned")
        w.string("date", plan.date.description)
        w.string("account_id", u.accountID)
        w.string("agent_id", u.agentID)
        w.string("reason", u.reason)
        return w.finish()
    }

    /// The stop's number among the route's visits (nil for the break).
    /// - Complexity: O(stops of the route).
    public static func visitNumber(_ s: PlannedStop, in r: AgentRoute) -> Int? {
        guard s.accountID != nil else { return nil }
        return r.stops.count { $0.accountID != nil && $0.seq <= s.seq }
    }

    static func km(_ metres: Int) -> String { JSONWriter.number(Double(metres) / 1000) }

    static func minutes(_ seconds: Int) -> String { JSONWriter.number((Double(seconds) / 6).rounded() / 10) }
}

extension PlanRecordEncoder {
    /// The day's problem as JSON (SPEC §5 `--export-problem`): agents with base, shift and
    /// break; candidates with location, window, service time, priority, whether they are
    /// mandatory and who may visit them; the travel settings, so that another solver can be
    /// run on exactly this problem and its plan rechecked with the same travel model.
    public static func problem(_ p: DayPlanner.Problem, input: PlanningInput) -> String {
        var w = JSONWriter()
        w.string("kind", "problem")
        w.string("date", input.date.description)
        w.int("utc_offset_seconds", input.utcOffsetSeconds)
        var travel = JSONWriter()
        travel.string("model", input.travel.name)
        if input.travel.name == "great_circle" {
            travel.double("road_factor", input.settings.roadFactor)
            travel.double("speed_kmh", input.settings.speedKmh)
            travel.raw("earth_radius_m", "6371008.8")
            travel.string("distance", "haversine metres x road_factor, rounded to whole metres")
            travel.string("time", "haversine metres x road_factor / speed, rounded up to whole seconds")
        } else {
            travel.string("distance", "metres of the fastest route, from where each end joins the road, rounded to whole metres")
            travel.string("time", "seconds of the fastest route, rounded to whole seconds")
        }
        w.raw("travel", travel.finish())
        w.string("objective", "serve every mandatory candidate that can be served, then maximize total priority, then minimize travel time")
        let agents = p.agents.map { a -> String in
            var aw = JSONWriter()
            aw.string("id", a.id)
            aw.raw("base", RecordEncoder.coordinate(a.base))
            var s = JSONWriter()
            s.string("start", a.shift.from.description)
            s.string("end", a.shift.to.description)
            aw.raw("shift", s.finish())
            if let b = a.breakRule {
                var bw = JSONWriter()
                bw.string("from", b.window.from.description)
                bw.string("to", b.window.to.description)
                bw.int("minutes", b.minutes)
                aw.raw("break", bw.finish())
            }
            aw.int("max_visits", a.maxVisits)
            return aw.finish()
        }
        w.raw("agents", "[" + agents.joined(separator: ",") + "]")
        let candidates = p.candidates.map { c -> String in
            var cw = JSONWriter()
            cw.string("account_id", c.account.id)
            cw.raw("location", RecordEncoder.coordinate(c.location))
            cw.raw("window", RecordEncoder.window(c.window))
            cw.int("service_minutes", c.serviceMinutes)
            cw.int("priority", c.priority)
            cw.bool("mandatory", c.mandatory)
            cw.string("reason", c.reason.rawValue)
            cw.array("agents", strings: c.agentIDs)
            return cw.finish()
        }
        w.raw("candidates", "[\n" + candidates.joined(separator: ",\n") + "\n]")
        return w.finish()
    }
}
