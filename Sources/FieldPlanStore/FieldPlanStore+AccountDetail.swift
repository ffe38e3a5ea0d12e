import FieldPlanCore
import FieldPlanInterchange
import GRDB

extension FieldPlanStore {
    /// The account `id` with its history and audit, in one read; nil when there is no such
    /// account. The national id is removed here, before anything can print it.
    ///
    /// - Parameter now: seconds since 1970, which decides whether a pending promise has
    ///   passed its date (default: the system clock).
    /// - Complexity: indexed reads of the account's facts and audit; the planned visits scan
    ///   `plan_visit`, which has no index by account (a few milliseconds per thousand stored stops).
    public func accountDetail(id: String, now: Int64? = nil) throws -> AccountDetail? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM account WHERE id = ?"), arguments: [id]) else { return nil }
            var account = row.account
            account.nationalID = nil
            let settings = try Self.settings(db)
            let clock = Self.clock(timeZone: settings.timeZone)
            let today = clock.localDate(now ?? Self.now())
            func origin(_ r: Row) -> String? {
                guard let source: String = r["source"] else { return nil }
                return (r["source_line"] as Int?).map { "\(source):\($0)" } ?? source
            }

            var zoneName: String?, agentID: String?, agentName: String?
            if let zoneID = account.zoneID,
               let zone = try Row.fetchOne(db.cachedStatement(sql: "SELECT z.name, z.agent_id, a.name AS agent_name FROM zone z LEFT JOIN agent a ON a.id = z.agent_id WHERE z.id = ?"),
                                           arguments: [zoneID]) {
                zoneName = zone["name"]
                agentID = zone["agent_id"]
                agentName = zone["agent_name"]
            }

            let outcomes = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM outcome WHERE account_id = ? ORDER BY visited_epoch, id"), arguments: [id]).map { r in
                var next: String?
                if let date: String = r["next_visit_date"] {
                    let from: String? = r["next_visit_from"], to: String? = r["next_visit_to"]
                    next = from.map { "\(date) \($0)-\(to ?? "")" } ?? date
                }
                return AccountDetail.OutcomeEntry(
                    id: r["id"], visitedAt: clock.instant(r["visited_epoch"]), agentID: r["agent_id"], code: r["code"], contact: r["contact"],
                    promiseAmount: (r["promise_amount"] as Int64?).map(Money.init(minorUnits:)), promiseDate: r["promise_date"],
                    collected: (r["collected_amount"] as Int64?).map(Money.init(minorUnits:)), receipt: r["collected_receipt"],
                    notes: r["notes"], nextVisit: next, flagged: r["flagged"], origin: origin(r))
            }
            let payments = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM payment WHERE account_id = ? ORDER BY paid_epoch, id"), arguments: [id]).map { r in
                AccountDetail.PaymentEntry(id: r["id"], paidAt: clock.instant(r["paid_epoch"]), amount: Money(minorUnits: r["amount"]),
                                           reference: r["reference"], channel: r["channel"], origin: origin(r))
            }
            let promises = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM promise WHERE account_id = ? ORDER BY due_date, id"), arguments: [id]).map { r in
                let amount: Int64 = r["amount"], paid: Int64 = r["paid"]
                return AccountDetail.PromiseEntry(
                    outcomeID: r["outcome_id"], madeAt: r["made_at"], amount: Money(minorUnits: amount), due: r["due_date"],
                    state: PromiseState.shown(stored: r["state"], partial: r["partial"], due: r["due_date"], paid: paid, amount: amount, today: today),
                    paid: Money(minorUnits: paid))
            }
            let appointments = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM appointment WHERE account_id = ? ORDER BY date, from_time, id"), arguments: [id]).map { r in
                AccountDetail.AppointmentEntry(id: r["id"], date: r["date"], from: r["from_time"], to: r["to_time"], agentID: r["agent_id"],
                                               kind: (r["outcome_id"] as String?) == nil ? "appointment" : "callback")
            }
            let planned = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT p.date, p.version, v.agent_id, v.line FROM plan_visit v JOIN plan p ON p.id = v.plan_id
                WHERE v.account_id = ? AND p.version = (SELECT MAX(version) FROM plan WHERE date = p.date)
                ORDER BY p.date, v.agent_id
                """), arguments: [id]).map { r in
                var entry = AccountDetail.PlannedVisitEntry(date: r["date"], version: r["version"], agentID: r["agent_id"])
                if case .object(let o)? = try? JSONParser.parse(r["line"] as String) {
                    if case .number(let n)? = o["seq"] { entry.seq = Int(n) }
                    if case .string(let eta)? = o["eta"], eta.count >= 16 { entry.eta = String(eta.dropFirst(11).prefix(5)) }
                    if case .string(let reason)? = o["reason"] { entry.reason = reason }
                }
                return entry
            }
            let audit = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM audit WHERE account_id = ? ORDER BY id"), arguments: [id]).map { r in
                let line: Int? = r["line"], source: String? = r["source"]
                let kind: String? = r["fact_kind"], factID: String? = r["fact_id"]
                return AccountDetail.AuditLine(at: clock.instant(r["at"]), field: r["field"], old: r["old"], new: r["new"], actor: r["actor"],
                                               fact: kind.map { k in factID.map { "\(k) \($0)" } ?? k },
                                               origin: source.map { s in line.map { "\(s):\($0)" } ?? s })
            }
            return AccountDetail(account: account, currency: account.currency ?? settings.currency, holdUntil: row["hold_until"], zoneName: zoneName, agentID: agentID, agentName: agentName,
                                 outcomes: outcomes, payments: payments, promises: promises, appointments: appointments,
                                 plannedVisits: planned, audit: audit)
        }
    }
}
