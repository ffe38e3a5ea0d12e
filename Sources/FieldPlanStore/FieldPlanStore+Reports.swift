import FieldPlanCore
import FieldPlanInterchange
import FieldPlanReports
import GRDB

extension FieldPlanStore {
    /// Gathers the facts of the local dates `from`…`to` for a report (SPEC §7), in one read
    /// transaction so that every figure comes from the same moment of the store. Nothing is
    /// computed here: `ReportBuilder` does that, and may cut several periods out of one
    /// gathering (the monthly report reads this month and the previous one at once).
    ///
    /// Each table is read once: moments a day wider on each side (daylight saving moves
    /// midnight; the builder keeps exactly the period's local dates), visits before the period
    /// only when they may earn one of its payments (right-party or PTP, within
    /// `attributionDays`), and the receipts only of the field collections that a payment of
    /// the period posts.
    /// - Parameters:
    ///   - accountDetails: also read each named account's zone, client and days past due (for
    ///     rows by zone or client, and the monthly buckets); by agent a report needs none.
    ///   - portfolio: also read the portfolio by days past due (the monthly report).
    ///   - attributionDays: how far before a payment a visit may earn it.
    /// - Complexity: one scan of the outcomes and of the payments, an index lookup per
    ///   payment with a reference, per promise due and, with `accountDetails`, per account
    ///   named; with `portfolio` one aggregate over every account.
    public func reportFacts(from: CivilDate, to: CivilDate, accountDetails: Bool = true, portfolio: Bool = false,
                            attributionDays: Int = 30) throws -> ReportFacts {
        let start = Int64(from.dayNumber - 1) * 86_400
        let end = Int64(to.dayNumber + 2) * 86_400
        let earliest = start - Int64(attributionDays) * 86_400
        return try writer.read { db in
            var facts = ReportFacts(from: from, to: to, attributionDays: attributionDays)
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM agent") { facts.agents[row[0]] = row[1] }
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM zone") { facts.zones[row[0]] = .some(row[1]) }
            var named = Set<String>()

            // The latest version of each day's plan: the one sheets and packets carry.
            let plans = try Row.fetchAll(db, sql: """
                SELECT p.id, p.date FROM plan p
                WHERE p.date BETWEEN ? AND ? AND p.version = (SELECT MAX(version) FROM plan WHERE date = p.date)
                ORDER BY p.date
                """, arguments: [from.description, to.description])
            for plan in plans {
                let planID: Int64 = plan[0]
                guard let date = CivilDate(plan[1] as String) else { continue }
                var routes: [String: ReportFacts.PlannedRoute] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT agent_id, json_extract(line, '$.travel_km') FROM plan_route WHERE plan_id = ?",
                                            arguments: [planID]) {
                    routes[row[0]] = .init(date: date, agentID: row[0], travelMetres: Self.metres(row[1]), stops: [])
                }
                let visits = try Row.fetchCursor(db, sql: """
                    SELECT agent_id, account_id, json_extract(line, '$.travel_km') FROM plan_visit
                    WHERE plan_id = ? AND account_id IS NOT NULL ORDER BY agent_id, seq
                    """, arguments: [planID])
                while let row = try visits.next() {
                    let agent: String = row[0], account: String = row[1]
                    routes[agent, default: .init(date: date, agentID: agent, travelMetres: 0, stops: [])].stops.append((account, Self.metres(row[2])))
                    named.insert(account)
                }
                facts.routes += routes.keys.sorted().map { routes[$0]! }
            }

            let payments = try Row.fetchCursor(db, sql: """
                SELECT account_id, paid_epoch, amount, reference FROM payment WHERE paid_epoch >= ? AND paid_epoch < ?
                """, arguments: [start, end])
            var paying = Set<String>()
            while let row = try payments.next() {
                let p = ReportFacts.PostedPayment(accountID: row[0], paidEpoch: row[1], amountMinor: row[2], reference: row[3])
                facts.payments.append(p)
                paying.insert(p.accountID)
            }
            named.formUnion(paying)

            let outcomes = try Row.fetchCursor(db, sql: """
                SELECT account_id, agent_id, visited_epoch, code, contact, promise_amount, collected_amount, collected_receipt
                FROM outcome
                WHERE (visited_epoch >= ?2 AND visited_epoch < ?3)
                   OR (visited_epoch >= ?1 AND visited_epoch < ?2 AND (contact = 'debtor' OR code = 'PTP'))
                """, arguments: [earliest, start, end])
            while let row = try outcomes.next() {
                let epoch: Int64 = row[2], account: String = row[0]
                // A visit before the period matters only if it may earn one of its payments.
                if epoch < start && !paying.contains(account) { continue }
                guard let code = OutcomeCode(rawValue: row[3]) else { continue }
                facts.outcomes.append(.init(accountID: account, agentID: row[1], visitedEpoch: epoch, code: code,
                                            contact: (row[4] as String?).flatMap(ContactType.init(rawValue:)),
                                            promiseMinor: row[5], collectedMinor: row[6], receipt: row[7]))
                if epoch >= start { named.insert(account) }
            }

            // The field collections that a payment of the period posts, whenever they happened.
            let receipts = try Row.fetchCursor(db, sql: """
                SELECT DISTINCT o.account_id, o.collected_receipt
                FROM payment p CROSS JOIN outcome o ON o.account_id = p.account_id AND o.collected_receipt = p.reference
                WHERE p.paid_epoch >= ? AND p.paid_epoch < ? AND p.reference IS NOT NULL
                """, arguments: [start, end])
            while let row = try receipts.next() { facts.receipts.insert(AccountReceipt(accountID: row[0], receipt: row[1])) }

            let promises = try Row.fetchCursor(db, sql: """
                SELECT p.account_id, o.agent_id, p.due_date, p.amount, p.paid, p.state
                FROM promise p JOIN outcome o ON o.id = p.outcome_id
                WHERE p.state IN ('pending', 'kept', 'broken', 'cancelled') AND p.due_date BETWEEN ? AND ?
                """, arguments: [from.description, to.description])
            while let row = try promises.next() {
                guard let due = CivilDate(row[2] as String), let state = ReportFacts.PromiseDue.State(rawValue: row[5]) else { continue }
                let p = ReportFacts.PromiseDue(accountID: row[0], agentID: row[1], due: due, amountMinor: row[3], paidMinor: row[4], state: state)
                facts.promises.append(p)
                named.insert(p.accountID)
            }

            if accountDetails {
                // A chunk of ids a statement, walked through the account's primary key in order.
                let ids = named.sorted()
                let chunk = 4_096
                for first in stride(from: 0, to: ids.count, by: chunk) {
                    var list = "["
                    for (n, id) in ids[first..<min(first + chunk, ids.count)].enumerated() {
                        if n > 0 { list += "," }
                        JSONWriter.appendQuoted(id, to: &list)
                    }
                    list += "]"
                    let rows = try Row.fetchCursor(db, sql: """
                        SELECT r.id, r.zone_id, r.client, r.days_past_due FROM json_each(?) j CROSS JOIN account_record r ON r.id = j.value
                        """, arguments: [list])
                    while let row = try rows.next() { facts.accounts[row[0]] = .init(zoneID: row[1], client: row[2], daysPastDue: row[3]) }
                }
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
