import FieldPlanInterchange

extension PlanEditResult {
    /// `plan move/drop/add --format json` and `POST /api/plans/{date}/edits`: `{date, version,
    /// op, account_id, made_by, route, visits, priority, routes: [each changed route with its
    /// stops and locked], unplanned, changes: {added, removed, moved_agent, reordered}}`.
    /// `route` is the agent whose route has the account now (absent when it was dropped).
    public var json: String {
        let parts = PlanJSON(plan)
        var w = JSONWriter()
        w.string("date", plan.date.description)
        w.int("version", version)
        w.string("op", op)
        w.string("account_id", edit.account)
        w.string("made_by", edit.summary)
        w.string("route", route)
        w.int("visits", plan.visitCount)
        w.int("priority", plan.totalPriority)
        let changed = Set(changedRoutes)
        w.raw("routes", "[" + plan.routes.filter { changed.contains($0.agentID) }
            .map { parts.route($0, stops: true, locked: locked.contains($0.agentID)) }.joined(separator: ",") + "]")
        w.raw("unplanned", parts.unplanned())
        var c = JSONWriter()
        c.int("added", changes.added)
        c.int("removed", changes.removed)
        c.int("moved_agent", changes.movedAgent)
        c.int("reordered", changes.reordered)
        w.raw("changes", c.finish())
        return w.finish()
    }

    /// `move`, `drop` or `add`.
    public var op: String {
        switch edit {
        case .move: "move"
        case .drop: "drop"
        case .add: "add"
        }
    }
}
