import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore

extension FieldPlanStore.AuditEntry {
    /// One line of `audit --format json` and `GET /api/audit`: `{kind:"audit", at,
    /// account_id, field, old, new, actor, fact_kind, fact_id, source, line}`, `at` in the
    /// agency's time zone.
    public func json(_ clock: AgencyClock) -> String {
        var w = JSONWriter()
        w.string("kind", "audit")
        w.string("at", clock.instant(at).text)
        w.string("account_id", accountID)
        w.string("field", field)
        w.string("old", old)
        w.string("new", new)
        w.string("actor", actor)
        w.string("fact_kind", factKind)
        w.string("fact_id", factID)
        w.string("source", source)
        w.int("line", line)
        return w.finish()
    }
}
