import FieldPlanInterchange
import FieldPlanStore

extension CallbackList.Item {
    /// One line of `callbacks --format json`: `{kind:"callback"|"appointment", id, date, from,
    /// to, account_id, debtor_name, client, phone, currency, balance, status, zone_id,
    /// agent_id, notes, planned, unplanned_reason}`.
    public var json: String {
        var w = JSONWriter()
        w.string("kind", kind)
        w.string("id", appointmentID); w.string("date", date); w.string("from", from); w.string("to", to)
        w.string("account_id", accountID); w.string("debtor_name", debtorName); w.string("client", client)
        w.string("phone", phone); w.string("currency", currency); w.raw("balance", balance.decimalText)
        w.string("status", status); w.string("zone_id", zoneID); w.string("agent_id", agentID); w.string("notes", notes)
        w.string("planned", planned); w.string("unplanned_reason", unplannedReason)
        return w.finish()
    }
}
