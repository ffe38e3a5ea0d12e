import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore

extension FieldPlanStore.ReviewItem {
    /// One line of `review --format json` and `GET /api/review`: `{kind:"review", id, type,
    /// account_id, agent_id, at, code, reason, source, line, resolved}`, `at` in the agency's
    /// time zone.
    public func json(_ clock: AgencyClock) -> String {
        var w = JSONWriter()
        w.string("kind", "review")
        w.string("id", id)
        w.string("type", kind)
        w.string("account_id", accountID)
        w.string("agent_id", agentID)
        w.string("at", at.map { AgencyTime.full($0, clock) })
        w.string("code", code)
        w.string("reason", reason)
        w.string("source", source)
        w.int("line", line)
        w.bool("resolved", resolved)
        return w.finish()
    }
}
