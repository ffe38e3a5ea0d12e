import FieldPlanCore
import FieldPlanReports
import Logging
import PostgresNIO

/// What a report reads beside its facts (the zone, client and days past due of the accounts
/// its facts name, and the monthly portfolio), read on a connection of its own in the same
/// snapshot as the facts (`pg_export_snapshot`, `SET TRANSACTION SNAPSHOT`), so the server
/// works on these two large reads while the report's own connection streams the facts to the
/// client: one moment of the store, two of the machine's cores.
///
/// The accounts named are found by the server from the same rules the facts follow (stops
/// of each day's latest plan, payments and outcomes of the period, promises due in it, each
/// from `detailsFrom` on), so no list of ids travels to the server and back. The connection is
/// not the pool's: a report holding a pooled connection never waits for a second one, however
/// many reports run at once.
struct PostgresReportPartner: Sendable {
    var accounts: [String: ReportFacts.AccountInfo] = [:]
    var portfolio: [ReportFacts.PortfolioSlice] = []

    /// The bounds of the accounts named: `detailsDay`…`to` for plans and promises, the
    /// moments `detailsStart`…`end` (exclusive) for payments and outcomes.
    struct Bounds: Sendable {
        var detailsDay: CivilDate
        var to: CivilDate
        var detailsStart: Int64
        var end: Int64
    }

    /// Reads in the exported `snapshot` on a new connection to `url`, closed afterwards; nil
    /// without a snapshot (a report that needs neither read).
    static func read(url: PostgresURL, snapshot: String?, details: Bounds?, portfolio: Bool, logger: Logger) async throws -> PostgresReportPartner? {
        guard let snapshot else { return nil }
        let connection = try await PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                                              configuration: url.connectionConfiguration(), id: 2, logger: logger)
        do {
            let result = try await read(connection, snapshot: snapshot, details: details, portfolio: portfolio, logger: logger)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private static func read(_ connection: PostgresConnection, snapshot: String, details: Bounds?, portfolio: Bool,
                             logger: Logger) async throws -> PostgresReportPartner {
        var partner = PostgresReportPartner()
        try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
        // The snapshot id is the server's own text (hex digits and dashes); SET takes no parameters.
        try await connection.query(PostgresQuery(unsafeSQL: "SET TRANSACTION SNAPSHOT '\(snapshot)'"), logger: logger)
        try await PostgresAgencyStore.setReportLimits(connection, logger: logger)
        if let b = details {
            let accounts = PackedRows.query(
                [.text("r.id"), .text("r.zone_id"), .text("r.client"), .value("r.days_past_due")],
                from: "FROM account_record r JOIN named n ON n.account_id = r.id",
                with: """
                    WITH latest AS (
                        SELECT p.id FROM plan p WHERE p.date BETWEEN '\(b.detailsDay.description)' AND '\(b.to.description)'
                        AND p.version = (SELECT MAX(version) FROM plan WHERE date = p.date)),
                    named AS (
                        SELECT v.account_id FROM plan_visit v WHERE v.plan_id IN (SELECT id FROM latest) AND v.account_id IS NOT NULL
                        UNION SELECT account_id FROM payment WHERE paid_epoch >= \(b.detailsStart) AND paid_epoch < \(b.end)
                        UNION SELECT account_id FROM outcome WHERE visited_epoch >= \(b.detailsStart) AND visited_epoch < \(b.end)
                        UNION SELECT p.account_id FROM promise p JOIN outcome o ON o.id = p.outcome_id
                            WHERE p.state IN ('pending', 'kept', 'broken', 'cancelled')
                            AND p.due_date BETWEEN '\(b.detailsDay.description)' AND '\(b.to.description)')
                    """)
            partner.accounts.reserveCapacity(1 << 16)
            try await PackedRows.forEach(accounts, on: connection, logger: logger) { row in
                let id = try row.text() ?? "", zone = try row.text(), client = try row.text() ?? "", dpd = try row.int64()
                partner.accounts[id] = .init(zoneID: zone, client: client, daysPastDue: dpd.map { Int($0) })
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
                partner.portfolio.append(.init(daysPastDue: dpd.map { Int($0) }, accounts: Int(accounts), balanceMinor: balance))
            }
        }
        try await connection.query("COMMIT", logger: logger)
        return partner
    }
}
