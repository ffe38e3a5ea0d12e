import FieldPlanCore
import FieldPlanReports
import GRDB

extension FieldPlanStore {
    /// Gathers the facts of the local dates `from`…`to` for a report (SPEC §7), in one read
    /// transaction so that every figure comes from the same moment of the store. Nothing is
    /// computed here: `ReportBuilder` does that.
    ///
    /// Moments are read a day wider on each side (time zones with daylight saving move
    /// midnight); the builder keeps exactly the period's local dates.
    /// - Parameters:
    ///   - portfolio: also read the portfolio by days past due (the monthly report).
    ///   - attributionDays: how far before a payment a visit may earn it.
    /// - Complexity: one pass over the period's outcomes, payments, promises and plans, and
    ///   with `portfolio` one aggregate over every account.
    public func reportFacts(from: CivilDate, to: CivilDate, portfolio: Bool = false, attributionDays: Int = 30) throws -> ReportFacts {
        let start = Int64(from.dayNumber - 1) * 86_400
        let end = Int64(to.dayNumber + 2) * 86_400
        let earliest = start - Int64(attributionDays) * 86_400
        return try writer.read { db in
            var facts = ReportFacts(from: from, to: to, attributionDays: attributionDays)
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM agent") { facts.agents[row[0]] = row[1] }
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM zone") { facts.zones[row[0]] = .some(row[1]) }

            func noteAccount(_ row: Row, from column: Int) {
                let id: String = row[column]
                if facts.accounts[id] != nil { return }
                guard let client: String = row[column + 2] else { return }
                facts.accounts[id] = .init(zoneID: row[column + 1], client: client, daysPastDue: row[column + 3])
            }
            let accountColumns = "r.id, r.zone_id, r.client, r.days_past_due"

            // The latest version of each day's plan: the one sheets and packets carry.
            let plans = try Row.fetchAll(db, sql: """
                SELECT p.id, p.date FROM plan p
                WHERE p.date BETWEEN ? AND ? AND p.version = (SELECT MAX(version) FROM plan WHERE date = p.date)
                """, arguments: [from.description, to.description])
            for plan in plans {
                let planID: Int64 = plan[0]
                guard let date = CivilDate(plan[1] as String) else { continue }
                var routes: [String: ReportFacts.PlannedRoute] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT agent_id, json_extract(line, '$.travel_km') FROM plan_route WHERE plan_id = ? ORDER BY agent_id",
                                            arguments: [planID]) {
                    routes[row[0]] = .init(date: date, agentID: row[0], travelMetres: Self.metres(row[1]), stops: [])
                }
                let visits = try Row.fetchCursor(db, sql: """
                    SELECT v.agent_id, json_extract(v.line, '$.travel_km'), \(accountColumns)
                    FROM plan_visit v LEFT JOIN account_record r ON r.id = v.account_id
                    WHERE v.plan_id = ? AND v.account_id IS NOT NULL ORDER BY v.agent_id, v.seq
                    """, arguments: [planID])
                while let row = try visits.next() {
                    let agent: String = row[0]
                    guard let account: String = row[2] else { continue }
                    routes[agent, default: .init(date: date, agentID: agent, travelMetres: 0, stops: [])].stops
                        .append((account, Self.metres(row[1])))
                    noteAccount(row, from: 2)
                }
                facts.routes += routes.keys.sorted().map { routes[$0]! }
            }

            let outcomeColumns = "o.account_id, o.agent_id, o.visited_epoch, o.code, o.contact, o.promise_amount, o.collected_amount, o.collected_receipt"
            func readOutcomes(_ sql: String, _ arguments: StatementArguments) throws {
                let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try rows.next() {
                    guard let code = OutcomeCode(rawValue: row[3]) else { continue }
                    facts.outcomes.append(.init(accountID: row[0], agentID: row[1], visitedEpoch: row[2], code: code,
                                                contact: (row[4] as String?).flatMap(ContactType.init(rawValue:)),
                                                promiseMinor: row[5], collectedMinor: row[6], receipt: row[7]))
                    noteAccount(row, from: 8)
                }
            }
            try readOutcomes("""
                SELECT \(outcomeColumns), \(accountColumns) FROM outcome o LEFT JOIN account_record r ON r.id = o.account_id
                WHERE o.visited_epoch >= ? AND o.visited_epoch < ?
                """, [start, end])
            // Visits before the period that may have earned one of its payments.
            try readOutcomes("""
                SELECT \(outcomeColumns), \(accountColumns) FROM outcome o LEFT JOIN account_record r ON r.id = o.account_id
                WHERE o.visited_epoch >= ? AND o.visited_epoch < ? AND (o.contact = 'debtor' OR o.code = 'PTP')
                  AND o.account_id IN (SELECT account_id FROM payment WHERE paid_epoch >= ? AND paid_epoch < ?)
                """, [earliest, start, start, end])

            let payments = try Row.fetchCursor(db, sql: """
                SELECT p.account_id, p.paid_epoch, p.amount, p.reference, \(accountColumns)
                FROM payment p LEFT JOIN account_record r ON r.id = p.account_id
                WHERE p.paid_epoch >= ? AND p.paid_epoch < ?
                """, arguments: [start, end])
            while let row = try payments.next() {
                facts.payments.append(.init(accountID: row[0], paidEpoch: row[1], amountMinor: row[2], reference: row[3]))
                noteAccount(row, from: 4)
            }
            let receipts = try Row.fetchCursor(db, sql: """
                SELECT account_id, collected_receipt FROM outcome
                WHERE collected_receipt IS NOT NULL
                  AND account_id IN (SELECT account_id FROM payment WHERE paid_epoch >= ? AND paid_epoch < ? AND reference IS NOT NULL)
                """, arguments: [start, end])
            while let row = try receipts.next() { facts.receipts.insert(AccountReceipt(accountID: row[0], receipt: row[1])) }

            let promises = try Row.fetchCursor(db, sql: """
                SELECT p.account_id, o.agent_id, p.due_date, p.amount, p.paid, p.state, \(accountColumns)
                FROM promise p JOIN outcome o ON o.id = p.outcome_id LEFT JOIN account_record r ON r.id = p.account_id
                WHERE p.state IN ('pending', 'kept', 'broken', 'cancelled') AND p.due_date BETWEEN ? AND ?
                """, arguments: [from.description, to.description])
            while let row = try promises.next() {
                guard let due = CivilDate(row[2] as String), let state = ReportFacts.PromiseDue.State(rawValue: row[5]) else { continue }
                facts.promises.append(.init(accountID: row[0], agentID: row[1], due: due, amountMinor: row[3], paidMinor: row[4], state: state))
                noteAccount(row, from: 6)
            }

            if portfolio {
                // The working portfolio: every account not paid or closed, as it stands now.
                for row in try Row.fetchAll(db, sql: """
                    SELECT r.days_past_due, COUNT(*), SUM(IFNULL(s.balance, r.balance))
                    FROM account_record r LEFT JOIN account_state s ON s.account_id = r.id
                    WHERE IFNULL(s.status, r.status) NOT IN ('paid', 'closed')
                    GROUP BY r.days_past_due ORDER BY r.days_past_due
                    """) {
                    facts.portfolio.append(.init(daysPastDue: row[0], accounts: row[1], balanceMinor: row[2]))
                }
            }
            return facts
        }
    }

    /// A stored `travel_km` (3 decimals) back in whole metres.
    private static func metres(_ km: Double?) -> Int { Int(((km ?? 0) * 1000).rounded()) }
}
