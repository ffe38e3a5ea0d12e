import FieldPlanCore
import FieldPlanReports
import FieldPlanStore
import PostgresNIO

extension PostgresAgencyStore {
    /// The facts of the local dates `from`…`to` for a report (SPEC §7), as SQLite's
    /// `FieldPlanStore.reportFacts` gathers them and with the same rules (moments a day wider
    /// on each side, visits before the period only when they may earn one of its payments,
    /// receipts only of the paying accounts), in one read-only serializable transaction, so
    /// every figure comes from one moment of the store. Nothing is computed here:
    /// `ReportBuilder` does that, on either engine.
    ///
    /// Set-based where SQLite walks rows: the paying accounts are a `WITH` that filters the
    /// outcomes on the server (SQLite scans every outcome and filters as it reads), the
    /// details of the named accounts are one `= ANY($1)` lookup, and the portfolio is one
    /// `GROUP BY days_past_due` over the accounts joined to their derived state. The facts
    /// carry no account keys (`accountIDs` stays empty): the builder numbers the ids itself.
    /// - Complexity: a scan of the period's payments and outcomes (no index by time on
    ///   either, as on SQLite), an index lookup per account named, and with `portfolio` one
    ///   hash aggregate over every account.
    public func reportFacts(from: CivilDate, to: CivilDate, accountDetails: Bool, detailsFrom: CivilDate?,
                            portfolio: Bool, attributionDays: Int) throws -> ReportFacts {
        let detailsDay = detailsFrom ?? from
        let detailsStart = Int64(detailsDay.dayNumber - 1) * 86_400
        let start = Int64(from.dayNumber - 1) * 86_400
        let end = Int64(to.dayNumber + 2) * 86_400
        let earliest = start - Int64(attributionDays) * 86_400
        let logger = self.logger
        return try write(readOnly: true) { connection in
            var facts = ReportFacts(from: from, to: to, attributionDays: attributionDays)
            for try await (id, name) in try await connection.query("SELECT id, name FROM agent", logger: logger).decode((String, String).self) {
                facts.agents[id] = name
            }
            for try await (id, name) in try await connection.query("SELECT id, name FROM zone", logger: logger).decode((String, String?).self) {
                facts.zones[id] = .some(name)
            }

            // The latest version of each day's plan: its routes, then its stops by agent in order.
            let latest = """
                FROM plan p WHERE p.date BETWEEN '\(from.description)' AND '\(to.description)'
                AND p.version = (SELECT MAX(version) FROM plan WHERE date = p.date)
                """
            var routes: [String: [String: ReportFacts.PlannedRoute]] = [:]
            let routeRows = try await connection.query("""
                SELECT p.date, r.agent_id, (r.line::jsonb ->> 'travel_km')::float8
                FROM plan_route r JOIN plan p ON p.id = r.plan_id WHERE r.plan_id IN (SELECT p.id \(unescaped: latest))
                """, logger: logger)
            for try await (day, agent, km) in routeRows.decode((String, String, Double?).self) {
                guard let date = CivilDate(day) else { continue }
                routes[day, default: [:]][agent] = .init(date: date, agentID: agent, travelMetres: Self.metres(km), stops: [])
            }
            let visitRows = try await connection.query("""
                SELECT p.date, v.agent_id, v.account_id, (v.line::jsonb ->> 'travel_km')::float8
                FROM plan_visit v JOIN plan p ON p.id = v.plan_id
                WHERE v.plan_id IN (SELECT p.id \(unescaped: latest)) AND v.account_id IS NOT NULL
                ORDER BY p.date, v.agent_id, v.seq
                """, logger: logger)
            for try await (day, agent, account, km) in visitRows.decode((String, String, String, Double?).self) {
                guard let date = CivilDate(day) else { continue }
                routes[day, default: [:]][agent, default: .init(date: date, agentID: agent, travelMetres: 0, stops: [])]
                    .stops.append((account, Self.metres(km)))
            }
            for day in routes.keys.sorted() {
                let byAgent = routes[day]!
                facts.routes += byAgent.keys.sorted().map { byAgent[$0]! }
            }

            for try await (account, epoch, amount, reference) in try await connection.query("""
                SELECT account_id, paid_epoch, amount, reference FROM payment WHERE paid_epoch >= \(start) AND paid_epoch < \(end)
                ORDER BY paid_epoch, id
                """, logger: logger).decode((String, Int64, Int64, String?).self) {
                facts.payments.append(.init(accountID: account, paidEpoch: epoch, amountMinor: amount, reference: reference))
            }

            // The outcomes of the period, and of the paying accounts those that may earn a
            // payment (right-party or PTP within the attribution window) or post a receipt.
            let outcomeRows = try await connection.query("""
                WITH paying AS (SELECT DISTINCT account_id FROM payment WHERE paid_epoch >= \(start) AND paid_epoch < \(end))
                SELECT o.account_id, o.agent_id, o.visited_epoch, o.code, o.contact, o.promise_amount, o.collected_amount,
                    o.collected_receipt, o.account_id IN (SELECT account_id FROM paying)
                FROM outcome o
                WHERE (o.visited_epoch >= \(start) AND o.visited_epoch < \(end))
                   OR (o.visited_epoch >= \(earliest) AND o.visited_epoch < \(start) AND (o.contact = 'debtor' OR o.code = 'PTP')
                       AND o.account_id IN (SELECT account_id FROM paying))
                   OR (o.collected_receipt IS NOT NULL AND o.account_id IN (SELECT account_id FROM paying))
                ORDER BY o.visited_epoch, o.id
                """, logger: logger)
            for try await row in outcomeRows {
                let (account, agent, epoch, codeText, contact, promised, collected, receipt, pays) =
                    try row.decode((String, String, Int64, String, String?, Int64?, Int64?, String?, Bool).self)
                if let receipt, pays { facts.receipts.insert(AccountReceipt(accountID: account, receipt: receipt)) }
                if epoch >= end { continue }
                if epoch < start {
                    guard pays, epoch >= earliest, contact == "debtor" || codeText == "PTP" else { continue }
                }
                guard let code = OutcomeCode(rawValue: codeText) else { continue }
                facts.outcomes.append(.init(accountID: account, agentID: agent, visitedEpoch: epoch, code: code,
                                            contact: contact.flatMap(ContactType.init(rawValue:)), promiseMinor: promised,
                                            collectedMinor: collected, receipt: receipt))
            }

            for try await (account, agent, due, amount, paid, state) in try await connection.query("""
                SELECT p.account_id, o.agent_id, p.due_date, p.amount, p.paid, p.state
                FROM promise p JOIN outcome o ON o.id = p.outcome_id
                WHERE p.state IN ('pending', 'kept', 'broken', 'cancelled') AND p.due_date BETWEEN \(from.description) AND \(to.description)
                ORDER BY p.id
                """, logger: logger).decode((String, String, String, Int64, Int64, String).self) {
                guard let due = CivilDate(due), let state = ReportFacts.PromiseDue.State(rawValue: state) else { continue }
                facts.promises.append(.init(accountID: account, agentID: agent, due: due, amountMinor: amount, paidMinor: paid, state: state))
            }

            // The accounts whose details a row or a bucket may need: those of the facts from `detailsFrom` on.
            if accountDetails {
                var named: Set<String> = []
                for r in facts.routes where r.date >= detailsDay { for s in r.stops { named.insert(s.accountID) } }
                for p in facts.payments where p.paidEpoch >= detailsStart { named.insert(p.accountID) }
                for o in facts.outcomes where o.visitedEpoch >= detailsStart { named.insert(o.accountID) }
                for p in facts.promises where p.due >= detailsDay { named.insert(p.accountID) }
                let ids = named.sorted()
                if !ids.isEmpty {
                    for try await (id, zone, client, dpd) in try await connection.query("""
                        SELECT id, zone_id, client, days_past_due FROM account_record WHERE id = ANY(\(ids))
                        """, logger: logger).decode((String, String?, String, Int64?).self) {
                        facts.accounts[id] = .init(zoneID: zone, client: client, daysPastDue: dpd.map { Int($0) })
                    }
                }
            }

            if portfolio {
                // The working portfolio now: status and balance are the derived state where facts moved them.
                for try await (dpd, accounts, balance) in try await connection.query("""
                    SELECT r.days_past_due, COUNT(*), SUM(COALESCE(s.balance, r.balance))::bigint
                    FROM account_record r LEFT JOIN account_state s ON s.account_id = r.id
                    WHERE COALESCE(s.status, r.status) NOT IN ('paid', 'closed')
                    GROUP BY r.days_past_due ORDER BY r.days_past_due NULLS FIRST
                    """, logger: logger).decode((Int64?, Int64, Int64).self) {
                    facts.portfolio.append(.init(daysPastDue: dpd.map { Int($0) }, accounts: Int(accounts), balanceMinor: balance))
                }
            }
            return facts
        }
    }

    /// A stored `travel_km` (3 decimals) back in whole metres, as SQLite's report reads it.
    private static func metres(_ km: Double?) -> Int { Int(((km ?? 0) * 1000).rounded()) }
}
