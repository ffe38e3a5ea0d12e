import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore

extension AccountDetail {
    /// `accounts show --format json` and `GET /api/accounts/{id}`: one object, the account as
    /// exported (the store leaves the national id out of a detail), its history and its
    /// audit trail; moments as the store kept them.
    public var json: String { json(forAgentStop: nil) }

    /// The detail as an agent may see it when `forAgentStop` is set (SPEC §5, §8): masked as
    /// the route sheet masks: no e-mail, the phone only when the agent's stop today needs a
    /// call (`.some(reason)` of that stop; `.some(nil)`: the account is the agent's but not on
    /// today's plan), and no audit trail (who changed what is the supervisor's business). The
    /// store never hands out the national id.
    public func json(forAgentStop: String??) -> String {
        let d = self
        let forAgent = forAgentStop != nil
        var account = d.account
        account.nationalID = nil
        if let reason = forAgentStop {
            account.email = nil
            account.phone = reason.map { Masking.phoneForAgent(account.phone, reason: $0) } ?? account.phone.map(Masking.phone)
        }
        func money(_ m: Money?) -> String? { m?.decimalText }
        func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
        var w = JSONWriter()
        w.string("kind", "account_detail")
        w.raw("account", RecordEncoder.account(account))
        w.string("currency", d.currency)
        w.string("hold_until", d.holdUntil)
        w.string("zone_name", d.zoneName)
        w.string("agent_id", d.agentID)
        w.string("agent_name", d.agentName)
        w.raw("outcomes", array(d.outcomes.map { o in
            var x = JSONWriter()
            x.string("id", o.id); x.string("visited_at", o.visitedAt.text); x.string("agent_id", o.agentID); x.string("code", o.code)
            x.string("contact", o.contact); x.raw("promise_amount", money(o.promiseAmount)); x.string("promise_date", o.promiseDate)
            x.raw("collected_amount", money(o.collected)); x.string("receipt", o.receipt); x.string("notes", o.notes)
            x.string("next_visit", o.nextVisit); x.string("flagged", o.flagged); x.string("source", o.origin)
            return x.finish()
        }))
        w.raw("payments", array(d.payments.map { p in
            var x = JSONWriter()
            x.string("id", p.id); x.string("paid_at", p.paidAt.text); x.raw("amount", p.amount.decimalText)
            x.string("reference", p.reference); x.string("channel", p.channel); x.string("source", p.origin)
            return x.finish()
        }))
        w.raw("promises", array(d.promises.map { p in
            var x = JSONWriter()
            x.string("outcome_id", p.outcomeID); x.string("made_at", p.madeAt); x.raw("amount", p.amount.decimalText)
            x.string("due_date", p.due); x.string("state", p.state); x.raw("paid", p.paid.decimalText)
            return x.finish()
        }))
        w.raw("appointments", array(d.appointments.map { ap in
            var x = JSONWriter()
            x.string("id", ap.id); x.string("kind", ap.kind); x.string("date", ap.date); x.string("from", ap.from); x.string("to", ap.to)
            x.string("agent_id", ap.agentID)
            return x.finish()
        }))
        w.raw("planned_visits", array(d.plannedVisits.map { v in
            var x = JSONWriter()
            x.string("date", v.date); x.int("plan_version", v.version); x.string("agent_id", v.agentID); x.int("seq", v.seq)
            x.string("eta", v.eta); x.string("reason", v.reason)
            return x.finish()
        }))
        if !forAgent {
            w.raw("audit", array(d.audit.map { e in
                var x = JSONWriter()
                x.string("at", e.at.text); x.string("field", e.field); x.string("old", e.old); x.string("new", e.new)
                x.string("actor", e.actor); x.string("fact", e.fact); x.string("source", e.origin)
                return x.finish()
            }))
        }
        return w.finish()
    }
}
