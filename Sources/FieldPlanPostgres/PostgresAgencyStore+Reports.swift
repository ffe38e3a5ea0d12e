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
    /// Set-based where SQLite walks rows, and on two connections: this one streams the facts
    /// (plans, payments, outcomes with the paying accounts filtered on the server by a `WITH`,
    /// promises) while a partner in the same snapshot (`PostgresReportPartner`) has the server
    /// find the accounts those facts name and read their details, and aggregate the portfolio
    /// (one `GROUP BY days_past_due` over the accounts joined to their derived state). So the
    /// two largest reads cost the server's time while the client decodes, and no list of ids
    /// goes to the server and back. The facts carry no account keys (`accountIDs` stays
    /// empty): the builder numbers the ids itself.
    /// - Complexity: a scan of the period's payments and outcomes (no index by time on
    ///   either, as on SQLite), a hash join of the accounts named with the account records, and
    ///   with `portfolio` one hash aggregate over every account.
    public func reportFacts(from: CivilDate, to: CivilDate, accountDetails: Bool, detailsFrom: CivilDate?,
                            portfolio: Bool, attributionDays: Int) throws -> ReportFacts {
        let detailsDay = detailsFrom ?? from
        let start = Int64(from.dayNumber - 1) * 86_400
        let end = Int64(to.dayNumber + 2) * 86_400
        let earliest = start - Int64(attributionDays) * 86_400
        let bounds = accountDetails
            ? PostgresReportPartner.Bounds(detailsDay: detailsDay, to: to, detailsStart: Int64(detailsDay.dayNumber - 1) * 86_400, end: end)
            : nil
        let logger = self.logger, url = self.url
        return try write(readOnly: true) { connection in
            // The partner starts at once, in this transaction's snapshot, on another thread of
            // NIO's, and is awaited last (cancelled and awaited too if a read here fails).
            let snapshot = bounds != nil || portfolio
                ? try await connection.query("SELECT pg_export_snapshot()", logger: logger).collect().first?.decode(String.self)
                : nil
            try await Self.setReportLimits(connection, logger: logger)
            return try await withThrowingTaskGroup(of: PostgresReportPartner?.self) { group in
                group.addTask(executorPreference: EventLoopTaskExecutor.partner) {
                    try await PostgresReportPartner.read(url: url, snapshot: snapshot, details: bounds, portfolio: portfolio, logger: logger)
                }
                // The facts are this closure's own variable, not one captured from outside it.
                var facts = ReportFacts(from: from, to: to, attributionDays: attributionDays)

                for try await (id, name) in try await connection.query("SELECT id, name FROM agent", logger: logger).decode((String, String).self) {
                    facts.agents[id] = name
                }
                for try await (id, name) in try await connection.query("SELECT id, name FROM zone", logger: logger).decode((String, String?).self) {
                    facts.zones[id] = .some(name)
                }

                // The latest version of each day's plan: its routes, then its stops by agent in
                // order. Stops come in the key's order (plan, agent, seq), which needs no sort;
                // the plans and agents are put in order here.
                var dates: [Int64: CivilDate] = [:]
                for try await (id, day) in try await connection.query("""
                    SELECT p.id, p.date FROM plan p WHERE p.date BETWEEN \(from.description) AND \(to.description)
                    AND p.version = (SELECT MAX(version) FROM plan WHERE date = p.date)
                    """, logger: logger).decode((Int64, String).self) {
                    if let date = CivilDate(day) { dates[id] = date }
                }
                var routes: [Int64: [String: ReportFacts.PlannedRoute]] = [:]
                if !dates.isEmpty {
                    let plans = Array(dates.keys)
                    // `travel_km` is read with `json` (a scan of the text), not `jsonb` (a parse into a tree).
                    let routeRows = try await connection.query("""
                        SELECT plan_id, agent_id, (line::json ->> 'travel_km')::float8 FROM plan_route WHERE plan_id = ANY(\(plans))
                        """, logger: logger)
                    for try await (plan, agent, km) in routeRows.decode((Int64, String, Double?).self) {
                        guard let date = dates[plan] else { continue }
                        routes[plan, default: [:]][agent] = .init(date: date, agentID: agent, travelMetres: Self.metres(km), stops: [])
                    }
                    let visitRows = try await connection.query("""
                        SELECT plan_id, agent_id, account_id, (line::json ->> 'travel_km')::float8 FROM plan_visit
                        WHERE plan_id = ANY(\(plans)) AND account_id IS NOT NULL ORDER BY plan_id, agent_id, seq
                        """, logger: logger)
                    var current: (plan: Int64, agent: String)? = nil
                    var stops: [(accountID: String, legMetres: Int)] = []
                    func flush() {
                        guard let (plan, agent) = current, !stops.isEmpty, let date = dates[plan] else { return }
                        routes[plan, default: [:]][agent, default: .init(date: date, agentID: agent, travelMetres: 0, stops: [])].stops += stops
                        stops.removeAll(keepingCapacity: true)
                    }
                    for try await (plan, agent, account, km) in visitRows.decode((Int64, String, String, Double?).self) {
                        if current?.plan != plan || current?.agent != agent {
                            flush()
                            current = (plan, agent)
                        }
                        stops.append((account, Self.metres(km)))
                    }
                    flush()
                }
                for plan in dates.keys.sorted(by: { dates[$0]! < dates[$1]! }) {
                    guard let byAgent = routes[plan] else { continue }
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

                // The details of the accounts the facts from `detailsFrom` on name, and the portfolio.
                if let partner = try await group.next() ?? nil {
                    facts.accounts = partner.accounts
                    facts.portfolio = partner.portfolio
                }
                return facts
            }
        }
    }

    /// A report's few large statements, for this transaction: sorts and hashes of a few
    /// hundred thousand rows in memory (64 MiB) rather than spilled to disk at the 4 MiB
    /// default, and no JIT compilation, which costs more than it saves on these scans.
    static func setReportLimits(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SET LOCAL work_mem = '64MB'", logger: logger)
        try await connection.query("SET LOCAL jit = off", logger: logger)
    }

    /// A stored `travel_km` (3 decimals) back in whole metres, as SQLite's report reads it.
    private static func metres(_ km: Double?) -> Int { Int(((km ?? 0) * 1000).rounded()) }
}
