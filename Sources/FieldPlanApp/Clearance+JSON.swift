import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore

extension FieldPlanStore.Clearance {
    /// One line of `clearances --format json` and `GET /api/clearances`: `{kind:"clearance",
    /// account_id, client, debtor_name, cleared_at, by, state, confirmed_by}`, `cleared_at`
    /// in the agency's time zone.
    public func json(_ clock: AgencyClock) -> String {
        var w = JSONWriter()
        w.string("kind", "clearance")
        w.string("account_id", accountID)
        w.string("client", client)
        w.string("debtor_name", debtorName)
        w.string("cleared_at", AgencyTime.full(clearedAt, clock))
        w.string("by", factID)
        w.string("state", state)
        w.string("confirmed_by", confirmedBy)
        return w.finish()
    }
}
