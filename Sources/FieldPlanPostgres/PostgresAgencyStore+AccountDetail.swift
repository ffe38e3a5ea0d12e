import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import PostgresNIO

extension PostgresAgencyStore {
    /// The account page (`FieldPlanStore.accountDetail`): the account with its zone and agent,
    /// facts, promises, appointments, planned stops and audit, in one read-only transaction.
    /// The national id is removed here, before anything can print it.
    /// - Complexity: seven indexed reads on one connection; the planned stops scan
    ///   `plan_visit`, as on SQLite.
    public func accountDetail(id: String, now: Int64?) throws -> AccountDetail? {
        let settings = try self.settings()
        let clock = FieldPlanStore.clock(timeZone: settings.timeZone)
        let today = clock.localDate(now ?? Self.now())
        return try write(readOnly: true) { connection in
            let logger = self.logger
            func rows(_ query: PostgresQuery) async throws -> [PostgresRow] { try await connection.query(query, logger: logger).collect() }
            guard let row = try await rows("""
                SELECT \(unescaped: PostgresColumns.account), hold_until FROM account WHERE id = \(id)
                """).first else { return nil }
            var columns = PostgresColumns(row)
            var account = try columns.account()
            let holdUntil = try columns.text()
            account.nationalID = nil
            func origin(_ source: String?, _ line: Int64?) -> String? {
                guard let source else { return nil }
                return line.map { "\(source):\($0)" } ?? source
            }
            var zoneName: String?, agentID: String?, agentName: String?
            if let zoneID = account.zoneID, let zone = try await rows("""
                SELECT z.name, z.agent_id, a.name FROM zone z LEFT JOIN agent a ON a.id = z.agent_id WHERE z.id = \(zoneID)
                """).first {
                (zoneName, agentID, agentName) = try zone.decode((String?, String?, String?).self)
            }
            var outcomes: [AccountDetail.OutcomeEntry] = []
            for r in try await rows("""
                SELECT id, visited_epoch, agent_id, code, contact, promise_amount, promise_date, collected_amount, collected_receipt,
                    notes, next_visit_date, next_visit_from, next_visit_to, flagged, source, source_line
                FROM outcome WHERE account_id = \(id) ORDER BY visited_epoch, id
                """) {
                var c = PostgresColumns(r)
                let outcomeID = try c.text() ?? "", epoch = try c.int64() ?? 0, agent = try c.text() ?? "", code = try c.text() ?? ""
                let contact = try c.text(), promiseAmount = try c.int64(), promiseDate = try c.text()
                let collected = try c.int64(), receipt = try c.text(), notes = try c.text()
                let date = try c.text(), from = try c.text(), to = try c.text(), flagged = try c.text()
                let source = try c.text(), line = try c.int64()
                let next = date.map { date in from.map { "\(date) \($0)-\(to ?? "")" } ?? date }
                outcomes.append(AccountDetail.OutcomeEntry(
                    id: outcomeID, visitedAt: clock.instant(epoch), agentID: agent, code: code, contact: contact,
                    promiseAmount: promiseAmount.map(Money.init(minorUnits:)), promiseDate: promiseDate,
                    collected: collected.map(Money.init(minorUnits:)), receipt: receipt, notes: notes, nextVisit: next,
                    flagged: flagged, origin: origin(source, line)))
            }
            var payments: [AccountDetail.PaymentEntry] = []
            for r in try await rows("""
                SELECT id, paid_epoch, amount, reference, channel, source, source_line FROM payment
                WHERE account_id = \(id) ORDER BY paid_epoch, id
                """) {
                let (paymentID, epoch, amount, reference, channel, source, line) =
                    try r.decode((String, Int64, Int64, String?, String?, String?, Int64?).self)
                payments.append(AccountDetail.PaymentEntry(id: paymentID, paidAt: clock.instant(epoch), amount: Money(minorUnits: amount),
                                                           reference: reference, channel: channel, origin: origin(source, line)))
            }
            var promises: [AccountDetail.PromiseEntry] = []
            for r in try await rows("""
                SELECT outcome_id, made_at, amount, due_date, state, partial, paid FROM promise
                WHERE account_id = \(id) ORDER BY due_date, id
                """) {
                let (outcomeID, madeAt, amount, due, state, partial, paid) =
                    try r.decode((String, String?, Int64, String, String, Int64, Int64).self)
                promises.append(AccountDetail.PromiseEntry(
                    outcomeID: outcomeID, madeAt: madeAt, amount: Money(minorUnits: amount), due: due,
                    state: PromiseState.shown(stored: state, partial: partial != 0, due: due, paid: paid, amount: amount, today: today),
                    paid: Money(minorUnits: paid)))
            }
            var appointments: [AccountDetail.AppointmentEntry] = []
            for r in try await rows("""
                SELECT id, date, from_time, to_time, agent_id, outcome_id FROM appointment
                WHERE account_id = \(id) ORDER BY date, from_time, id
                """) {
                let (appointmentID, date, from, to, agent, outcome) = try r.decode((String, String, String, String, String?, String?).self)
                appointments.append(AccountDetail.AppointmentEntry(id: appointmentID, date: date, from: from, to: to, agentID: agent,
                                                                   kind: outcome == nil ? "appointment" : "callback"))
            }
            var planned: [AccountDetail.PlannedVisitEntry] = []
            for r in try await rows("""
                SELECT p.date, p.version, v.agent_id, v.line FROM plan_visit v JOIN plan p ON p.id = v.plan_id
                WHERE v.account_id = \(id) AND p.version = (SELECT MAX(version) FROM plan WHERE date = p.date)
                ORDER BY p.date, v.agent_id
                """) {
                let (date, version, agent, line) = try r.decode((String, Int64, String, String).self)
                var entry = AccountDetail.PlannedVisitEntry(date: date, version: Int(version), agentID: agent)
                if case .object(let o)? = try? JSONParser.parse(line) {
                    if case .number(let n)? = o["seq"] { entry.seq = Int(n) }
                    if case .string(let eta)? = o["eta"], eta.count >= 16 { entry.eta = String(eta.dropFirst(11).prefix(5)) }
                    if case .string(let reason)? = o["reason"] { entry.reason = reason }
                }
                planned.append(entry)
            }
            var audit: [AccountDetail.AuditLine] = []
            for r in try await rows("""
                SELECT at, field, old, new, actor, fact_kind, fact_id, source, line FROM audit WHERE account_id = \(id) ORDER BY id
                """) {
                var c = PostgresColumns(r)
                let at = try c.int64() ?? 0, field = try c.text() ?? "", old = try c.text(), new = try c.text(), actor = try c.text()
                let kind = try c.text(), factID = try c.text(), source = try c.text(), line = try c.int64()
                audit.append(AccountDetail.AuditLine(at: clock.instant(at), field: field, old: old, new: new, actor: actor,
                                                     fact: kind.map { k in factID.map { "\(k) \($0)" } ?? k },
                                                     origin: source.map { s in line.map { "\(s):\($0)" } ?? s }))
            }
            return AccountDetail(account: account, currency: account.currency ?? settings.currency, holdUntil: holdUntil,
                                 zoneName: zoneName, agentID: agentID, agentName: agentName, outcomes: outcomes, payments: payments,
                                 promises: promises, appointments: appointments, plannedVisits: planned, audit: audit)
        }
    }
}
