import FieldPlanCore
import FieldPlanInterchange
import GRDB

/// Applies validated records to the store inside the caller's transaction: upserts by id
/// for accounts, agents, appointments and zones (telling a real change from a re-import
/// of the same content), insert-once for outcomes and payments, which are facts.
///
/// Statements are prepared once per import and bound in place: with a million lines,
/// the per-line overhead around SQLite matters more than SQLite itself.
final class RecordWriter {
    enum Applied { case accepted, unchanged }

    /// A reference to a record that is not (yet) in the store.
    struct MissingReference: Error { var error: FieldError }

    let db: Database
    let now: Int64
    /// Sync hook (issue 6): this import's run number, stamped on accounts' snapshots and on
    /// facts, and the engine that replays an account when a fact for it is stored.
    let run: Int64
    let effects: AccountEffects?
    /// Sync hook: the line being applied, for the facts' `source` and the audit trail.
    var origin: LineOrigin?
    /// The `import_source` id of each input of this run, by the name messages give it.
    var sourceIDs: [String: Int64] = [:]
    private var statements: [String: BoundStatement] = [:]
    /// One account packed at a time when it does not come packed already.
    private var scratch = PackedValues()

    init(db: Database, now: Int64, run: Int64 = 0, effects: AccountEffects? = nil) {
        self.db = db
        self.now = now
        self.run = run
        self.effects = effects
    }

    private func statement(_ key: String, _ sql: @autoclosure () -> String) throws -> BoundStatement {
        if let s = statements[key] { return s }
        let s = try BoundStatement(db, sql: sql(), cached: true)
        statements[key] = s
        return s
    }

    /// Applies an account, agent, appointment or zone. Facts wait in `AccountEffects` and
    /// come back through `applyFact`.
    func apply(_ record: FieldPlanCore.Record) throws -> Applied {
        switch record {
        case .account(let a): try applyAccount(a)
        case .agent(let a): try applyAgent(a)
        case .appointment(let a): try applyAppointment(a)
        case .zone(let z): try applyZone(z)
        case .outcome, .payment: preconditionFailure("facts are staged (AccountEffects.stage), not applied one by one")
        }
    }

    /// Stores a staged fact, given its account as `AccountEffects.flush` read it (nil: no
    /// such account).
    func applyFact(_ fact: StagedFact, account: AccountEffects.AccountRow?) throws -> Applied {
        origin = fact.origin
        guard let account else {
            throw MissingReference(error: FieldError("account_id", "no account \(JSONWriter.quoted(fact.accountID)) in this input or the store"))
        }
        switch fact.record {
        case .outcome(let o): return try applyOutcome(o, clientBalance: account.clientBalance)
        case .payment(let p): return try applyPayment(p, clientBalance: account.clientBalance)
        default: preconditionFailure("only outcomes and payments are staged")
        }
    }

    private func exists(_ table: String, _ id: String) throws -> Bool {
        // `account` is a view; its record table answers without the join.
        let stored = table == "account" ? "account_record" : table
        let s = try statement("exists-" + table, "SELECT 1 FROM \(stored) WHERE id = ?")
        s.bind(1, id)
        return try s.hasRow()
    }

    private func require(_ table: String, _ id: String?, field: String) throws {
        guard let id else { return }
        if try !exists(table, id) {
            throw MissingReference(error: FieldError(field, "no \(table) \(JSONWriter.quoted(id)) in this input or the store"))
        }
    }

    /// Agents known to exist: a sync file names the same few dozen on every line, and
    /// agents are never deleted during an import.
    private var knownAgents: Set<String> = []

    private func requireAgent(_ id: String?, field: String) throws {
        guard let id, !knownAgents.contains(id) else { return }
        try require("agent", id, field: field)
        knownAgents.insert(id)
    }

    private func applied(_ changes: Int) -> Applied { changes > 0 ? .accepted : .unchanged }

    /// The values of the account upsert, in parameter order: the reading thread packs a
    /// whole batch of accounts this way (`applyPackedAccount`).
    static let accountParameterCount = 25

    /// Packs `a` with the fields its line left out (`absent`, bound as one integer) and the
    /// line it came from (its file as an `import_source` id): a new account keeps it as its
    /// source, a change hands it to the audit trigger (`ClientFileAudit`).
    static func pack(_ a: Account, absent: AbsentFields, source: Int64, line: Int, now: Int64, run: Int64,
                     into packed: inout PackedValues) {
        packed.append(a.id); packed.append(a.client); packed.append(a.debtorName); packed.append(a.balance.minorUnits)
        packed.append(a.currency); packed.append(a.phone); packed.append(a.email); packed.append(a.nationalID)
        packed.append(a.address); packed.append(a.location?.lat); packed.append(a.location?.lon); packed.append(a.daysPastDue)
        packed.append(a.status?.rawValue); packed.append(a.visitWindow?.from.description)
        packed.append(a.visitWindow?.to.description); packed.append(a.serviceMinutes); packed.append(a.notes)
        packed.append(a.noVisitBefore?.description); packed.append(a.maxVisitsPerMonth); packed.append(a.zoneID)
        packed.append(now); packed.append(run); packed.append(absent.rawValue); packed.append(source); packed.append(line)
    }

    /// The zone id's place among the packed values.
    private static let packedZoneIndex = 19

    private func applyAccount(_ a: Account) throws -> Applied {
        scratch.removeAll()
        Self.pack(a, absent: origin?.absent ?? [], source: origin.flatMap { sourceIDs[$0.source] } ?? 0, line: origin?.line ?? 0,
                  now: now, run: run, into: &scratch)
        return try applyPackedAccount(scratch, at: 0)
    }

    /// `column = CASE WHEN <absent> THEN column ELSE ?n END` for each (column, parameter,
    /// bit), and the matching change test: a field the line left out neither changes nor
    /// counts as a change (SPEC §3). The mask is parameter `mask`.
    static func keeping(_ fields: [(column: String, parameter: Int, bit: AbsentFields)], mask: Int)
        -> (set: String, changed: String) {
        let set = fields.map { "\($0.column) = CASE WHEN ?\(mask) & \($0.bit.rawValue) THEN \($0.column) ELSE ?\($0.parameter) END" }
        let changed = fields.map { "((?\(mask) & \($0.bit.rawValue)) = 0 AND \($0.column) IS NOT ?\($0.parameter))" }
        return (set.joined(separator: ", "), changed.joined(separator: " OR "))
    }

    static let accountUpsert: String = {
        let kept = keeping([
            ("currency", 5, .currency), ("phone", 6, .phone), ("email", 7, .email), ("national_id", 8, .nationalID),
            ("address", 9, .address), ("days_past_due", 12, .daysPastDue), ("visit_window_from", 14, .visitWindow),
            ("visit_window_to", 15, .visitWindow), ("service_minutes", 16, .serviceMinutes), ("notes", 17, .notes),
            ("no_visit_before", 18, .noVisitBefore), ("max_visits_per_month", 19, .maxVisitsPerMonth),
        ], mask: 23)
        let location = AbsentFields.location.rawValue
        return """
            INSERT INTO account_record(id, client, debtor_name, balance, currency, phone, email, national_id, address, lat, lon,
                days_past_due, status, visit_window_from, visit_window_to, service_minutes, notes, no_visit_before,
                max_visits_per_month, zone_id, updated_at, balance_run, status_run, location_run, source_id, source_line)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, COALESCE(?13, 'open'), ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
                ?22, ?22, ?22, ?24, ?25)
            ON CONFLICT(id) DO UPDATE SET client = ?2, debtor_name = ?3, \(kept.set),
                zone_id = COALESCE(?20, zone_id), updated_at = ?21,
                -- Sync hook (issue 6): balance, status and location are the client's snapshot; a
                -- changed value is a new snapshot from this run (facts of later runs apply on top)
                -- and replaces what facts had derived (trigger account_record_snapshot).
                balance_run = CASE WHEN balance IS ?4 THEN balance_run ELSE ?22 END,
                balance = ?4,
                location_run = CASE WHEN ?23 & \(location) OR (lat IS ?10 AND lon IS ?11) THEN location_run ELSE ?22 END,
                lat = CASE WHEN ?23 & \(location) THEN lat ELSE ?10 END,
                lon = CASE WHEN ?23 & \(location) THEN lon ELSE ?11 END,
                status_run = CASE WHEN ?13 IS NULL OR status IS ?13 THEN status_run ELSE ?22 END,
                status = COALESCE(?13, status),
                -- The line of this change, for the audit trigger (ClientFileAudit); source_id
                -- and source_line keep the line that created the account.
                changed_source_id = ?24, changed_line = ?25
            WHERE client IS NOT ?2 OR debtor_name IS NOT ?3 OR balance IS NOT ?4 OR \(kept.changed)
                OR ((?23 & \(location)) = 0 AND (lat IS NOT ?10 OR lon IS NOT ?11))
                OR (?13 IS NOT NULL AND status IS NOT ?13) OR (?20 IS NOT NULL AND zone_id IS NOT ?20)
            """
    }()

    /// Upserts the account packed at `first` in `packed` (see `pack`).
    func applyPackedAccount(_ packed: PackedValues, at first: Int) throws -> Applied {
        try require("zone", packed.text(at: first + Self.packedZoneIndex), field: "zone_id")
        let s = try statement("account", Self.accountUpsert)
        return applied(try s.execute(packed, from: first, count: Self.accountParameterCount))
    }

    static let agentUpsert: String = {
        let kept = keeping([
            ("phone", 7, .phone), ("days", 8, .days), ("break_from", 9, .breakRule), ("break_to", 10, .breakRule),
            ("break_minutes", 11, .breakRule), ("max_visits", 12, .maxVisits), ("active", 13, .active),
        ], mask: 15)
        return """
            INSERT INTO agent(id, name, base_lat, base_lon, shift_start, shift_end, phone, days, break_from, break_to,
                break_minutes, max_visits, active, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
            ON CONFLICT(id) DO UPDATE SET name = ?2, base_lat = ?3, base_lon = ?4, shift_start = ?5, shift_end = ?6,
                \(kept.set), updated_at = ?14
            WHERE name IS NOT ?2 OR base_lat IS NOT ?3 OR base_lon IS NOT ?4 OR shift_start IS NOT ?5 OR shift_end IS NOT ?6
                OR \(kept.changed)
            """
    }()

    private func applyAgent(_ a: Agent) throws -> Applied {
        let s = try statement("agent", Self.agentUpsert)
        s.bind(1, a.id); s.bind(2, a.name); s.bind(3, a.base.lat); s.bind(4, a.base.lon)
        s.bind(5, a.shift.from.description); s.bind(6, a.shift.to.description); s.bind(7, a.phone)
        s.bind(8, a.days?.map(\.rawValue).joined(separator: ",")); s.bind(9, a.breakRule?.window.from.description)
        s.bind(10, a.breakRule?.window.to.description); s.bind(11, a.breakRule?.minutes); s.bind(12, a.maxVisits)
        s.bind(13, a.active); s.bind(14, now); s.bind(15, (origin?.absent ?? []).rawValue)
        return applied(try s.execute())
    }

    static let appointmentUpsert: String = {
        let kept = keeping([("agent_id", 6, .agentID)], mask: 8)
        return """
            INSERT INTO appointment(id, account_id, date, from_time, to_time, agent_id, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT(id) DO UPDATE SET account_id = ?2, date = ?3, from_time = ?4, to_time = ?5, \(kept.set), updated_at = ?7
            WHERE account_id IS NOT ?2 OR date IS NOT ?3 OR from_time IS NOT ?4 OR to_time IS NOT ?5 OR \(kept.changed)
            """
    }()

    private func applyAppointment(_ a: Appointment) throws -> Applied {
        try require("account", a.accountID, field: "account_id")
        try requireAgent(a.agentID, field: "agent_id")
        let s = try statement("appointment", Self.appointmentUpsert)
        s.bind(1, a.id); s.bind(2, a.accountID); s.bind(3, a.date.description); s.bind(4, a.window.from.description)
        s.bind(5, a.window.to.description); s.bind(6, a.agentID); s.bind(7, now); s.bind(8, (origin?.absent ?? []).rawValue)
        return applied(try s.execute())
    }

    static let zoneUpsert: String = {
        let kept = keeping([("name", 2, .name), ("agent_id", 3, .agentID)], mask: 5)
        return """
            INSERT INTO zone(id, name, agent_id, updated_at) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT(id) DO UPDATE SET \(kept.set), updated_at = ?4
            WHERE \(kept.changed)
            """
    }()

    private func applyZone(_ z: Zone) throws -> Applied {
        try requireAgent(z.agentID, field: "agent_id")
        let s = try statement("zone", Self.zoneUpsert)
        s.bind(1, z.id); s.bind(2, z.name); s.bind(3, z.agentID); s.bind(4, now); s.bind(5, (origin?.absent ?? []).rawValue)
        return applied(try s.execute())
    }

    /// The statement that finds a stored fact by id, per kind.
    private var findFact: [RecordKind: QueryStatement] = [:]

    /// Facts are stored once: the same id with the same content is a duplicate, with other
    /// content a conflict (the stored version stays; the new line is rejected and kept).
    private func storedFact(_ fact: FieldPlanCore.Record) throws -> Applied? {
        let kind = fact.kind
        if findFact[kind] == nil {
            let columns = kind == .outcome ? StoredFact.outcomeColumns : StoredFact.paymentColumns
            findFact[kind] = try QueryStatement(db, "SELECT \(columns) FROM \(kind.rawValue) WHERE id = ?", cached: true)
        }
        guard let stored = try StoredFact.find(kind, id: fact.id, statement: findFact[kind]!) else { return nil }
        if stored == fact { return .unchanged }
        let line = stored.map { RecordEncoder.line($0) } ?? "unreadable"
        throw FieldError("id", "conflict: \(kind.rawValue) \(JSONWriter.quoted(fact.id)) is already stored with other content (stored: \(line))")
    }

    /// A fact is checked, then inserted unless its id is stored already, in which case the
    /// stored fact decides: duplicate or conflict. New facts, most of a sync file, thus cost
    /// no lookup by id before their insert.
    private func applyOutcome(_ o: Outcome, clientBalance: Int64) throws -> Applied {
        try requireAgent(o.agentID, field: "agent_id")
        do {
            try effects?.check(o, clientBalance: clientBalance) // sync hook: absurd amounts are refused
        } catch {
            // A line stored already is a duplicate (or a conflict) whatever the balance is now.
            if let result = try storedFact(.outcome(o)) { return result }
            throw error
        }
        let s = try statement("outcome", """
            INSERT INTO outcome(id, account_id, agent_id, visited_at, visited_epoch, code, contact, promise_amount, promise_date,
                collected_amount, collected_receipt, location_lat, location_lon, location_accuracy_m, notes,
                next_visit_date, next_visit_from, next_visit_to, updated_at, run, source, source_line)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)
            ON CONFLICT(id) DO NOTHING
            """)
        s.bind(1, o.id); s.bind(2, o.accountID); s.bind(3, o.agentID); s.bind(4, o.visitedAt.text)
        s.bind(5, o.visitedAt.epochSeconds); s.bind(6, o.code.rawValue); s.bind(7, o.contact?.rawValue)
        s.bind(8, o.promise?.amount.minorUnits); s.bind(9, o.promise?.date.description); s.bind(10, o.collected?.amount.minorUnits)
        s.bind(11, o.collected?.receipt); s.bind(12, o.location?.coordinate.lat); s.bind(13, o.location?.coordinate.lon)
        s.bind(14, o.location?.accuracyMetres); s.bind(15, o.notes); s.bind(16, o.nextVisit?.date.description)
        s.bind(17, o.nextVisit?.window?.from.description); s.bind(18, o.nextVisit?.window?.to.description)
        s.bind(19, now); s.bind(20, run); s.bind(21, origin?.source); s.bind(22, origin?.line)
        if try s.execute() == 0 { return try storedFact(.outcome(o)) ?? .unchanged }
        return .accepted
    }

    private func applyPayment(_ p: Payment, clientBalance: Int64) throws -> Applied {
        do {
            try effects?.check(p, clientBalance: clientBalance) // sync hook
        } catch {
            if let result = try storedFact(.payment(p)) { return result }
            throw error
        }
        let s = try statement("payment", """
            INSERT INTO payment(id, account_id, amount, paid_at, paid_epoch, reference, channel, updated_at, run, source, source_line)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            ON CONFLICT(id) DO NOTHING
            """)
        s.bind(1, p.id); s.bind(2, p.accountID); s.bind(3, p.amount.minorUnits); s.bind(4, p.paidAt.text)
        s.bind(5, p.paidAt.epochSeconds); s.bind(6, p.reference); s.bind(7, p.channel); s.bind(8, now)
        s.bind(9, run); s.bind(10, origin?.source); s.bind(11, origin?.line)
        if try s.execute() == 0 { return try storedFact(.payment(p)) ?? .unchanged }
        return .accepted
    }
}
