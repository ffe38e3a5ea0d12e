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
    ///   - accountDetails: also read the zone, client and days past due of each account that a
    ///     fact from `detailsFrom` on names (for rows by zone or client, and the monthly
    ///     buckets); by agent a report needs none, and the month before a monthly report only
    ///     its total.
    ///   - portfolio: also read the portfolio by days past due (the monthly report).
    ///   - attributionDays: how far before a payment a visit may earn it.
    /// - Complexity: one scan of the outcomes and of the payments, an index lookup per
    ///   payment with a reference, per promise due and, with `accountDetails`, per account
    ///   named; with `portfolio` one aggregate over every account.
    public func reportFacts(from: CivilDate, to: CivilDate, accountDetails: Bool = true, detailsFrom: CivilDate? = nil,
                            portfolio: Bool = false, attributionDays: Int = 30) throws -> ReportFacts {
        let detailsDay = detailsFrom ?? from
        let detailsStart = Int64(detailsDay.dayNumber - 1) * 86_400
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
                    if accountDetails && date >= detailsDay { named.insert(account) }
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
                if accountDetails && p.paidEpoch >= detailsStart { named.insert(p.accountID) }
            }

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
                if accountDetails && epoch >= detailsStart { named.insert(account) }
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
                if accountDetails && due >= detailsDay { named.insert(p.accountID) }
            }

            if accountDetails {
                // A chunk of ids a statement, walked through the account's primary key in order.
                let ids = named.sorted()
                facts.accounts.reserveCapacity(ids.count)
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

            if portfolio { facts.portfolio = try Self.portfolio(db) }
            return facts
        }
    }

    /// The working portfolio as it stands now: every account not paid or closed, counted and
    /// summed by days past due. An account's status and balance are its derived state where
    /// facts moved it, else its client record; rather than join every account to its state
    /// (a lookup per account), the records are summed in one scan and the accounts with a
    /// state are then moved from their record's figures to their state's.
    /// - Complexity: one scan of the account records and a lookup per derived state.
    static func portfolio(_ db: Database) throws -> [ReportFacts.PortfolioSlice] {
        var sums: [Int?: (accounts: Int, balance: Int64)] = [:]
        func add(_ dpd: Int?, _ status: String, _ accounts: Int, _ balance: Int64) {
            guard status != "paid" && status != "closed" else { return }
            sums[dpd, default: (0, 0)].accounts += accounts
            sums[dpd, default: (0, 0)].balance += balance
        }
        for row in try Row.fetchAll(db, sql: "SELECT days_past_due, status, COUNT(*), SUM(balance) FROM account_record GROUP BY 1, 2") {
            add(row[0], row[1], row[2], row[3])
        }
        let moved = try Row.fetchCursor(db, sql: """
            SELECT r.days_past_due, r.status, r.balance, s.status, s.balance
            FROM account_state s CROSS JOIN account_record r ON r.id = s.account_id
            """)
        while let row = try moved.next() {
            let balance: Int64 = row[2]
            add(row[0], row[1], -1, -balance)
            add(row[0], row[3], 1, row[4])
        }
        return sums.keys.filter { sums[$0]!.accounts != 0 }.sorted { ($0 ?? -1) < ($1 ?? -1) }.map {
            ReportFacts.PortfolioSlice(daysPastDue: $0, accounts: sums[$0]!.accounts, balanceMinor: sums[$0]!.balance)
        }
    }

    /// A stored `travel_km` (3 decimals) back in whole metres.
    private static func metres(_ km: Double?) -> Int { Int(((km ?? 0) * 1000).rounded()) }
}
