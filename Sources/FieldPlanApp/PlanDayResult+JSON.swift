import FieldPlanInterchange

extension PlanDayResult {
    /// `plan --format json` and `POST /api/plans/{date}`: `{date, version, candidates,
    /// mandatory, visits, priority, travel_km, routes (without stops), unplanned, kept_stops,
    /// changes: {added, removed, moved_agent, reordered}}`.
    public var json: String {
        let parts = PlanJSON(plan)
        var w = JSONWriter()
        w.string("date", plan.date.description)
        w.int("version", changes.version)
        w.int("candidates", plan.candidateCount)
        w.int("mandatory", plan.mandatoryCount)
        w.int("visits", plan.visitCount)
        w.int("priority", plan.totalPriority)
        w.raw("travel_km", JSONWriter.number(Double(plan.routes.reduce(0) { $0 + $1.travelMetres }) / 1000))
        w.raw("routes", "[" + plan.routes.map { parts.route($0, stops: false) }.joined(separator: ",") + "]")
        w.raw("unplanned", parts.unplanned())
        w.int("kept_stops", kept.reduce(0) { $0 + $1.route.visitCount })
        var c = JSONWriter()
        c.int("added", changes.added)
        c.int("removed", changes.removed)
        c.int("moved_agent", changes.movedAgent)
        c.int("reordered", changes.reordered)
        w.raw("changes", c.finish())
        return w.finish()
    }
}
