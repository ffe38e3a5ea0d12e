import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Logging
import PostgresNIO

/// What replaying accounts writes on PostgreSQL, gathered as COPY rows (derived states,
/// promises, review flags, audit rows: written by one statement each at the end) and, for
/// the clearances and call-back appointments, queued and written one statement per kind
/// (`writeQueued`): SQLite's `AccountEffects.replay`, line for line, so the same history
/// writes the same rows.
struct PostgresFactReplay {
    let run: Int64
    let now: Int64
    let today: CivilDate
    let visitingHours: TimeWindow
    /// Whether the caller stores this run's outcomes after the replay, with their flags
    /// (`newFlags`), rather than before it (then their flags are updated, as any other's).
    let flagsGoWithNewFacts: Bool
    /// Derived states to insert or update, `ord` first.
    var states = CopyRows()
    /// The accounts known to have no `account_state` row yet (set by the bulk path from its
    /// look-up): their derived states go to `newStates`, copied straight into the table.
    var withoutState: Set<String> = []
    /// Derived states of the accounts in `withoutState`, as rows of `account_state`
    /// (`newStateColumns`).
    var newStates = CopyRows()
    static let newStateColumns = ["account_id", "balance", "status", "lat", "lon", "hold_until", "updated_at"]
    /// Promises to insert or update, `ord` first.
    var promises = CopyRows()
    /// With `flagsGoWithNewFacts`, the promises of this run's outcomes, as rows of the
    /// `promise` table (`newPromiseColumns`): none of them can be stored yet.
    var newPromises = CopyRows()
    static let newPromiseColumns = ["account_id", "outcome_id", "amount", "due_date", "state", "paid", "made_at", "partial", "updated_at"]
    var flags = CopyRows()
    /// The audit rows, in the order they were made; `ord` orders them (an appointment's row
    /// is known only after its upsert, so it comes in late).
    private(set) var auditRows: [AuditRow] = []
    /// The review flags of this run's outcomes, by id (only those flagged), when
    /// `flagsGoWithNewFacts`.
    private(set) var newFlags: [String: String] = [:]
    private var ord: Int64 = 0
    /// Clearance and call-back writes waiting for `writeQueued`, in replay order.
    private var queued: [Write] = []
    /// Statements sent by `writeQueued`, for the phase timer.
    private(set) var statements = 0

    /// A write to a clearance or a call-back appointment. An appointment's audit row is
    /// known only once the upsert says whether it changed anything.
    enum Write {
        case insertClearance(account: String, at: String, fact: String)
        case updateClearance(account: String, at: String, fact: String)
        case deleteClearance(account: String)
        case deleteAppointment(id: String)
        case upsertAppointment(id: String, account: String, date: String, from: String, to: String, outcome: String, audit: AuditRow?)
    }

    /// An audit row with its place (`ord`) in the run's audit.
    struct AuditRow {
        var ord: Int64
        var account: String
        var field: String
        var old: String?
        var new: String?
        var cause: AccountEffects.Cause?
    }

    init(run: Int64, now: Int64, today: CivilDate, visitingHours: TimeWindow, flagsGoWithNewFacts: Bool = false) {
        self.run = run
        self.now = now
        self.today = today
        self.visitingHours = visitingHours
        self.flagsGoWithNewFacts = flagsGoWithNewFacts
    }

    private static func location(_ lat: Double?, _ lon: Double?) -> String? {
        guard let lat, let lon else { return nil }
        return "\(JSONWriter.number(lat)),\(JSONWriter.number(lon))"
    }

    /// Recomputes one account and writes what changed at once: `record` and `writeQueued`.
    mutating func account(_ h: AccountEffects.History, on connection: PostgresConnection, logger: Logger) async throws {
        record(h)
        try await writeQueued(on: connection, logger: logger)
    }

    /// Recomputes one account from its snapshot and all its facts (`AccountFold`) and records
    /// what changed, with one audit row per changed field naming the fact that changed it.
    /// Nothing is sent: clearances and call-backs wait for `writeQueued`.
    mutating func record(_ h: AccountEffects.History) {
        let fold = AccountFold(h, run: run, today: today)
        let accountID = h.account.id, old = h.account.old, new = fold.state
        let latestNew = fold.latestNew
        var audit: [(field: String, old: String?, new: String?, cause: AccountEffects.Cause?)] = []
        if new != old {
            ord += 1
            if withoutState.contains(accountID) {
                newStates.text(accountID); newStates.int(new.balance); newStates.text(new.status); newStates.double(new.lat)
                newStates.double(new.lon); newStates.text(new.holdUntil); newStates.int(now); newStates.end()
            } else {
                states.int(ord); states.text(accountID); states.int(new.balance); states.text(new.status); states.double(new.lat)
                states.double(new.lon); states.text(new.holdUntil); states.end()
            }
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
            if flagsGoWithNewFacts && o.run == run {
                if let text { newFlags[o.id] = text }
            } else if text != o.flagged {
                flags.text(o.id); flags.text(text); flags.end()
            }
        }
        // A promise of an outcome this run stores cannot be stored yet (outcomes are never
        // deleted): the bulk path copies those straight into the table.
        let run = self.run
        func storedNow(_ outcome: String) -> Bool { flagsGoWithNewFacts && fold.outcomes.contains { $0.run == run && $0.id == outcome } }
        for p in fold.promises {
            let before = h.storedPromises[p.outcome]
            if before == nil || before!.state != p.state || before!.paid != p.paid || before!.partial != p.partial {
                ord += 1
                if before == nil && storedNow(p.outcome) {
                    newPromises.text(accountID); newPromises.text(p.outcome); newPromises.int(p.amount)
                    newPromises.text(p.due.description); newPromises.text(p.state); newPromises.int(p.paid); newPromises.text(p.made)
                    newPromises.int(p.partial ? 1 : 0); newPromises.int(now); newPromises.end()
                } else {
                    promises.int(ord); promises.text(accountID); promises.text(p.outcome); promises.int(p.amount)
                    promises.text(p.due.description); promises.text(p.state); promises.int(p.paid); promises.text(p.made)
                    promises.int(p.partial ? 1 : 0); promises.end()
                }
                if before?.state != p.state {
                    audit.append(("promise \(p.outcome)", before?.state, p.state + (p.partial ? " (partially kept)" : ""), latestNew))
                }
            }
        }
        // Clearance: a balance brought to zero by payments waits for accounts to confirm it.
        if let zero = fold.zeroCredit, new.balance == 0 {
            if h.clearance == nil {
                queued.append(.insertClearance(account: accountID, at: zero.at, fact: zero.id))
                audit.append(("clearance", nil, "pending", zero.cause))
            } else if h.clearance!.state == "pending" && h.clearance!.fact != zero.id {
                queued.append(.updateClearance(account: accountID, at: zero.at, fact: zero.id))
            }
        } else if let clearance = h.clearance, clearance.state == "pending" {
            queued.append(.deleteClearance(account: accountID))
            audit.append(("clearance", "pending", nil, latestNew))
        }
        // The call-back appointment: only the latest outcome's, if it is a CALLBACK.
        let appointmentID = fold.callback.map { "callback-" + $0.id }
        for id in h.callbackAppointments where id != appointmentID {
            queued.append(.deleteAppointment(id: id))
            audit.append(("appointment", id, nil, latestNew))
        }
        for a in audit {
            ord += 1
            appendAudit(AuditRow(ord: ord, account: accountID, field: a.field, old: a.old, new: a.new, cause: a.cause))
        }
        if let callback = fold.callback, let appointmentID, let date = callback.nextDate {
            let from = callback.nextFrom ?? visitingHours.from.description
            let to = callback.nextTo ?? visitingHours.to.description
            // Audited (last of the account's rows) when the upsert changes it and it is not the
            // account's already.
            var row: AuditRow?
            if !h.callbackAppointments.contains(appointmentID) {
                ord += 1
                row = AuditRow(ord: ord, account: accountID, field: "appointment", old: nil, new: "\(appointmentID) \(date) \(from)-\(to)",
                               cause: callback.cause)
            }
            queued.append(.upsertAppointment(id: appointmentID, account: accountID, date: date, from: from, to: to, outcome: callback.id,
                                             audit: row))
        }
    }

    private mutating func appendAudit(_ a: AuditRow) {
        auditRows.append(a)
    }

    /// The columns of `auditCopyRows(at:)`: those of the `audit` table, in its order.
    static let auditColumns = ["at", "run", "account_id", "source", "line", "fact_kind", "fact_id", "actor", "field", "old", "new"]

    /// The audit rows in `ord` order as rows of the `audit` table (`auditColumns`), stamped
    /// `at`, handed to `send` a chunk at a time as they are made, so they can be copied
    /// straight in (getting their ids in the run's order) while the rest are still made.
    /// Answers how many rows were sent.
    func sendAuditRows(at: Int64, _ send: (ByteBuffer) async throws -> Void) async throws -> Int {
        var rows = CopyRows()
        for a in auditRows.sorted(by: { $0.ord < $1.ord }) {
            rows.int(at); rows.int(run)
            Self.appendAuditFields(a, to: &rows)
            for chunk in rows.takeFullChunks() { try await send(chunk) }
        }
        for chunk in rows.all { try await send(chunk) }
        return rows.count
    }

    /// The audit rows with their `ord` first (`ord, account_id, source, line, fact_kind,
    /// fact_id, actor, field, old, new`), for a statement that orders them itself.
    var audits: CopyRows {
        var rows = CopyRows()
        for a in auditRows {
            rows.int(a.ord)
            Self.appendAuditFields(a, to: &rows)
        }
        return rows
    }

    private static func appendAuditFields(_ a: AuditRow, to rows: inout CopyRows) {
        rows.text(a.account); rows.text(a.cause?.source ?? "review of due promises"); rows.int(a.cause?.line)
        rows.text(a.cause?.kind); rows.text(a.cause?.id); rows.text(a.cause?.actor); rows.text(a.field); rows.text(a.old)
        rows.text(a.new); rows.end()
    }

    /// Writes the queued clearances and call-back appointments: one statement per kind of
    /// write for all of them, and the audit rows of the appointments the upsert changed. Each
    /// account's clearance is its own; an appointment deleted by one account and upserted by
    /// another (an id a client file reused) is written one by one in replay order instead,
    /// so the result is always that of the writes in order.
    mutating func writeQueued(on connection: PostgresConnection, logger: Logger) async throws {
        guard !queued.isEmpty else { return }
        let writes = queued
        queued = []
        var insertClearance: (accounts: [String], at: [String], facts: [String]) = ([], [], [])
        var updateClearance: (accounts: [String], at: [String], facts: [String]) = ([], [], [])
        var deleteClearance: [String] = [], deleteAppointment: [String] = []
        var upserts: (ids: [String], accounts: [String], dates: [String], from: [String], to: [String], outcomes: [String]) = ([], [], [], [], [], [])
        var pending: [String: AuditRow] = [:]
        for write in writes {
            switch write {
            case .insertClearance(let account, let at, let fact):
                insertClearance.accounts.append(account); insertClearance.at.append(at); insertClearance.facts.append(fact)
            case .updateClearance(let account, let at, let fact):
                updateClearance.accounts.append(account); updateClearance.at.append(at); updateClearance.facts.append(fact)
            case .deleteClearance(let account):
                deleteClearance.append(account)
            case .deleteAppointment(let id):
                deleteAppointment.append(id)
            case .upsertAppointment(let id, let account, let date, let from, let to, let outcome, let audit):
                upserts.ids.append(id); upserts.accounts.append(account); upserts.dates.append(date); upserts.from.append(from)
                upserts.to.append(to); upserts.outcomes.append(outcome)
                if let audit { pending[id] = audit }
            }
        }
        func send(_ query: PostgresQuery) async throws -> [PostgresRow] {
            statements += 1
            return try await connection.query(query, logger: logger).collect()
        }
        if !insertClearance.accounts.isEmpty {
            _ = try await send("""
                INSERT INTO clearance(account_id, cleared_at, fact_id, state, created_at)
                SELECT account_id, cleared_at, fact_id, 'pending', \(now)
                FROM unnest(\(insertClearance.accounts)::text[], \(insertClearance.at)::text[], \(insertClearance.facts)::text[])
                    AS c(account_id, cleared_at, fact_id)
                """)
        }
        if !updateClearance.accounts.isEmpty {
            _ = try await send("""
                UPDATE clearance SET cleared_at = c.cleared_at, fact_id = c.fact_id
                FROM unnest(\(updateClearance.accounts)::text[], \(updateClearance.at)::text[], \(updateClearance.facts)::text[])
                    AS c(account_id, cleared_at, fact_id)
                WHERE clearance.account_id = c.account_id
                """)
        }
        if !deleteClearance.isEmpty {
            _ = try await send("DELETE FROM clearance WHERE account_id = ANY(\(deleteClearance))")
        }
        let upsertIDs = Set(upserts.ids)
        let inOrder = upsertIDs.count != upserts.ids.count || deleteAppointment.contains(where: upsertIDs.contains)
        var changed: Set<String> = []
        if inOrder {
            for write in writes {
                switch write {
                case .deleteAppointment(let id):
                    _ = try await send("DELETE FROM appointment WHERE id = \(id)")
                case .upsertAppointment(let id, let account, let date, let from, let to, let outcome, _):
                    for row in try await send("""
                        INSERT INTO appointment(id, account_id, date, from_time, to_time, agent_id, updated_at, outcome_id)
                        VALUES (\(id), \(account), \(date), \(from), \(to), NULL, \(now), \(outcome))
                        \(unescaped: Self.appointmentConflict)
                        """) {
                        changed.insert(try row.decode(String.self))
                    }
                default:
                    break
                }
            }
        } else {
            if !deleteAppointment.isEmpty {
                _ = try await send("DELETE FROM appointment WHERE id = ANY(\(deleteAppointment))")
            }
            if !upserts.ids.isEmpty {
                for row in try await send("""
                    INSERT INTO appointment(id, account_id, date, from_time, to_time, agent_id, updated_at, outcome_id)
                    SELECT id, account_id, date, from_time, to_time, NULL, \(now), outcome_id
                    FROM unnest(\(upserts.ids)::text[], \(upserts.accounts)::text[], \(upserts.dates)::text[], \(upserts.from)::text[],
                                \(upserts.to)::text[], \(upserts.outcomes)::text[]) WITH ORDINALITY
                        AS u(id, account_id, date, from_time, to_time, outcome_id, n)
                    ORDER BY n
                    \(unescaped: Self.appointmentConflict)
                    """) {
                    changed.insert(try row.decode(String.self))
                }
            }
        }
        for id in upserts.ids where changed.contains(id) {
            if let row = pending[id] { appendAudit(row) }
        }
    }

    /// A call-back appointment's upsert: changed only where it differs; the ids changed.
    static let appointmentConflict = """
        ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, date = excluded.date, from_time = excluded.from_time,
            to_time = excluded.to_time, outcome_id = excluded.outcome_id, updated_at = excluded.updated_at
        WHERE appointment.account_id IS DISTINCT FROM excluded.account_id OR appointment.date IS DISTINCT FROM excluded.date
            OR appointment.from_time IS DISTINCT FROM excluded.from_time OR appointment.to_time IS DISTINCT FROM excluded.to_time
            OR appointment.outcome_id IS DISTINCT FROM excluded.outcome_id
        RETURNING appointment.id
        """
}
