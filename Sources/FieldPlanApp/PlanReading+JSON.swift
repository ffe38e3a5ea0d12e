import FieldPlanInterchange

extension PlanReading {
    /// `plan show --format json` and `GET /api/plans/{date}`: `{date, version, created_at,
    /// made_by, visits, priority, routes: [… with stops and locked], unplanned}`.
    public var json: String {
        let parts = PlanJSON(plan)
        var w = JSONWriter()
        w.string("date", plan.date.description)
        w.int("version", stored.version)
        w.string("created_at", clock.instant(stored.createdAt).text)
        w.string("made_by", stored.madeBy)
        w.int("visits", plan.visitCount)
        w.int("priority", plan.totalPriority)
        w.raw("routes", "[" + plan.routes.map { parts.route($0, stops: true, locked: stored.locked.contains($0.agentID)) }.joined(separator: ",") + "]")
        w.raw("unplanned", parts.unplanned())
        return w.finish()
    }
}
