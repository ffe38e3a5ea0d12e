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
                    var current: (plan: Int64, agent: String)? = nil
                    var stops: [(accountID: String, legMetres: Int)] = []
                    func flush() {
                        guard let (plan, agent) = current, !stops.isEmpty, let date = dates[plan] else { return }
                        routes[plan, default: [:]][agent, default: .init(date: date, agentID: agent, travelMetres: 0, stops: [])].stops += stops
                        stops.removeAll(keepingCapacity: true)
                    }
                    let visits = PackedRows.query(
                        [.value("plan_id"), .text("agent_id"), .text("account_id"), .value(Self.travelKm)],
                        from: "FROM plan_visit WHERE plan_id = ANY(ARRAY[\(plans.map(String.init).joined(separator: ","))]::bigint[]) AND account_id IS NOT NULL",
                        orderBy: "plan_id, agent_id, seq")
                    try await PackedRows.forEach(visits, on: connection, logger: logger) { row in
                        let plan = try row.int64() ?? 0, agent = try row.text() ?? "", account = try row.text() ?? "", km = try row.double()
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

                // The payments and outcomes come in any order and are put in their key's order
                // (moment, id) here: the server's sort of a month of them cost more than its scan.
                var paid: [(id: String, payment: ReportFacts.PostedPayment)] = []
                let payments = PackedRows.query([.text("id"), .text("account_id"), .value("paid_epoch"), .value("amount"), .text("reference")],
                                                from: "FROM payment WHERE paid_epoch >= \(start) AND paid_epoch < \(end)")
                try await PackedRows.forEach(payments, on: connection, logger: logger) { row in
                    paid.append((try row.text() ?? "", .init(accountID: try row.text() ?? "", paidEpoch: try row.int64() ?? 0,
                                                             amountMinor: try row.int64() ?? 0, reference: try row.text())))
                }
                paid.sort { Self.precedes(($0.payment.paidEpoch, $0.id), ($1.payment.paidEpoch, $1.id)) }
                facts.payments = paid.map(\.payment)

                // The outcomes of the period, and of the paying accounts those that may earn a
                // payment (right-party or PTP within the attribution window) or post a receipt.
                // The server filters the rows outside the period by the paying accounts; which
                // accounts pay is known here from the payments just read (the same rows as the
                // `WITH`), so no row carries it: a test of every row against the hash of them
                // cost the server more than the rest of this read.
                let paying = Set(paid.lazy.map(\.payment.accountID))
                let outcomes = PackedRows.query(
                    [.text("o.id"), .text("o.account_id"), .text("o.agent_id"), .value("o.visited_epoch"), .text("o.code"), .text("o.contact"),
                     .value("o.promise_amount"), .value("o.collected_amount"), .text("o.collected_receipt")],
                    from: """
                        FROM outcome o
                        WHERE (o.visited_epoch >= \(start) AND o.visited_epoch < \(end))
                           OR (o.visited_epoch >= \(earliest) AND o.visited_epoch < \(start) AND (o.contact = 'debtor' OR o.code = 'PTP')
                               AND o.account_id IN (SELECT account_id FROM paying))
                           OR (o.collected_receipt IS NOT NULL AND o.account_id IN (SELECT account_id FROM paying))
                        """,
                    with: "WITH paying AS (SELECT DISTINCT account_id FROM payment WHERE paid_epoch >= \(start) AND paid_epoch < \(end))")
                var visited: [(id: String, outcome: ReportFacts.VisitOutcome)] = []
                try await PackedRows.forEach(outcomes, on: connection, logger: logger) { row in
                    let id = try row.text() ?? "", account = try row.text() ?? "", agent = try row.text() ?? "", epoch = try row.int64() ?? 0, codeText = try row.text() ?? ""
                    let contact = try row.text(), promised = try row.int64(), collected = try row.int64(), receipt = try row.text()
                    if let receipt, paying.contains(account) { facts.receipts.insert(AccountReceipt(accountID: account, receipt: receipt)) }
                    if epoch >= end { return }
                    if epoch < start {
                        guard epoch >= earliest, contact == "debtor" || codeText == "PTP", paying.contains(account) else { return }
                    }
                    guard let code = OutcomeCode(rawValue: codeText) else { return }
                    visited.append((id, .init(accountID: account, agentID: agent, visitedEpoch: epoch, code: code,
                                              contact: contact.flatMap(ContactType.init(rawValue:)), promiseMinor: promised,
                                              collectedMinor: collected, receipt: receipt)))
                }
                visited.sort { Self.precedes(($0.outcome.visitedEpoch, $0.id), ($1.outcome.visitedEpoch, $1.id)) }
                facts.outcomes = visited.map(\.outcome)

                let promises = PackedRows.query(
                    [.text("p.account_id"), .text("o.agent_id"), .text("p.due_date"), .value("p.amount"), .value("p.paid"), .text("p.state")],
                    from: """
                        FROM promise p JOIN outcome o ON o.id = p.outcome_id
                        WHERE p.state IN ('pending', 'kept', 'broken', 'cancelled')
                            AND p.due_date BETWEEN '\(from.description)' AND '\(to.description)'
                        """,
                    orderBy: "p.id")
                try await PackedRows.forEach(promises, on: connection, logger: logger) { row in
                    let account = try row.text() ?? "", agent = try row.text() ?? "", due = try row.text() ?? ""
                    let amount = try row.int64() ?? 0, paid = try row.int64() ?? 0, state = try row.text() ?? ""
                    guard let due = CivilDate(due), let state = ReportFacts.PromiseDue.State(rawValue: state) else { return }
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

    /// A stored visit line's `travel_km`, as text: the line is fieldplan's own JSON
    /// (`PlanRecordEncoder`), where `"travel_km":` can only be that key (a quote inside a
    /// string is escaped), so its number is the text up to the next comma or brace. Cut out
    /// with two scans of the text rather than a parse of it as `json`, which cost the
    /// monthly report's read of the visits twice as much.
    static let travelKm = "NULLIF(rtrim(split_part(split_part(line, '\"travel_km\":', 2), ',', 1), '}'), '')"

    /// Whether (moment, id) `a` comes before `b` as `ORDER BY moment, id` puts them (ids in
    /// the "C" collation: byte order).
    private static func precedes(_ a: (Int64, String), _ b: (Int64, String)) -> Bool {
        a.0 != b.0 ? a.0 < b.0 : a.1.utf8.lexicographicallyPrecedes(b.1.utf8)
    }

    /// A stored `travel_km` (3 decimals) back in whole metres, as SQLite's report reads it.
    private static func metres(_ km: Double?) -> Int { Int(((km ?? 0) * 1000).rounded()) }
}
