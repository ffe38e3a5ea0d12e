import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Logging
import PostgresNIO

/// What replaying accounts writes on PostgreSQL, gathered as COPY rows (derived states,
/// promises, review flags, audit rows: written by one statement each at the end) and, for
/// the rare clearance and call-back appointment, written at once: SQLite's
/// `AccountEffects.replay`, line for line, so the same history writes the same rows.
struct PostgresFactReplay {
    let run: Int64
    let now: Int64
    let today: CivilDate
    let visitingHours: TimeWindow
    var states = CopyRows()
    var promises = CopyRows()
    var flags = CopyRows()
    var audits = CopyRows()
    private var ord: Int64 = 0
    /// Statements sent one by one (clearances, call-back appointments), for the phase timer.
    private(set) var statements = 0

    init(run: Int64, now: Int64, today: CivilDate, visitingHours: TimeWindow) {
        self.run = run
        self.now = now
        self.today = today
        self.visitingHours = visitingHours
    }

    private static func location(_ lat: Double?, _ lon: Double?) -> String? {
        guard let lat, let lon else { return nil }
        return "\(JSONWriter.number(lat)),\(JSONWriter.number(lon))"
    }

    @discardableResult
    private mutating func query(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> PostgresRowSequence {
        statements += 1
        return try await connection.query(query, logger: logger)
    }

    /// Recomputes one account from its snapshot and all its facts (`AccountFold`) and records
    /// what changed, with one audit row per changed field naming the fact that changed it.
    mutating func account(_ h: AccountEffects.History, on connection: PostgresConnection, logger: Logger) async throws {
        let fold = AccountFold(h, run: run, today: today)
        let accountID = h.account.id, old = h.account.old, new = fold.state
        let latestNew = fold.latestNew
        var audit: [(field: String, old: String?, new: String?, cause: AccountEffects.Cause?)] = []
        if new != old {
            ord += 1
            states.int(ord); states.text(accountID); states.int(new.balance); states.text(new.status); states.double(new.lat)
            states.double(new.lon); states.text(new.holdUntil); states.end()
            if new.balance != old.balance {
                audit.append(("balance", Money(minorUnits: old.balance).decimalText, Money(minorUnits: new.balance).decimalText,
                              fold.balanceCause ?? latestNew))
            }
            if new.status != old.status { audit.append(("status", old.status, new.status, fold.statusCause ?? latestNew)) }
            if new.lat != old.lat || new.lon != old.lon {
                audit.append(("location", Self.location(old.lat, old.lon), Self.location(new.lat, new.lon), fold.locationCause ?? latestNew))
            }
            if new.holdUntil != old.holdUntil { audit.append(("hold_until", old.holdUntil, new.holdUntil, fold.outcomes.last?.cause)) }
        }
        for (i, o) in fold.outcomes.enumerated() {
            let text = fold.flags[i].isEmpty ? nil : fold.flags[i].joined(separator: "; ")
            if text != o.flagged {
                flags.text(o.id); flags.text(text); flags.end()
            }
        }
        for p in fold.promises {
            let before = h.storedPromises[p.outcome]
            if before == nil || before!.state != p.state || before!.paid != p.paid || before!.partial != p.partial {
                ord += 1
                promises.int(ord); promises.text(accountID); promises.text(p.outcome); promises.int(p.amount); promises.text(p.due.description)
                promises.text(p.state); promises.int(p.paid); promises.text(p.made); promises.int(p.partial ? 1 : 0); promises.end()
                if before?.state != p.state {
                    audit.append(("promise \(p.outcome)", before?.state, p.state + (p.partial ? " (partially kept)" : ""), latestNew))
                }
            }
        }
        // Clearance: a balance brought to zero by payments waits for accounts to confirm it.
        if let zero = fold.zeroCredit, new.balance == 0 {
            if h.clearance == nil {
                try await query("""
                    INSERT INTO clearance(account_id, cleared_at, fact_id, state, created_at) VALUES (\(accountID), \(zero.at), \(zero.id), 'pending', \(now))
                    """, on: connection, logger: logger)
                audit.append(("clearance", nil, "pending", zero.cause))
            } else if h.clearance!.state == "pending" && h.clearance!.fact != zero.id {
                try await query("UPDATE clearance SET cleared_at = \(zero.at), fact_id = \(zero.id) WHERE account_id = \(accountID)",
                                on: connection, logger: logger)
            }
        } else if let clearance = h.clearance, clearance.state == "pending" {
            try await query("DELETE FROM clearance WHERE account_id = \(accountID)", on: connection, logger: logger)
            audit.append(("clearance", "pending", nil, latestNew))
        }
        // The call-back appointment: only the latest outcome's, if it is a CALLBACK.
        let appointmentID = fold.callback.map { "callback-" + $0.id }
        for id in h.callbackAppointments where id != appointmentID {
            try await query("DELETE FROM appointment WHERE id = \(id)", on: connection, logger: logger)
            audit.append(("appointment", id, nil, latestNew))
        }
        if let callback = fold.callback, let appointmentID, let date = callback.nextDate {
            let from = callback.nextFrom ?? visitingHours.from.description
            let to = callback.nextTo ?? visitingHours.to.description
            let changed = try await query("""
                INSERT INTO appointment(id, account_id, date, from_time, to_time, agent_id, updated_at, outcome_id)
                VALUES (\(appointmentID), \(accountID), \(date), \(from), \(to), NULL, \(now), \(callback.id))
                ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, date = excluded.date, from_time = excluded.from_time,
                    to_time = excluded.to_time, outcome_id = excluded.outcome_id, updated_at = excluded.updated_at
                WHERE appointment.account_id IS DISTINCT FROM excluded.account_id OR appointment.date IS DISTINCT FROM excluded.date
                    OR appointment.from_time IS DISTINCT FROM excluded.from_time OR appointment.to_time IS DISTINCT FROM excluded.to_time
                    OR appointment.outcome_id IS DISTINCT FROM excluded.outcome_id
                RETURNING 1
                """, on: connection, logger: logger).collect().count
            if changed > 0 && !h.callbackAppointments.contains(appointmentID) {
                audit.append(("appointment", nil, "\(appointmentID) \(date) \(from)-\(to)", callback.cause))
            }
        }
        for a in audit {
            ord += 1
            audits.int(ord); audits.text(accountID); audits.text(a.cause?.source ?? "review of due promises"); audits.int(a.cause?.line)
            audits.text(a.cause?.kind); audits.text(a.cause?.id); audits.text(a.cause?.actor); audits.text(a.field); audits.text(a.old)
            audits.text(a.new); audits.end()
        }
    }
}
