import FieldPlanInterchange
import FieldPlanPlanning

extension PlanComparison {
    /// `plan diff --format json`: `{date, from_version, to_version, added, dropped, moved,
    /// reordered}`, each stop `{account_id, agent_id, position}`, each move `{account_id, from, to}`.
    public var json: String {
        func stop(_ s: PlanDiff.Stop) -> String {
            var w = JSONWriter(); w.string("account_id", s.accountID); w.string("agent_id", s.agentID); w.int("position", s.position); return w.finish()
        }
        func move(_ m: PlanDiff.Move) -> String {
            var w = JSONWriter(); w.string("account_id", m.accountID); w.raw("from", stop(m.from)); w.raw("to", stop(m.to)); return w.finish()
        }
        var w = JSONWriter()
        w.string("date", new.plan.date.description)
        w.int("from_version", old.version)
        w.int("to_version", new.version)
        w.raw("added", "[" + diff.added.map(stop).joined(separator: ",") + "]")
        w.raw("dropped", "[" + diff.dropped.map(stop).joined(separator: ",") + "]")
        w.raw("moved", "[" + diff.moved.map(move).joined(separator: ",") + "]")
        w.raw("reordered", "[" + diff.reordered.map(move).joined(separator: ",") + "]")
        return w.finish()
    }
}
