import FieldPlanCore
import FieldPlanInterchange
import GRDB

extension FieldPlanStore {
    /// The agency's date at `now` (default: the system clock), in the settings' time zone:
    /// what "today" means for the due lists.
    public func agencyToday(now: Int64? = nil) throws -> CivilDate {
        try clock().localDate(now ?? Self.now())
    }

    /// The promises that `filter` selects, in one read, with their shown state
    /// (`PromiseState`: a pending promise past its date shows as broken or partial).
    /// - Parameter now: decides which promises have passed their date.
    /// - Complexity: the `promise_due` index when the filter names a state; else a scan of the
    ///   promises in the date range.
    public func promises(_ filter: PromiseList.Filter, now: Int64? = nil) throws -> PromiseList {
        try writer.read { db in
            let settings = try Self.settings(db)
            let today = Self.clock(timeZone: settings.timeZone).localDate(now ?? Self.now())
            var clauses: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let from = filter.from { clauses.append("p.due_date >= ?"); arguments.append(from.description) }
            if let to = filter.to { clauses.append("p.due_date <= ?"); arguments.append(to.description) }
            if let agent = filter.agentID { clauses.append("z.agent_id = ?"); arguments.append(agent) }
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let rows = try Row.fetchAll(db, sql: """
                SELECT p.*, a.debtor_name, a.client, a.currency, a.balance, a.zone_id, z.agent_id AS zone_agent, o.agent_id AS taken_by
                FROM promise p JOIN account a ON a.id = p.account_id
                LEFT JOIN zone z ON z.id = a.zone_id
                LEFT JOIN outcome o ON o.id = p.outcome_id
                \(whereSQL) ORDER BY p.due_date, p.account_id, p.id
                """, arguments: StatementArguments(arguments))
            var items: [PromiseList.Item] = []
            for r in rows {
                let amount: Int64 = r["amount"], paid: Int64 = r["paid"]
                let state = PromiseState.shown(stored: r["state"], partial: r["partial"], due: r["due_date"], paid: paid, amount: amount, today: today)
                if let wanted = filter.state, wanted != state { continue }
                items.append(PromiseList.Item(
                    due: r["due_date"], accountID: r["account_id"], debtorName: r["debtor_name"], client: r["client"],
                    currency: r["currency"] ?? settings.currency, amount: Money(minorUnits: amount), paid: Money(minorUnits: paid),
                    state: state, madeAt: r["made_at"], takenBy: r["taken_by"], outcomeID: r["outcome_id"], zoneID: r["zone_id"],
                    agentID: r["zone_agent"], balance: Money(minorUnits: r["balance"])))
            }
            return PromiseList(items: items)
        }
    }

    /// The appointments and call-backs booked for `date`, in one read, each with what the
    /// day's latest plan made of it.
    /// - Complexity: the `appointment_date` index, and one read of the day's latest plan.
    public func callbacks(date: CivilDate) throws -> CallbackList {
        try writer.read { db in
            let settings = try Self.settings(db)
            let plan = try Row.fetchOne(db, sql: "SELECT id, version FROM plan WHERE date = ? ORDER BY version DESC LIMIT 1", arguments: [date.description])
            var planned: [String: String] = [:]
            var unplanned: [String: String] = [:]
            if let plan {
                let planID: Int64 = plan["id"]
                for r in try Row.fetchAll(db, sql: "SELECT agent_id, account_id, line FROM plan_visit WHERE plan_id = ? AND account_id IS NOT NULL",
                                          arguments: [planID]) {
                    var text: String = r["agent_id"]
                    if case .object(let o)? = try? JSONParser.parse(r["line"] as String) {
                        if case .number(let n)? = o["seq"] { text += " #\(n)" }
                        if case .string(let eta)? = o["eta"], eta.count >= 16 { text += " " + eta.dropFirst(11).prefix(5) }
                    }
                    planned[r["account_id"]] = text
                }
                for r in try Row.fetchAll(db, sql: "SELECT account_id, reason FROM plan_unplanned WHERE plan_id = ?", arguments: [planID]) {
                    unplanned[r["account_id"]] = r["reason"]
                }
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT ap.*, a.debtor_name, a.client, a.phone, a.currency, a.balance, a.status, a.zone_id, z.agent_id AS zone_agent, o.notes
                FROM appointment ap JOIN account a ON a.id = ap.account_id
                LEFT JOIN zone z ON z.id = a.zone_id
                LEFT JOIN outcome o ON o.id = ap.outcome_id
                WHERE ap.date = ? ORDER BY ap.from_time, ap.to_time, ap.account_id, ap.id
                """, arguments: [date.description])
            let items = rows.map { r in
                let account: String = r["account_id"]
                return CallbackList.Item(
                    date: r["date"], from: r["from_time"], to: r["to_time"],
                    kind: (r["outcome_id"] as String?) == nil ? "appointment" : "callback", appointmentID: r["id"], accountID: account,
                    debtorName: r["debtor_name"], client: r["client"], phone: r["phone"], currency: r["currency"] ?? settings.currency,
                    balance: Money(minorUnits: r["balance"]), status: r["status"], zoneID: r["zone_id"],
                    agentID: r["agent_id"] ?? r["zone_agent"], notes: r["notes"], planned: planned[account], unplannedReason: unplanned[account])
            }
            return CallbackList(date: date, items: items, planVersion: plan.map { $0["version"] })
        }
    }
}
