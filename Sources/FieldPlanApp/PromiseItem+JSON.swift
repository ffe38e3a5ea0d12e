import FieldPlanInterchange
import FieldPlanStore

extension PromiseList.Item {
    /// One line of `promises --format json`: `{kind:"promise", due_date, account_id,
    /// debtor_name, client, currency, amount, paid, state, made_at, taken_by, outcome_id,
    /// zone_id, agent_id, balance}`.
    public var json: String {
        var w = JSONWriter()
        w.string("kind", "promise")
        w.string("due_date", due); w.string("account_id", accountID); w.string("debtor_name", debtorName)
        w.string("client", client); w.string("currency", currency); w.raw("amount", amount.decimalText)
        w.raw("paid", paid.decimalText); w.string("state", state); w.string("made_at", madeAt)
        w.string("taken_by", takenBy); w.string("outcome_id", outcomeID); w.string("zone_id", zoneID)
        w.string("agent_id", agentID); w.raw("balance", balance.decimalText)
        return w.finish()
    }
}
