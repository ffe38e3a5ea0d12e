import FieldPlanInterchange

extension RouteLockResult {
    /// `POST /api/plans/{date}/edits` with `lock` or `unlock`: `{date, version, op, agent_id,
    /// locked, changed, route, routes: [the agent's route with stops and locked]}`, in the
    /// shape of an edit's answer. A lock makes no new version: `version` is the latest.
    public var json: String {
        var w = JSONWriter()
        w.string("date", date.description)
        w.int("version", reading?.stored.version)
        w.string("op", locked ? "lock" : "unlock")
        w.string("agent_id", agent)
        w.bool("locked", locked)
        w.bool("changed", changed)
        w.string("route", reading == nil ? nil : agent)
        var routes: [String] = []
        if let r = reading {
            let parts = PlanJSON(r.plan)
            routes = r.plan.routes.map { parts.route($0, stops: true, locked: r.stored.locked.contains($0.agentID)) }
        }
        w.raw("routes", "[" + routes.joined(separator: ",") + "]")
        return w.finish()
    }
}
