import FieldPlanCore

/// Writes records as canonical NDJSON lines: `kind` first, then the fields in the order of
/// SPEC §3, absent optionals left out, money written exactly. `RecordDecoder` reads every
/// line back to an equal record, so export → import → export gives the same bytes.
public enum RecordEncoder {
    public static func line(_ record: Record) -> String {
        switch record {
        case .account(let a): account(a)
        case .agent(let a): agent(a)
        case .appointment(let a): appointment(a)
        case .outcome(let o): outcome(o)
        case .payment(let p): payment(p)
        case .zone(let z): zone(z)
        }
    }

    /// - Parameter extra: members appended after the record's own (an export adds
    ///   workflow state such as `zone_id`).
    public static func account(_ a: Account) -> String {
        var w = JSONWriter()
        w.string("kind", "account")
        w.string("id", a.id)
        w.string("client", a.client)
        w.string("debtor_name", a.debtorName)
        w.raw("balance", a.balance.decimalText)
        w.string("currency", a.currency)
        w.string("phone", a.phone)
        w.string("email", a.email)
        w.string("national_id", a.nationalID)
        w.string("address", a.address)
        w.double("lat", a.location?.lat)
        w.double("lon", a.location?.lon)
        w.int("days_past_due", a.daysPastDue)
        w.string("status", a.status?.rawValue)
        w.raw("visit_window", a.visitWindow.map(window))
        w.int("service_minutes", a.serviceMinutes)
        w.string("notes", a.notes)
        w.string("no_visit_before", a.noVisitBefore?.description)
        w.int("max_visits_per_month", a.maxVisitsPerMonth)
        w.string("zone_id", a.zoneID)
        return w.finish()
    }

    public static func agent(_ a: Agent) -> String {
        var w = JSONWriter()
        w.string("kind", "agent")
        w.string("id", a.id)
        w.string("name", a.name)
        w.raw("base", coordinate(a.base))
        var s = JSONWriter()
        s.string("start", a.shift.from.description)
        s.string("end", a.shift.to.description)
        w.raw("shift", s.finish())
        w.string("phone", a.phone)
        w.array("days", strings: a.days?.map(\.rawValue))
        if let b = a.breakRule {
            var bw = JSONWriter()
            bw.string("from", b.window.from.description)
            bw.string("to", b.window.to.description)
            bw.int("minutes", b.minutes)
            w.raw("break", bw.finish())
        }
        w.int("max_visits", a.maxVisits)
        w.bool("active", a.active)
        return w.finish()
    }

    public static func appointment(_ a: Appointment) -> String {
        var w = JSONWriter()
        w.string("kind", "appointment")
        w.string("id", a.id)
        w.string("account_id", a.accountID)
        w.string("date", a.date.description)
        w.string("from", a.window.from.description)
        w.string("to", a.window.to.description)
        w.string("agent_id", a.agentID)
        return w.finish()
    }

    public static func outcome(_ o: Outcome) -> String {
        var w = JSONWriter()
        w.string("kind", "outcome")
        w.string("id", o.id)
        w.string("account_id", o.accountID)
        w.string("agent_id", o.agentID)
        w.string("visited_at", o.visitedAt.text)
        w.string("code", o.code.rawValue)
        w.string("contact", o.contact?.rawValue)
        if let p = o.promise {
            var pw = JSONWriter()
            pw.raw("amount", p.amount.decimalText)
            pw.string("date", p.date.description)
            w.raw("promise", pw.finish())
        }
        if let c = o.collected {
            var cw = JSONWriter()
            cw.raw("amount", c.amount.decimalText)
            cw.string("receipt", c.receipt)
            w.raw("collected", cw.finish())
        }
        if let l = o.location {
            var lw = JSONWriter()
            lw.double("lat", l.coordinate.lat)
            lw.double("lon", l.coordinate.lon)
            lw.double("accuracy_m", l.accuracyMetres)
            w.raw("location", lw.finish())
        }
        w.string("notes", o.notes)
        if let n = o.nextVisit {
            if let window = n.window {
                var nw = JSONWriter()
                nw.string("date", n.date.description)
                nw.string("from", window.from.description)
                nw.string("to", window.to.description)
                w.raw("next_visit", nw.finish())
            } else {
                w.string("next_visit", n.date.description)
            }
        }
        return w.finish()
    }

    public static func payment(_ p: Payment) -> String {
        var w = JSONWriter()
        w.string("kind", "payment")
        w.string("id", p.id)
        w.string("account_id", p.accountID)
        w.raw("amount", p.amount.decimalText)
        w.string("paid_at", p.paidAt.text)
        w.string("reference", p.reference)
        w.string("channel", p.channel)
        return w.finish()
    }

    public static func zone(_ z: Zone) -> String {
        var w = JSONWriter()
        w.string("kind", "zone")
        w.string("id", z.id)
        w.string("name", z.name)
        w.string("agent_id", z.agentID)
        return w.finish()
    }

    static func window(_ t: TimeWindow) -> String {
        var w = JSONWriter()
        w.string("from", t.from.description)
        w.string("to", t.to.description)
        return w.finish()
    }

    static func coordinate(_ c: Coordinate) -> String {
        var w = JSONWriter()
        w.double("lat", c.lat)
        w.double("lon", c.lon)
        return w.finish()
    }
}
