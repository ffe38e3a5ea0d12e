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
    ///   promise due and, with `accountDetails`, per account named; with `portfolio` one scan
    ///   of every account instead of those lookups.
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

            // The latest version of each day's plan: the one sheets and packets carry.
            let plans = try Row.fetchAll(db, sql: """
                SELECT p.id, p.date FROM plan p
                WHERE p.date BETWEEN ? AND ? AND p.version = (SELECT MAX(version) FROM plan WHERE date = p.date)
                ORDER BY p.date
                """, arguments: [from.description, to.description])
            let routeRows = try QueryStatement(db, "SELECT agent_id, line FROM plan_route WHERE plan_id = ?")
            let visitRows = try QueryStatement(db, """
                SELECT agent_id, account_id, line FROM plan_visit WHERE plan_id = ? AND account_id IS NOT NULL ORDER BY agent_id, seq
                """)
            for plan in plans {
                let planID: Int64 = plan[0]
                guard let date = CivilDate(plan[1] as String) else { continue }
                var routes: [String: ReportFacts.PlannedRoute] = [:]
                routeRows.bind(planID)
                while try routeRows.step() {
                    let agent = routeRows.text(0)!
                    routes[agent] = .init(date: date, agentID: agent, travelMetres: Self.metres(routeRows.number(1, afterKey: Self.travelKey)), stops: [])
                }
                visitRows.bind(planID)
                var agent = "", stops: [(accountID: String, legMetres: Int)] = []
                func flush() {
                    guard !stops.isEmpty else { return }
                    routes[agent, default: .init(date: date, agentID: agent, travelMetres: 0, stops: [])].stops += stops
                    stops.removeAll(keepingCapacity: true)
                }
                while try visitRows.step() {
                    // Rows come by agent: compare the agent's bytes before making a string of them.
                    if !visitRows.textEquals(0, agent) {
                        flush()
                        agent = visitRows.text(0)!
                    }
                    let account = visitRows.text(1)!
                    stops.append((account, Self.metres(visitRows.number(2, afterKey: Self.travelKey))))
                }
                flush()
                facts.routes += routes.keys.sorted().map { routes[$0]! }
            }

            let payments = try QueryStatement(db, """
                SELECT account_id, paid_epoch, amount, reference FROM payment WHERE paid_epoch >= ? AND paid_epoch < ?
                """).bind(start, end)
            while try payments.step() {
                facts.payments.append(.init(accountID: payments.text(0)!, paidEpoch: payments.int64(1)!, amountMinor: payments.int64(2)!,
                                            reference: payments.text(3)))
            }
            // Sized once: growing a set of half a million ids step by step costs more than filling it.
            var paying = Set<String>(minimumCapacity: facts.payments.count)
            for p in facts.payments { paying.insert(p.accountID) }

            // One scan of the outcomes (the table has no index by time: any period reads it
            // whole) also yields the receipts of the paying accounts' field collections,
            // whenever they happened, instead of an index lookup per payment.
            let outcomes = try QueryStatement(db, """
                SELECT account_id, agent_id, visited_epoch, code, contact, promise_amount, collected_amount, collected_receipt
                FROM outcome
                WHERE (visited_epoch >= ?2 AND visited_epoch < ?3)
                   OR (visited_epoch >= ?1 AND visited_epoch < ?2 AND (contact = 'debtor' OR code = 'PTP'))
                   OR collected_receipt IS NOT NULL
                """).bind(earliest, start, end)
            while try outcomes.step() {
                let epoch = outcomes.int64(2)!, account = outcomes.text(0)!, receipt = outcomes.text(7)
                let pays = paying.contains(account)
                if let receipt, pays { facts.receipts.insert(AccountReceipt(accountID: account, receipt: receipt)) }
                if epoch >= end { continue }
                if epoch < start {
                    // A visit before the period matters only if it may earn one of its payments.
                    guard pays, epoch >= earliest, outcomes.textEquals(4, "debtor") || outcomes.textEquals(3, "PTP") else { continue }
                }
                guard let code = outcomes.text(3).flatMap(OutcomeCode.init(rawValue:)) else { continue }
                facts.outcomes.append(.init(accountID: account, agentID: outcomes.text(1)!, visitedEpoch: epoch, code: code,
                                            contact: outcomes.text(4).flatMap(ContactType.init(rawValue:)),
                                            promiseMinor: outcomes.int64(5), collectedMinor: outcomes.int64(6), receipt: receipt))
            }

            let promises = try QueryStatement(db, """
                SELECT p.account_id, o.agent_id, p.due_date, p.amount, p.paid, p.state
                FROM promise p JOIN outcome o ON o.id = p.outcome_id
                WHERE p.state IN ('pending', 'kept', 'broken', 'cancelled') AND p.due_date BETWEEN ? AND ?
                """).bind(from.description, to.description)
            while try promises.step() {
                guard let due = promises.text(2).flatMap(CivilDate.init), let state = promises.text(5).flatMap(ReportFacts.PromiseDue.State.init)
                else { continue }
                let p = ReportFacts.PromiseDue(accountID: promises.text(0)!, agentID: promises.text(1)!, due: due, amountMinor: promises.int64(3)!,
                                               paidMinor: promises.int64(4)!, state: state)
                facts.promises.append(p)
            }

            // The accounts whose details a row or a bucket may need: those of the facts from `detailsFrom` on.
            var named = Set<String>()
            if accountDetails {
                named.reserveCapacity(facts.routes.count * 8 + facts.outcomes.count + facts.payments.count + facts.promises.count)
                for r in facts.routes where r.date >= detailsDay { for s in r.stops { named.insert(s.accountID) } }
                for p in facts.payments where p.paidEpoch >= detailsStart { named.insert(p.accountID) }
                for o in facts.outcomes where o.visitedEpoch >= detailsStart { named.insert(o.accountID) }
                for p in facts.promises where p.due >= detailsDay { named.insert(p.accountID) }
            }

            if portfolio {
                // The portfolio reads every account anyway: the same scan gives the details.
                (facts.portfolio, facts.accounts) = try Self.portfolio(db, details: named)
            } else if accountDetails {
                facts.accounts = try Self.accountDetails(db, of: named)
            }
            return facts
        }
    }

    /// Zone, client and days past due of the accounts `ids`: a chunk of ids a statement,
    /// walked through the account's primary key in order.
    /// - Complexity: an index lookup per account.
    static func accountDetails(_ db: Database, of ids: Set<String>) throws -> [String: ReportFacts.AccountInfo] {
        var accounts: [String: ReportFacts.AccountInfo] = [:]
        let ids = ids.sorted()
        accounts.reserveCapacity(ids.count)
        let chunk = 4_096
        let rows = try QueryStatement(db, """
            SELECT r.id, r.zone_id, r.client, r.days_past_due FROM json_each(?) j CROSS JOIN account_record r ON r.id = j.value
            """)
        for first in stride(from: 0, to: ids.count, by: chunk) {
            var list = "["
            for (n, id) in ids[first..<min(first + chunk, ids.count)].enumerated() {
                if n > 0 { list += "," }
                JSONWriter.appendQuoted(id, to: &list)
            }
            list += "]"
            rows.bind(list)
            while try rows.step() {
                accounts[rows.text(0)!] = .init(zoneID: rows.text(1), client: rows.text(2)!, daysPastDue: rows.int64(3).map { Int($0) })
            }
        }
        return accounts
    }

    /// The working portfolio as it stands now (every account not paid or closed, counted and
    /// summed by days past due), and the zone, client and days past due of the accounts
    /// `details`. An account's status and balance are its derived state where facts moved it,
    /// else its client record: the states are read into memory first, then the records are
    /// read once, in table order, each looked up there. Neither a join of every account to
    /// its state nor SQLite's `GROUP BY` (a sort of a million rows) is needed, and the
    /// details cost no lookup of their own.
    /// - Complexity: one scan of the derived states and one of the account records, a hash
    ///   lookup per record; memory for the states and the details.
    static func portfolio(_ db: Database, details: Set<String>) throws
        -> (portfolio: [ReportFacts.PortfolioSlice], accounts: [String: ReportFacts.AccountInfo]) {
        /// What the record scan must know of an account: its state, whether it is wanted.
        struct Interest {
            var worked = true
            var balance: Int64 = 0
            var hasState = false
            var wanted = false
        }
        var interest: [String: Interest] = [:]
        interest.reserveCapacity(details.count + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account_state") ?? 0))
        let states = try QueryStatement(db, "SELECT account_id, status NOT IN ('paid', 'closed'), balance FROM account_state").bind()
        while try states.step() {
            interest[states.text(0)!] = Interest(worked: states.int64(1) == 1, balance: states.int64(2)!, hasState: true)
        }
        for id in details { interest[id, default: Interest()].wanted = true }

        var accounts: [String: ReportFacts.AccountInfo] = [:]
        accounts.reserveCapacity(details.count)
        var sums: [Int?: (accounts: Int, balance: Int64)] = [:]
        let records = try QueryStatement(db, """
            SELECT id, days_past_due, status NOT IN ('paid', 'closed'), balance, zone_id, client FROM account_record
            """).bind()
        while try records.step() {
            let dpd = records.int64(1).map { Int($0) }
            var worked = records.int64(2) == 1, balance = records.int64(3)!
            let id = records.text(0)!
            if let found = interest[id] {
                if found.hasState { (worked, balance) = (found.worked, found.balance) }
                if found.wanted { accounts[id] = .init(zoneID: records.text(4), client: records.text(5)!, daysPastDue: dpd) }
            }
            guard worked else { continue }
            sums[dpd, default: (0, 0)].accounts += 1
            sums[dpd, default: (0, 0)].balance += balance
        }
        let slices = sums.keys.sorted { ($0 ?? -1) < ($1 ?? -1) }.map {
            ReportFacts.PortfolioSlice(daysPastDue: $0, accounts: sums[$0]!.accounts, balanceMinor: sums[$0]!.balance)
        }
        return (slices, accounts)
    }

    /// The key of the distances in stored plan lines.
    private static let travelKey = Array(#""travel_km":"#.utf8)

    /// A stored `travel_km` (3 decimals) back in whole metres.
    private static func metres(_ km: Double?) -> Int { Int(((km ?? 0) * 1000).rounded()) }
}
