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
        // The portfolio's pass over every account record is split over two cores when a second
        // connection can see the same moment (a store file; not one in memory).
        let partner = portfolio ? (writer as? DatabasePool).flatMap { try? SnapshotPartner(path: $0.path) } : nil
        defer { partner?.close() }
        return try writer.read { db in
            var facts = ReportFacts(from: from, to: to, attributionDays: attributionDays)
            // Every account a fact names is numbered as it is read: the facts carry the keys,
            // and the store's own sets (paying, named) and the builder work on them.
            var keys = AccountKeyTable(capacity: 1 << 16)
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM agent") { facts.agents[row[0]] = row[1] }
            // This transaction's moment is fixed by the read above: the partner joins it, or is not used.
            let joined = (try? partner?.join()) == true
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
                var agent = "", stops: [(accountID: String, legMetres: Int)] = [], stopKeys: [Int32] = []
                func flush() {
                    guard !stops.isEmpty else { return }
                    routes[agent, default: .init(date: date, agentID: agent, travelMetres: 0, stops: [])].stops += stops
                    routes[agent]!.stopKeys += stopKeys
                    stops.removeAll(keepingCapacity: true)
                    stopKeys.removeAll(keepingCapacity: true)
                }
                while try visitRows.step() {
                    // Rows come by agent: compare the agent's bytes before making a string of them.
                    if !visitRows.textEquals(0, agent) {
                        flush()
                        agent = visitRows.text(0)!
                    }
                    let k = keys.intern(visitRows, 1)!
                    stops.append((keys.ids[Int(k)], Self.metres(visitRows.number(2, afterKey: Self.travelKey))))
                    stopKeys.append(k)
                }
                flush()
                facts.routes += routes.keys.sorted().map { routes[$0]! }
            }

            let payments = try QueryStatement(db, """
                SELECT account_id, paid_epoch, amount, reference FROM payment WHERE paid_epoch >= ? AND paid_epoch < ?
                """).bind(start, end)
            while try payments.step() {
                let k = keys.intern(payments, 0)!
                facts.payments.append(.init(accountID: keys.ids[Int(k)], paidEpoch: payments.int64(1)!, amountMinor: payments.int64(2)!,
                                            reference: payments.text(3), accountKey: k))
            }
            var paying = [Bool](repeating: false, count: keys.count)
            for p in facts.payments { paying[Int(p.accountKey)] = true }

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
                // Only the accounts of plans and payments are numbered yet: any other is not paying.
                let epoch = outcomes.int64(2)!, known = keys.find(outcomes, 0), receipt = outcomes.text(7)
                let pays = known.map { Int($0) < paying.count && paying[Int($0)] } ?? false
                if let receipt, pays, let k = known {
                    facts.receipts.insert(AccountReceipt(accountID: keys.ids[Int(k)], receipt: receipt, accountKey: k))
                }
                if epoch >= end { continue }
                if epoch < start {
                    // A visit before the period matters only if it may earn one of its payments.
                    guard pays, epoch >= earliest, outcomes.textEquals(4, "debtor") || outcomes.textEquals(3, "PTP") else { continue }
                }
                guard let code = outcomes.text(3).flatMap(OutcomeCode.init(rawValue:)) else { continue }
                let k = known ?? keys.intern(outcomes, 0)!
                facts.outcomes.append(.init(accountID: keys.ids[Int(k)], agentID: outcomes.text(1)!, visitedEpoch: epoch, code: code,
                                            contact: outcomes.text(4).flatMap(ContactType.init(rawValue:)),
                                            promiseMinor: outcomes.int64(5), collectedMinor: outcomes.int64(6), receipt: receipt,
                                            accountKey: k))
            }

            let promises = try QueryStatement(db, """
                SELECT p.account_id, o.agent_id, p.due_date, p.amount, p.paid, p.state
                FROM promise p JOIN outcome o ON o.id = p.outcome_id
                WHERE p.state IN ('pending', 'kept', 'broken', 'cancelled') AND p.due_date BETWEEN ? AND ?
                """).bind(from.description, to.description)
            while try promises.step() {
                guard let due = promises.text(2).flatMap(CivilDate.init), let state = promises.text(5).flatMap(ReportFacts.PromiseDue.State.init)
                else { continue }
                let k = keys.intern(promises, 0)!
                let p = ReportFacts.PromiseDue(accountID: keys.ids[Int(k)], agentID: promises.text(1)!, due: due, amountMinor: promises.int64(3)!,
                                               paidMinor: promises.int64(4)!, state: state, accountKey: k)
                facts.promises.append(p)
            }

            // The accounts whose details a row or a bucket may need: those of the facts from `detailsFrom` on.
            var named = [Bool](repeating: false, count: keys.count)
            if accountDetails {
                for r in facts.routes where r.date >= detailsDay { for k in r.stopKeys { named[Int(k)] = true } }
                for p in facts.payments where p.paidEpoch >= detailsStart { named[Int(p.accountKey)] = true }
                for o in facts.outcomes where o.visitedEpoch >= detailsStart { named[Int(o.accountKey)] = true }
                for p in facts.promises where p.due >= detailsDay { named[Int(p.accountKey)] = true }
            }

            facts.accountInfo = [ReportFacts.AccountInfo?](repeating: nil, count: keys.count)
            if portfolio {
                // The portfolio reads every account anyway: the same scan gives the details.
                facts.portfolio = try Self.portfolio(db, partner: joined ? partner : nil, keys: &keys, details: named, into: &facts.accountInfo)
            } else if accountDetails {
                try Self.accountDetails(db, keys: keys, of: named, into: &facts.accountInfo)
            }
            // Keys numbered after the facts (the portfolio's states) are not the facts' accounts.
            facts.accountIDs = Array(keys.ids.prefix(named.count))
            return facts
        }
    }

    /// Zone, client and days past due of the accounts whose key is `named`, into `info` by
    /// key: a chunk of ids a statement, walked through the account's primary key in order.
    /// - Complexity: an index lookup per account.
    static func accountDetails(_ db: Database, keys: AccountKeyTable, of named: [Bool],
                               into info: inout [ReportFacts.AccountInfo?]) throws {
        let ids = named.indices.filter { named[$0] }.map { keys.ids[$0] }.sorted()
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
                guard let k = keys.find(rows, 0) else { continue }
                info[Int(k)] = .init(zoneID: rows.text(1), client: rows.text(2)!, daysPastDue: rows.int64(3).map { Int($0) })
            }
        }
    }

    /// The working portfolio as it stands now (every account not paid or closed, counted and
    /// summed by days past due), and into `info` the zone, client and days past due of the
    /// accounts whose key is `details`. An account's status and balance are its derived state
    /// where facts moved it, else its client record: the states are read into memory first
    /// (their accounts numbered in `keys` after the facts'), then the records are read once,
    /// in table order, each looked up by its id's bytes (`PortfolioScan`). Neither a join of
    /// every account to its state nor SQLite's `GROUP BY` (a sort of a million rows) is
    /// needed, and the details cost no lookup of their own. With a `partner` that sees the
    /// same moment, the upper half of the records (by rowid) is read on it, on the other core,
    /// while this transaction reads the lower half.
    /// - Complexity: one scan of the derived states and one of the account records, a key
    ///   table lookup per record; memory for the states' keys.
    static func portfolio(_ db: Database, partner: SnapshotPartner?, keys: inout AccountKeyTable, details: [Bool],
                          into info: inout [ReportFacts.AccountInfo?]) throws -> [ReportFacts.PortfolioSlice] {
        var states: [PortfolioScan.State] = []
        let stateRows = try QueryStatement(db, "SELECT account_id, status NOT IN ('paid', 'closed'), balance FROM account_state").bind()
        while try stateRows.step() {
            let k = Int(keys.intern(stateRows, 0)!)
            if k >= states.count { states.append(contentsOf: repeatElement(PortfolioScan.State(), count: k - states.count + 1)) }
            states[k] = PortfolioScan.State(worked: stateRows.int64(1) == 1, balance: stateRows.int64(2)!, known: true)
        }
        let scan = PortfolioScan(keys: keys, states: states, details: details)
        guard let partner, let last = try Int64.fetchOne(db, sql: "SELECT MAX(rowid) FROM account_record"), last > 1 else {
            return PortfolioScan.merged([try scan.part(db)], into: &info)
        }
        let middle = last / 2
        let upper = partner.start { try scan.part($0, after: middle) }
        // The partner's work is waited for even when this half fails: its connection is closed after.
        let lower = Result { try scan.part(db, upTo: middle) }
        let upperPart = Result { try upper.wait() }
        return PortfolioScan.merged([try lower.get(), try upperPart.get()], into: &info)
    }

    /// The key of the distances in stored plan lines.
    private static let travelKey = Array(#""travel_km":"#.utf8)

    /// A stored `travel_km` (3 decimals) back in whole metres.
    private static func metres(_ km: Double?) -> Int { Int(((km ?? 0) * 1000).rounded()) }
}
