import FieldPlanCore
import FieldPlanInterchange

/// The lines of an agent's day packet and of a simulated field day, made from rows already
/// read: the store engines read their rows their own way and write the lines here, so both
/// give the same bytes.
extension FieldPlanStore {
    /// The latest outcome of an account, as a packet's `last_outcome` shows it.
    public struct LastOutcome: Sendable {
        public var code: String
        public var visitedAt: String
        public var agentID: String
        public init(code: String, visitedAt: String, agentID: String) {
            self.code = code
            self.visitedAt = visitedAt
            self.agentID = agentID
        }
    }

    /// The pending promise of an account, as a packet's `promise` shows it.
    public struct PendingPromise: Sendable {
        public var amount: Int64
        public var dueDate: String
        public var paid: Int64
        public init(amount: Int64, dueDate: String, paid: Int64) {
            self.amount = amount
            self.dueDate = dueDate
            self.paid = paid
        }
    }

    /// `{kind:"packet", …}`: the packet's first line.
    public static func packetHeader(agent: String, date: CivilDate, created: Instant, version: Int) -> String {
        var header = JSONWriter()
        header.string("kind", "packet")
        header.string("agent_id", agent)
        header.string("date", date.description)
        header.string("created_at", created.text)
        header.int("plan_version", version)
        return header.finish()
    }

    /// The first reason each account of the visit lines is visited for, in visit order: the
    /// accounts a packet carries a `debtor` line for.
    public static func packetReasons(_ visits: [(accountID: String?, line: String)]) -> [(account: String, reason: String)] {
        var reasons: [(account: String, reason: String)] = []
        for (account, line) in visits {
            guard let account else { continue }
            var reason = "priority"
            if case .object(let o)? = try? JSONParser.parse(line), case .string(let r)? = o["reason"] { reason = r }
            if !reasons.contains(where: { $0.account == account }) { reasons.append((account, reason)) }
        }
        return reasons
    }

    /// `{kind:"debtor", …}`: one visited account as the agent may see it (the phone masked by
    /// the visit's reason, never the national id).
    public static func debtorLine(_ a: Account, reason: String, lastOutcome: LastOutcome?, promise: PendingPromise?) -> String {
        var w = JSONWriter()
        w.string("kind", "debtor")
        w.string("id", a.id)
        w.string("client", a.client)
        w.string("debtor_name", a.debtorName)
        w.string("address", a.address)
        w.double("lat", a.location?.lat)
        w.double("lon", a.location?.lon)
        w.raw("balance", a.balance.decimalText)
        w.string("currency", a.currency)
        w.int("days_past_due", a.daysPastDue)
        w.string("status", a.status?.rawValue)
        w.string("phone", Masking.phoneForAgent(a.phone, reason: reason))
        w.string("reason", reason)
        if let last = lastOutcome {
            var o = JSONWriter()
            o.string("code", last.code)
            o.string("visited_at", last.visitedAt)
            o.string("agent_id", last.agentID)
            w.raw("last_outcome", o.finish())
        }
        if let p = promise {
            var o = JSONWriter()
            o.raw("amount", Money(minorUnits: p.amount).decimalText)
            o.string("date", p.dueDate)
            o.raw("paid", Money(minorUnits: p.paid).decimalText)
            w.raw("promise", o.finish())
        }
        w.string("notes", a.notes)
        return w.finish()
    }

    /// One agent's simulated outcomes (`simulateFieldDay`) from the agent's planned visits,
    /// in visit order: (account, visit line, the account's balance in minor units).
    public static func simulatedLines(date: CivilDate, seed: UInt64, until: Int?, agent: String,
                                      visits: [(accountID: String, line: String, balance: Int64)], visitDays: [Weekday]) -> [String] {
        var lines: [String] = []
        for v in visits {
            guard case .object(let o)? = try? JSONParser.parse(v.line), case .string(let eta)? = o["eta"],
                  let arrival = Instant(eta) else { continue }
            if let until, case .string(let etd)? = o["etd"], let end = Instant(etd),
               end.epochSeconds - Int64(date.dayNumber) * 86_400 + Int64(end.offsetSeconds) > Int64(until) { continue }
            let visited = Instant(date: date, secondsOfDay: Int(arrival.epochSeconds + Int64(arrival.offsetSeconds) - Int64(date.dayNumber) * 86_400) + 120,
                                  offsetSeconds: arrival.offsetSeconds)
            let balance = Money(minorUnits: v.balance)
            // One generator per visit, seeded by the visit: another day, agent or account
            // never reuses an outcome id, and the same visit always gets the same one.
            var h = FNV1a(seed: seed)
            h.combine("\(date)|\(agent)|\(v.accountID)")
            var rng = SeededGenerator(seed: h.value)
            lines.append(RecordEncoder.outcome(simulatedOutcome(account: v.accountID, agent: agent, at: visited,
                                                                balance: balance, visitDays: visitDays, rng: &rng)))
        }
        return lines
    }
}

extension FieldPlanStore.SyncError {
    public init(_ message: String) { self.init(message: message) }
}
