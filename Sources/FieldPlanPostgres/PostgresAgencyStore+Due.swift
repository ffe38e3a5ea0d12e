import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import PostgresNIO

extension PostgresAgencyStore {
    /// The promises `filter` selects (`FieldPlanStore.promises`), with their shown state
    /// (`PromiseState`), in one read with SQLite's query and order.
    public func promises(_ filter: PromiseList.Filter, now: Int64?) throws -> PromiseList {
        let settings = try self.settings()
        let today = FieldPlanStore.clock(timeZone: settings.timeZone).localDate(now ?? Self.now())
        let items = try read { connection in
            var clauses: [String] = []
            var binds = PostgresBindings()
            if let from = filter.from { binds.append(from.description); clauses.append("p.due_date >= $\(binds.count)") }
            if let to = filter.to { binds.append(to.description); clauses.append("p.due_date <= $\(binds.count)") }
            if let agent = filter.agentID { binds.append(agent); clauses.append("z.agent_id = $\(binds.count)") }
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            var items: [PromiseList.Item] = []
            for row in try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT p.due_date, p.account_id, a.debtor_name, a.client, a.currency, p.amount, p.paid, p.state, p.partial, p.made_at,
                       o.agent_id, p.outcome_id, a.zone_id, z.agent_id, a.balance
                FROM promise p JOIN account a ON a.id = p.account_id
                LEFT JOIN zone z ON z.id = a.zone_id
                LEFT JOIN outcome o ON o.id = p.outcome_id
                \(whereSQL) ORDER BY p.due_date, p.account_id, p.id
                """, binds: binds), logger: self.logger).collect() {
                var c = PostgresColumns(row)
                let due = try c.text() ?? "", account = try c.text() ?? "", debtor = try c.text() ?? "", client = try c.text() ?? ""
                let currency = try c.text(), amount = try c.int64() ?? 0, paid = try c.int64() ?? 0, stored = try c.text() ?? ""
                let partial = (try c.int64() ?? 0) != 0, madeAt = try c.text(), takenBy = try c.text(), outcome = try c.text() ?? ""
                let zone = try c.text(), agent = try c.text(), balance = try c.int64() ?? 0
                let state = PromiseState.shown(stored: stored, partial: partial, due: due, paid: paid, amount: amount, today: today)
                if let wanted = filter.state, wanted != state { continue }
                items.append(PromiseList.Item(
                    due: due, accountID: account, debtorName: debtor, client: client, currency: currency ?? settings.currency,
                    amount: Money(minorUnits: amount), paid: Money(minorUnits: paid), state: state, madeAt: madeAt, takenBy: takenBy,
                    outcomeID: outcome, zoneID: zone, agentID: agent, balance: Money(minorUnits: balance)))
            }
            return items
        }
        return PromiseList(items: items)
    }

    /// The appointments and call-backs of `date` (`FieldPlanStore.callbacks`), each with what
    /// the day's latest plan made of it, in one read-only transaction.
    public func callbacks(date: CivilDate) throws -> CallbackList {
        let settings = try self.settings()
        let day = date.description
        let (items, version) = try write(readOnly: true) { connection -> ([CallbackList.Item], Int?) in
            let logger = self.logger
            var planned: [String: String] = [:]
            var unplanned: [String: String] = [:]
            var version: Int?
            if let plan = try await connection.query("SELECT id, version FROM plan WHERE date = \(day) ORDER BY version DESC LIMIT 1",
                                                     logger: logger).collect().first {
                let (planID, v) = try plan.decode((Int64, Int64).self)
                version = Int(v)
                for row in try await connection.query("""
                    SELECT agent_id, account_id, line FROM plan_visit WHERE plan_id = \(planID) AND account_id IS NOT NULL
                    """, logger: logger).collect() {
                    let (agent, account, line) = try row.decode((String, String, String).self)
                    var text = agent
                    if case .object(let o)? = try? JSONParser.parse(line) {
                        if case .number(let n)? = o["seq"] { text += " #\(n)" }
                        if case .string(let eta)? = o["eta"], eta.count >= 16 { text += " " + eta.dropFirst(11).prefix(5) }
                    }
                    planned[account] = text
                }
                for row in try await connection.query("SELECT account_id, reason FROM plan_unplanned WHERE plan_id = \(planID)",
                                                      logger: logger).collect() {
                    let (account, reason) = try row.decode((String, String).self)
                    unplanned[account] = reason
                }
            }
            var items: [CallbackList.Item] = []
            for row in try await connection.query("""
                SELECT ap.date, ap.from_time, ap.to_time, ap.outcome_id, ap.id, ap.account_id, a.debtor_name, a.client, a.phone, a.currency,
                       a.balance, a.status, a.zone_id, ap.agent_id, z.agent_id, o.notes
                FROM appointment ap JOIN account a ON a.id = ap.account_id
                LEFT JOIN zone z ON z.id = a.zone_id
                LEFT JOIN outcome o ON o.id = ap.outcome_id
                WHERE ap.date = \(day) ORDER BY ap.from_time, ap.to_time, ap.account_id, ap.id
                """, logger: logger).collect() {
                var c = PostgresColumns(row)
                let date = try c.text() ?? "", from = try c.text() ?? "", to = try c.text() ?? "", outcome = try c.text()
                let id = try c.text() ?? "", account = try c.text() ?? "", debtor = try c.text() ?? "", client = try c.text() ?? ""
                let phone = try c.text(), currency = try c.text(), balance = try c.int64() ?? 0, status = try c.text() ?? "open"
                let zone = try c.text(), ownAgent = try c.text(), zoneAgent = try c.text(), notes = try c.text()
                items.append(CallbackList.Item(
                    date: date, from: from, to: to, kind: outcome == nil ? "appointment" : "callback", appointmentID: id,
                    accountID: account, debtorName: debtor, client: client, phone: phone, currency: currency ?? settings.currency,
                    balance: Money(minorUnits: balance), status: status, zoneID: zone, agentID: ownAgent ?? zoneAgent, notes: notes,
                    planned: planned[account], unplannedReason: unplanned[account]))
            }
            return (items, version)
        }
        return CallbackList(date: date, items: items, planVersion: version)
    }
}
