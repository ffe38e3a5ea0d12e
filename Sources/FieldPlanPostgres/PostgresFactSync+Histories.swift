import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Logging
import PostgresNIO

extension PostgresFactSync {
    /// An account's columns as the replay reads them (its state now and the client snapshot
    /// it derives from, its zone's agent), in the order `accountRow` reads them.
    static let accountRowColumns = """
        a.id, COALESCE(s.balance, a.balance), COALESCE(s.status, a.status),
        CASE WHEN s.account_id IS NULL THEN a.lat ELSE s.lat END, CASE WHEN s.account_id IS NULL THEN a.lon ELSE s.lon END,
        s.hold_until, a.balance, a.status, a.lat, a.lon, a.balance_run, a.status_run, a.location_run, z.agent_id
        """
    static let accountRowTables = """
        account_record a LEFT JOIN account_state s ON s.account_id = a.id LEFT JOIN zone z ON z.id = a.zone_id
        """

    static func accountRow(_ c: inout PostgresColumns) throws -> AccountEffects.AccountRow {
        let id = try c.text() ?? ""
        let old = AccountEffects.State.make(balance: try c.int64() ?? 0, status: try c.text() ?? "open", lat: try c.double(),
                                            lon: try c.double(), holdUntil: try c.text())
        return AccountEffects.AccountRow.make(
            id: id, old: old, clientBalance: try c.int64() ?? 0, clientStatus: try c.text() ?? "open", clientLat: try c.double(),
            clientLon: try c.double(), balanceRun: try c.int64() ?? 0, statusRun: try c.int64() ?? 0, locationRun: try c.int64() ?? 0,
            zoneAgent: try c.text())
    }

    /// This run's fact as reading it back from the store would give it (SQLite's
    /// `History.add`), so an account without stored facts is replayed with nothing read back.
    static func fact(_ o: Outcome, origin: LineOrigin, run: Int64) -> AccountEffects.Fact {
        AccountEffects.Fact.make(
            id: o.id, agent: o.agentID, at: o.visitedAt.text, epoch: o.visitedAt.epochSeconds, code: o.code,
            contact: o.contact?.rawValue, promiseAmount: o.promise?.amount.minorUnits, promiseDate: o.promise?.date,
            collected: o.collected?.amount.minorUnits, receipt: o.collected?.receipt, nextDate: o.nextVisit?.date.description,
            nextFrom: o.nextVisit?.window?.from.description, nextTo: o.nextVisit?.window?.to.description, run: run, flagged: nil,
            source: origin.source, line: origin.line)
    }

    static func paymentRow(_ p: Payment, origin: LineOrigin, run: Int64) -> AccountEffects.PaymentRow {
        AccountEffects.PaymentRow.make(id: p.id, amount: p.amount.minorUnits, at: p.paidAt.text, epoch: p.paidAt.epochSeconds,
                                       reference: p.reference, run: run, channel: p.channel, source: origin.source, line: origin.line)
    }

    /// What facts alone make is kept only where facts could have made it (facts are never
    /// deleted): promises from PTP outcomes, clearances from credits, call-back appointments
    /// from CALLBACK outcomes, as SQLite reads them. Applied once the history is whole.
    static func trimmed(_ h: AccountEffects.History) -> AccountEffects.History {
        let hasCredits = !h.payments.isEmpty || h.outcomes.contains { $0.collected != nil }
        return AccountEffects.History.make(
            account: h.account, outcomes: h.outcomes, payments: h.payments,
            storedPromises: h.outcomes.contains { $0.code == .ptp } ? h.storedPromises : [:],
            clearance: hasCredits ? h.clearance : nil,
            callbackAppointments: h.outcomes.contains { $0.code == .callback } ? h.callbackAppointments : [])
    }

    /// The histories of `ids`, in that order, for accounts that exist: one query per
    /// table for the whole chunk, trimmed as SQLite reads them (`trimmed`). `prepared` for
    /// a device's sync, which reads a few accounts many times a second.
    static func histories(_ ids: [String], prepared: Bool = false, on connection: PostgresConnection,
                          logger: Logger) async throws -> [AccountEffects.History] {
        let stored = try await storedHistories(ids, prepared: prepared, on: connection, logger: logger)
        return ids.compactMap { stored[$0].map(trimmed) }
    }

    /// Everything stored about the accounts `ids` that exist, untrimmed (this run's facts
    /// may still be added): the six queries (`HistorySQL`: accounts, outcomes, payments,
    /// promises, clearances, call-back appointments). Plain, they are sent together, so the
    /// connection sends each one as soon as the server has answered the one before, without
    /// waiting for this task; prepared, one after the other (`PreparedRun`).
    static func storedHistories(_ ids: [String], prepared: Bool = false, on connection: PostgresConnection,
                                logger: Logger) async throws -> [String: AccountEffects.History] {
        guard !ids.isEmpty else { return [:] }
        var binds = PostgresBindings()
        binds.append(ids)
        let answers = prepared
            ? try await PreparedRun.rows(HistorySQL.all, binds, on: connection, logger: logger)
            : try await QueryBatch.rows(HistorySQL.all.map { PostgresQuery(unsafeSQL: $0.sql, binds: binds) }, on: connection, logger: logger)
        var histories: [String: AccountEffects.History] = [:]
        for row in answers[0] {
            var c = PostgresColumns(row)
            let account = try accountRow(&c)
            histories[account.id] = AccountEffects.History.make(account: account, outcomes: [], payments: [], storedPromises: [:],
                                                                clearance: nil, callbackAppointments: [])
        }
        for row in answers[1] {
            var c = PostgresColumns(row)
            let account = try c.text() ?? ""
            let fact = AccountEffects.Fact.make(
                id: try c.text() ?? "", agent: try c.text() ?? "", at: try c.text() ?? "", epoch: try c.int64() ?? 0,
                code: try c.text().flatMap(OutcomeCode.init(rawValue:)), contact: try c.text(), promiseAmount: try c.int64(),
                promiseDate: try c.text().flatMap { CivilDate($0) }, collected: try c.int64(), receipt: try c.text(),
                nextDate: try c.text(), nextFrom: try c.text(), nextTo: try c.text(), run: try c.int64() ?? 0, flagged: try c.text(),
                source: try c.text(), line: try c.int())
            histories[account]?.outcomes.append(fact)
        }
        for row in answers[2] {
            var c = PostgresColumns(row)
            let account = try c.text() ?? ""
            histories[account]?.payments.append(AccountEffects.PaymentRow.make(
                id: try c.text() ?? "", amount: try c.int64() ?? 0, at: try c.text() ?? "", epoch: try c.int64() ?? 0,
                reference: try c.text(), run: try c.int64() ?? 0, channel: try c.text(), source: try c.text(), line: try c.int()))
        }
        for row in answers[3] {
            var c = PostgresColumns(row)
            let account = try c.text() ?? "", outcome = try c.text() ?? ""
            histories[account]?.storedPromises[outcome] = (try c.text() ?? "", try c.int64() ?? 0, (try c.int64() ?? 0) != 0)
        }
        for row in answers[4] {
            let (account, fact, state) = try row.decode((String, String, String).self)
            histories[account]?.clearance = (fact, state)
        }
        for row in answers[5] {
            let (account, id) = try row.decode((String, String).self)
            histories[account]?.callbackAppointments.append(id)
        }
        return histories
    }
}
