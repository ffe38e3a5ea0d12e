import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore

extension FieldPlanStore.StoredRejection {
    /// One line of `rejects --format json`: `{kind:"reject", source, line, field, reason,
    /// record_kind, record_id, state, rejected_at}`, `rejected_at` in the agency's time zone.
    public func json(_ clock: AgencyClock) -> String {
        var w = JSONWriter()
        w.string("kind", "reject")
        w.string("source", source)
        w.int("line", line)
        w.string("field", field.isEmpty ? nil : field)
        w.string("reason", reason)
        w.string("record_kind", kind)
        w.string("record_id", recordID)
        w.string("state", resolved ? "resolved" : "open")
        w.string("rejected_at", clock.instant(createdAt).text)
        return w.finish()
    }
}
