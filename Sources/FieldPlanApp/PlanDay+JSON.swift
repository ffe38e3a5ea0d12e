import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore

extension PlanDay {
    /// One line of `GET /api/plans?from=&to=`: `{date, version, created_at, made_by, visits,
    /// agents, locked}`, `created_at` in the agency's time zone; `agents` and `locked` count
    /// the routes and the locked routes.
    public func json(_ clock: AgencyClock) -> String {
        var w = JSONWriter()
        w.string("date", date)
        w.int("version", version)
        w.string("created_at", clock.instant(createdAt).text)
        w.string("made_by", madeBy)
        w.int("visits", visits)
        w.int("agents", agents)
        w.int("locked", locked)
        return w.finish()
    }
}
