import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Foundation
import Logging
import PostgresNIO

/// Outcomes and payments on PostgreSQL (`import` of them, `sync import`, `POST /api/sync`;
/// SPEC §6, §13), with SQLite's rules (`AccountEffects`, `RecordWriter`): a fact is stored
/// once; the same id with the same content again is `unchanged`, with other content a
/// conflict (refused, kept in `rejected_line`, queued for review); a fact for an account or
/// agent that is not there, or with an absurd amount, is refused; every account that got a
/// new fact (and every account whose pending promise passed its date) is replayed through the
/// same pure fold (`AccountFold`) and what changed is written with its audit rows.
///
/// Set-based, inside the import's one SERIALIZABLE transaction: the facts go in through
/// `COPY` into staging tables; the stored facts with the same ids, the accounts and the
/// missing agents are found by joins with them; the lines are decided in input order on the
/// calling side (a few hash look-ups a line), and the accepted ones are stored by one
/// `INSERT … SELECT … ON CONFLICT (id) DO NOTHING` per kind. The replay reads the histories
/// of a chunk of accounts with one query per table and writes derived states, promises,
/// flags and audit rows through `COPY` and one statement each.
///
/// Exactly once across instances: the import's advisory lock makes two transactions take
/// turns, and an outcome another instance stored after this transaction's snapshot makes the
/// insert fail with a serialization failure, so the whole transaction runs again and then
/// finds it stored (`unchanged`).
/// - Complexity: O(facts + facts of the replayed accounts); memory: the staged lines and
///   one chunk of histories.
enum PostgresFactSync {
    /// An outcome or payment read from the input.
    struct Line: Sendable {
        var record: Record
        var origin: LineOrigin
        /// Its place in the input (`ImportSummary.linesRead` before it).
        var seq: Int64
        var input: Int
    }

    /// A fact line refused. `phase` 1 is a missing reference of a plain import, which SQLite
    /// refuses only when it retries the line at the end (after every other refusal).
    struct Refused: Sendable {
        var seq: Int64
        var phase: Int
        var kind: String
        var id: String
        var error: FieldError
        var origin: LineOrigin
    }

    /// What the facts did, for the summary.
    struct Result: Sendable {
        var counts: [String: ImportSummary.Counts] = [:]
        var refused: [Refused] = []
        var conflicts = 0
        var flagged = 0
        /// Each applied (accepted or unchanged) kind and id with its last line, for corrections.
        var applied: [String: Int64] = [:]
    }

    /// How many accounts are replayed per read of their histories.
    static let chunkSize = 2048

    static let stagingTables = [
        """
        CREATE TEMP TABLE stage_outcome (seq BIGINT NOT NULL, id TEXT COLLATE "C" NOT NULL, account_id TEXT COLLATE "C",
            agent_id TEXT COLLATE "C", visited_at TEXT COLLATE "C", visited_epoch BIGINT, code TEXT COLLATE "C",
            contact TEXT COLLATE "C", promise_amount BIGINT, promise_date TEXT COLLATE "C", collected_amount BIGINT,
            collected_receipt TEXT COLLATE "C", location_lat DOUBLE PRECISION, location_lon DOUBLE PRECISION,
            location_accuracy_m DOUBLE PRECISION, notes TEXT COLLATE "C", next_visit_date TEXT COLLATE "C",
            next_visit_from TEXT COLLATE "C", next_visit_to TEXT COLLATE "C", source TEXT COLLATE "C", source_line BIGINT) ON COMMIT DROP
        """,
        """
        CREATE TEMP TABLE stage_payment (seq BIGINT NOT NULL, id TEXT COLLATE "C" NOT NULL, account_id TEXT COLLATE "C", amount BIGINT,
            paid_at TEXT COLLATE "C", paid_epoch BIGINT, reference TEXT COLLATE "C", channel TEXT COLLATE "C",
            source TEXT COLLATE "C", source_line BIGINT) ON COMMIT DROP
        """,
        """
        CREATE TEMP TABLE stage_state (ord BIGINT NOT NULL, account_id TEXT COLLATE "C" NOT NULL, balance BIGINT NOT NULL,
            status TEXT COLLATE "C" NOT NULL, lat DOUBLE PRECISION, lon DOUBLE PRECISION, hold_until TEXT COLLATE "C") ON COMMIT DROP
        """,
        """
        CREATE TEMP TABLE stage_promise (ord BIGINT NOT NULL, account_id TEXT COLLATE "C" NOT NULL, outcome_id TEXT COLLATE "C" NOT NULL,
            amount BIGINT NOT NULL, due_date TEXT COLLATE "C" NOT NULL, state TEXT COLLATE "C" NOT NULL, paid BIGINT NOT NULL,
            made_at TEXT COLLATE "C", partial BIGINT NOT NULL) ON COMMIT DROP
        """,
        """
        CREATE TEMP TABLE stage_flag (id TEXT COLLATE "C" NOT NULL, flagged TEXT COLLATE "C") ON COMMIT DROP
        """,
        """
        CREATE TEMP TABLE stage_audit (ord BIGINT NOT NULL, account_id TEXT COLLATE "C" NOT NULL, source TEXT COLLATE "C", line BIGINT,
            fact_kind TEXT COLLATE "C", fact_id TEXT COLLATE "C", actor TEXT COLLATE "C", field TEXT COLLATE "C" NOT NULL,
            old TEXT COLLATE "C", new TEXT COLLATE "C") ON COMMIT DROP
        """,
    ]

    static let outcomeColumns = ["seq", "id", "account_id", "agent_id", "visited_at", "visited_epoch", "code", "contact", "promise_amount",
                                 "promise_date", "collected_amount", "collected_receipt", "location_lat", "location_lon",
                                 "location_accuracy_m", "notes", "next_visit_date", "next_visit_from", "next_visit_to", "source", "source_line"]
    static let paymentColumns = ["seq", "id", "account_id", "amount", "paid_at", "paid_epoch", "reference", "channel", "source", "source_line"]

    /// Stores `lines` and replays their accounts on `connection`, inside the caller's
    /// transaction (after the import's other kinds, so the accounts and agents of the same
    /// input are there), and replays the accounts whose pending promise passed its date.
    static func apply(_ lines: [Line], sync: Bool, run: Int64, now: Int64, on connection: PostgresConnection,
                      logger: Logger) async throws -> Result {
        func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
            try await connection.query(query, logger: logger).collect()
        }
        func execute(_ sql: String) async throws { _ = try await rows(PostgresQuery(unsafeSQL: sql)) }
        func copy(_ table: String, _ columns: [String], _ data: CopyRows) async throws {
            guard data.count > 0 else { return }
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                for chunk in data.all { try await writer.write(chunk) }
            }
        }
        var timer = PhaseTimer()
        defer { timer.report("the facts (\(lines.count) lines)") }
        var settingRows: [(String, String)] = []
        for row in try await rows("SELECT key, value FROM setting ORDER BY key") { settingRows.append(try row.decode((String, String).self)) }
        let settings = PostgresAgencyStore.settings(from: settingRows)
        let offset = FieldPlanStore.utcOffset(timeZone: settings.timeZone, date: CivilDate(dayNumber: Int(now / 86_400)))
        let local = now + Int64(offset)
        let today = CivilDate(dayNumber: Int((local >= 0 ? local : local - 86_399) / 86_400))
        for statement in stagingTables { try await execute(statement) }
        timer.mark("settings and staging tables")

        var result = Result()
        var touched: Set<String> = []
        // Accounts that had facts before this run: SQLite replays them after those that had
        // none (at its last flush), and the audit's order follows.
        var hadFacts: Set<String> = []
        if !lines.isEmpty {
            var outcomes = CopyRows(), payments = CopyRows()
            for line in lines {
                switch line.record {
                case .outcome(let o):
                    outcomes.int(line.seq); outcomes.text(o.id); outcomes.text(o.accountID); outcomes.text(o.agentID)
                    outcomes.text(o.visitedAt.text); outcomes.int(o.visitedAt.epochSeconds); outcomes.text(o.code.rawValue)
                    outcomes.text(o.contact?.rawValue); outcomes.int(o.promise?.amount.minorUnits); outcomes.text(o.promise?.date.description)
                    outcomes.int(o.collected?.amount.minorUnits); outcomes.text(o.collected?.receipt)
                    outcomes.double(o.location?.coordinate.lat); outcomes.double(o.location?.coordinate.lon)
                    outcomes.double(o.location?.accuracyMetres); outcomes.text(o.notes); outcomes.text(o.nextVisit?.date.description)
                    outcomes.text(o.nextVisit?.window?.from.description); outcomes.text(o.nextVisit?.window?.to.description)
                    outcomes.text(line.origin.source); outcomes.int(line.origin.line)
                    outcomes.end()
                case .payment(let p):
                    payments.int(line.seq); payments.text(p.id); payments.text(p.accountID); payments.int(p.amount.minorUnits)
                    payments.text(p.paidAt.text); payments.int(p.paidAt.epochSeconds); payments.text(p.reference); payments.text(p.channel)
                    payments.text(line.origin.source); payments.int(line.origin.line)
                    payments.end()
                default:
                    break
                }
            }
            try await copy("stage_outcome", outcomeColumns, outcomes)
            try await copy("stage_payment", paymentColumns, payments)
            timer.mark("COPY to staging")
            if lines.count > 100_000 {
                try await execute("ANALYZE stage_outcome")
                try await execute("ANALYZE stage_payment")
            }
            timer.mark("ANALYZE staging")

            // What the lines are checked against, each found by one join with the staged lines.
            var clientBalance: [String: Int64] = [:]
            for row in try await rows("""
                SELECT a.id, a.balance FROM account_record a
                WHERE a.id IN (SELECT account_id FROM stage_outcome UNION SELECT account_id FROM stage_payment)
                """) {
                let (id, balance) = try row.decode((String, Int64).self)
                clientBalance[id] = balance
            }
            timer.mark("look-up accounts")
            for row in try await rows("""
                SELECT DISTINCT account_id FROM outcome WHERE account_id IN (SELECT account_id FROM stage_outcome UNION SELECT account_id FROM stage_payment)
                UNION SELECT DISTINCT account_id FROM payment
                WHERE account_id IN (SELECT account_id FROM stage_outcome UNION SELECT account_id FROM stage_payment)
                """) {
                hadFacts.insert(try row.decode(String.self))
            }
            timer.mark("look-up accounts with facts")
            var missingAgents: Set<String> = []
            for row in try await rows("""
                SELECT DISTINCT s.agent_id FROM stage_outcome s WHERE NOT EXISTS (SELECT 1 FROM agent a WHERE a.id = s.agent_id)
                """) {
                missingAgents.insert(try row.decode(String.self))
            }
            timer.mark("look-up missing agents")
            // The facts stored already with an id of the input (nil: stored values that no longer parse).
            var stored: [String: Record?] = [:]
            for row in try await rows(PostgresQuery(unsafeSQL: """
                SELECT \(prefixed(outcomeReadColumns, "o")) FROM outcome o WHERE o.id IN (SELECT id FROM stage_outcome)
                """)) {
                var c = PostgresColumns(row)
                let (id, outcome) = try storedOutcome(&c)
                stored["outcome\u{1F}" + id] = outcome.map(Record.outcome)
            }
            for row in try await rows(PostgresQuery(unsafeSQL: """
                SELECT \(prefixed(paymentReadColumns, "p")) FROM payment p WHERE p.id IN (SELECT id FROM stage_payment)
                """)) {
                var c = PostgresColumns(row)
                let (id, payment) = try storedPayment(&c)
                stored["payment\u{1F}" + id] = payment.map(Record.payment)
            }
            timer.mark("look-up stored facts")

            // Each line decided in input order, as SQLite's writer stores them one by one.
            var accepted: [String: [Int64]] = ["outcome": [], "payment": []]
            for line in lines {
                let kind = line.record.kind.rawValue, id = line.record.id
                let key = kind + "\u{1F}" + id
                func refuse(_ error: FieldError, phase: Int) {
                    result.counts[kind, default: ImportSummary.Counts()].rejected += 1
                    if error.field == "id" && error.reason.hasPrefix("conflict:") { result.conflicts += 1 }
                    result.refused.append(Refused(seq: line.seq, phase: phase, kind: kind, id: id, error: error, origin: line.origin))
                }
                func storedResult() -> FieldError?? {
                    guard let found = stored[key] else { return nil }
                    if found == line.record { return .some(nil) }
                    let text = found.map { RecordEncoder.line($0) } ?? "unreadable"
                    return .some(FieldError("id", "conflict: \(kind) \(JSONWriter.quoted(id)) is already stored with other content (stored: \(text))"))
                }
                func unchanged() {
                    result.counts[kind, default: ImportSummary.Counts()].unchanged += 1
                    result.applied[key] = line.seq
                }
                let accountID: String
                var amounts: [(Money, String)] = []
                switch line.record {
                case .outcome(let o):
                    accountID = o.accountID
                    if let c = o.collected { amounts.append((c.amount, "collected.amount")) }
                    if let p = o.promise { amounts.append((p.amount, "promise.amount")) }
                case .payment(let p):
                    accountID = p.accountID
                    amounts.append((p.amount, "amount"))
                default:
                    continue
                }
                // A missing reference waits for the end of a plain import (SQLite retries it there).
                let missingPhase = sync ? 0 : 1
                guard let balance = clientBalance[accountID] else {
                    refuse(FieldError("account_id", "no account \(JSONWriter.quoted(accountID)) in this input or the store"), phase: missingPhase)
                    continue
                }
                if case .outcome(let o) = line.record, missingAgents.contains(o.agentID) {
                    refuse(FieldError("agent_id", "no agent \(JSONWriter.quoted(o.agentID)) in this input or the store"), phase: missingPhase)
                    continue
                }
                do {
                    for (amount, field) in amounts { try AccountEffects.checkAmount(amount, clientBalance: balance, field: field) }
                } catch let error as FieldError {
                    // A line stored already is a duplicate (or a conflict) whatever the balance is now.
                    switch storedResult() {
                    case .some(.none): unchanged()
                    case .some(.some(let conflict)): refuse(conflict, phase: 0)
                    case .none: refuse(error, phase: 0)
                    }
                    continue
                }
                switch storedResult() {
                case .some(.none): unchanged(); continue
                case .some(.some(let conflict)): refuse(conflict, phase: 0); continue
                case .none: break
                }
                stored[key] = line.record
                accepted[kind]!.append(line.seq)
                result.counts[kind, default: ImportSummary.Counts()].accepted += 1
                result.applied[key] = line.seq
                touched.insert(accountID)
            }

            timer.mark("decide")
            // The accepted lines stored, once: another instance's insert of the same id after
            // this snapshot is a serialization failure (the transaction runs again).
            let outcomeSeqs = accepted["outcome"]!, paymentSeqs = accepted["payment"]!
            if !outcomeSeqs.isEmpty {
                let inserted = try await rows("""
                    WITH stored AS (
                        INSERT INTO outcome(id, account_id, agent_id, visited_at, visited_epoch, code, contact, promise_amount, promise_date,
                            collected_amount, collected_receipt, location_lat, location_lon, location_accuracy_m, notes,
                            next_visit_date, next_visit_from, next_visit_to, updated_at, run, source, source_line)
                        SELECT id, account_id, agent_id, visited_at, visited_epoch, code, contact, promise_amount, promise_date,
                            collected_amount, collected_receipt, location_lat, location_lon, location_accuracy_m, notes,
                            next_visit_date, next_visit_from, next_visit_to, \(now), \(run), source, source_line
                        FROM stage_outcome JOIN unnest(\(outcomeSeqs)::bigint[]) AS k(seq) USING (seq) ORDER BY seq
                        ON CONFLICT (id) DO NOTHING RETURNING 1
                    ) SELECT count(*) FROM stored
                    """).first?.decode(Int64.self) ?? 0
                if inserted != outcomeSeqs.count { throw ConcurrentFact(kind: "outcome") }
            }
            if !paymentSeqs.isEmpty {
                let inserted = try await rows("""
                    WITH stored AS (
                        INSERT INTO payment(id, account_id, amount, paid_at, paid_epoch, reference, channel, updated_at, run, source, source_line)
                        SELECT id, account_id, amount, paid_at, paid_epoch, reference, channel, \(now), \(run), source, source_line
                        FROM stage_payment JOIN unnest(\(paymentSeqs)::bigint[]) AS k(seq) USING (seq) ORDER BY seq
                        ON CONFLICT (id) DO NOTHING RETURNING 1
                    ) SELECT count(*) FROM stored
                    """).first?.decode(Int64.self) ?? 0
                if inserted != paymentSeqs.count { throw ConcurrentFact(kind: "payment") }
            }
            timer.mark("insert facts")
        }

        // Promises whose date passed break even without a new fact (SQLite's sweep, after the
        // accounts with new facts: those it replays again change nothing).
        var due: Set<String> = []
        for row in try await rows("SELECT DISTINCT account_id FROM promise WHERE state = 'pending' AND due_date < \(today.description)") {
            due.insert(try row.decode(String.self))
        }
        let accounts = touched.subtracting(hadFacts).sorted() + touched.intersection(hadFacts).sorted() + due.subtracting(touched).sorted()
        timer.mark("look-up due promises")
        var readTime = PhaseTimer(), foldTime = PhaseTimer()
        var replay = PostgresFactReplay(run: run, now: now, today: today, visitingHours: settings.visitingHours)
        var start = 0
        while start < accounts.count {
            let chunk = Array(accounts[start..<min(start + chunkSize, accounts.count)])
            var clock = PhaseTimer()
            let read = try await histories(chunk, on: connection, logger: logger)
            clock.mark("read")
            readTime.add(clock)
            for history in read {
                try await replay.account(history, on: connection, logger: logger)
            }
            clock.mark("fold")
            foldTime.add(clock)
            start += chunkSize
        }
        timer.mark("replay \(accounts.count) accounts (\(replay.statements) statements one by one)")
        timer.add(readTime, prefix: "  of which read histories")
        timer.add(foldTime, prefix: "  of which fold and clearances/call-backs")
        try await copy("stage_state", ["ord", "account_id", "balance", "status", "lat", "lon", "hold_until"], replay.states)
        try await copy("stage_promise", ["ord", "account_id", "outcome_id", "amount", "due_date", "state", "paid", "made_at", "partial"],
                       replay.promises)
        try await copy("stage_flag", ["id", "flagged"], replay.flags)
        try await copy("stage_audit", ["ord", "account_id", "source", "line", "fact_kind", "fact_id", "actor", "field", "old", "new"],
                       replay.audits)
        timer.mark("COPY results (\(replay.states.count) states, \(replay.promises.count) promises, \(replay.flags.count) flags, \(replay.audits.count) audits)")
        if replay.states.count > 0 {
            try await execute("""
                INSERT INTO account_state(account_id, balance, status, lat, lon, hold_until, updated_at)
                SELECT account_id, balance, status, lat, lon, hold_until, \(now) FROM stage_state ORDER BY ord
                ON CONFLICT (account_id) DO UPDATE SET balance = excluded.balance, status = excluded.status, lat = excluded.lat,
                    lon = excluded.lon, hold_until = excluded.hold_until, updated_at = excluded.updated_at
                """)
        }
        timer.mark("apply states")
        if replay.promises.count > 0 {
            try await execute("""
                INSERT INTO promise(account_id, outcome_id, amount, due_date, state, paid, made_at, partial, updated_at)
                SELECT account_id, outcome_id, amount, due_date, state, paid, made_at, partial, \(now) FROM stage_promise ORDER BY ord
                ON CONFLICT (outcome_id) DO UPDATE SET state = excluded.state, paid = excluded.paid, partial = excluded.partial,
                    updated_at = excluded.updated_at
                """)
        }
        timer.mark("apply promises")
        if replay.flags.count > 0 {
            try await execute("UPDATE outcome o SET flagged = f.flagged FROM stage_flag f WHERE o.id = f.id")
        }
        timer.mark("apply flags")
        if replay.audits.count > 0 {
            try await execute("""
                INSERT INTO audit(at, run, account_id, source, line, fact_kind, fact_id, actor, field, old, new)
                SELECT \(now), \(run), account_id, source, line, fact_kind, fact_id, actor, field, old, new FROM stage_audit ORDER BY ord
                """)
        }
        timer.mark("apply audit rows")
        result.flagged = Int(try await rows("SELECT count(*) FROM outcome WHERE run = \(run) AND flagged IS NOT NULL").first?.decode(Int64.self) ?? 0)
        timer.mark("count flagged")
        return result
    }

    /// An insert found the id stored by a transaction this one could not see: only possible
    /// outside `SERIALIZABLE`, where PostgreSQL reports it as a serialization failure itself.
    struct ConcurrentFact: Error, CustomStringConvertible {
        var kind: String
        var description: String { "another transaction stored the same \(kind) at the same moment; try again" }
    }

    // MARK: reading facts back

    /// An outcome's columns in the order `storedOutcome` reads them (SQLite's `StoredFact`).
    static let outcomeReadColumns = [
        "id", "account_id", "agent_id", "visited_at", "code", "contact", "promise_amount", "promise_date", "collected_amount",
        "collected_receipt", "location_lat", "location_lon", "location_accuracy_m", "notes", "next_visit_date", "next_visit_from",
        "next_visit_to",
    ]
    static let paymentReadColumns = ["id", "account_id", "amount", "paid_at", "reference", "channel"]

    static func prefixed(_ columns: [String], _ alias: String) -> String {
        columns.map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// The stored outcome, as SQLite's `StoredFact.outcome` rebuilds it; nil when a stored
    /// value no longer parses.
    static func storedOutcome(_ c: inout PostgresColumns) throws -> (String, Outcome?) {
        let id = try c.text() ?? "", account = try c.text() ?? "", agent = try c.text() ?? ""
        let visited = try c.text().flatMap { Instant($0) }, code = try c.text().flatMap(OutcomeCode.init(rawValue:))
        let contact = try c.text(), promiseAmount = try c.int64(), promiseDate = try c.text()
        let collected = try c.int64(), receipt = try c.text()
        let lat = try c.double(), lon = try c.double(), accuracy = try c.double(), notes = try c.text()
        let nextDate = try c.text(), nextFrom = try c.text(), nextTo = try c.text()
        guard let visited, let code else { return (id, nil) }
        var o = Outcome(id: id, accountID: account, agentID: agent, visitedAt: visited, code: code)
        o.contact = contact.flatMap(ContactType.init(rawValue:))
        if let promiseAmount, let date = promiseDate.flatMap({ CivilDate($0) }) {
            o.promise = Outcome.Promise(amount: Money(minorUnits: promiseAmount), date: date)
        }
        if let collected { o.collected = Outcome.Collection(amount: Money(minorUnits: collected), receipt: receipt) }
        if let lat, let lon, let coordinate = Coordinate(lat: lat, lon: lon) {
            o.location = Outcome.ReportedLocation(coordinate: coordinate, accuracyMetres: accuracy)
        }
        o.notes = notes
        if let date = nextDate.flatMap({ CivilDate($0) }) {
            var window: TimeWindow?
            if let from = nextFrom.flatMap({ LocalTime($0) }), let to = nextTo.flatMap({ LocalTime($0) }) {
                window = TimeWindow(from: from, to: to)
            }
            o.nextVisit = Outcome.NextVisit(date: date, window: window)
        }
        return (id, o)
    }

    static func storedPayment(_ c: inout PostgresColumns) throws -> (String, Payment?) {
        let id = try c.text() ?? "", account = try c.text() ?? "", amount = try c.int64() ?? 0
        let paidAt = try c.text().flatMap { Instant($0) }, reference = try c.text(), channel = try c.text()
        guard let paidAt else { return (id, nil) }
        var p = Payment(id: id, accountID: account, amount: Money(minorUnits: amount), paidAt: paidAt)
        p.reference = reference
        p.channel = channel
        return (id, p)
    }

    /// The histories of `ids`, in that order, for accounts that exist: one query per
    /// table for the whole chunk. What facts alone make (promises, clearances, call-back
    /// appointments) is kept only where facts could have made it, as SQLite reads it.
    static func histories(_ ids: [String], on connection: PostgresConnection, logger: Logger) async throws -> [AccountEffects.History] {
        func rows(_ query: PostgresQuery) async throws -> [PostgresRow] { try await connection.query(query, logger: logger).collect() }
        var accounts: [String: AccountEffects.AccountRow] = [:]
        for row in try await rows("""
            SELECT a.id, COALESCE(s.balance, a.balance), COALESCE(s.status, a.status),
                   CASE WHEN s.account_id IS NULL THEN a.lat ELSE s.lat END, CASE WHEN s.account_id IS NULL THEN a.lon ELSE s.lon END,
                   s.hold_until, a.balance, a.status, a.lat, a.lon, a.balance_run, a.status_run, a.location_run, z.agent_id
            FROM account_record a LEFT JOIN account_state s ON s.account_id = a.id LEFT JOIN zone z ON z.id = a.zone_id
            WHERE a.id = ANY(\(ids))
            """) {
            var c = PostgresColumns(row)
            let id = try c.text() ?? ""
            let old = AccountEffects.State.make(balance: try c.int64() ?? 0, status: try c.text() ?? "open", lat: try c.double(),
                                                lon: try c.double(), holdUntil: try c.text())
            accounts[id] = AccountEffects.AccountRow.make(
                id: id, old: old, clientBalance: try c.int64() ?? 0, clientStatus: try c.text() ?? "open", clientLat: try c.double(),
                clientLon: try c.double(), balanceRun: try c.int64() ?? 0, statusRun: try c.int64() ?? 0, locationRun: try c.int64() ?? 0,
                zoneAgent: try c.text())
        }
        var outcomes: [String: [AccountEffects.Fact]] = [:]
        for row in try await rows("""
            SELECT account_id, id, agent_id, visited_at, visited_epoch, code, contact, promise_amount, promise_date, collected_amount,
                   collected_receipt, next_visit_date, next_visit_from, next_visit_to, run, flagged, source, source_line
            FROM outcome WHERE account_id = ANY(\(ids))
            """) {
            var c = PostgresColumns(row)
            let account = try c.text() ?? ""
            let fact = AccountEffects.Fact.make(
                id: try c.text() ?? "", agent: try c.text() ?? "", at: try c.text() ?? "", epoch: try c.int64() ?? 0,
                code: try c.text().flatMap(OutcomeCode.init(rawValue:)), contact: try c.text(), promiseAmount: try c.int64(),
                promiseDate: try c.text().flatMap { CivilDate($0) }, collected: try c.int64(), receipt: try c.text(),
                nextDate: try c.text(), nextFrom: try c.text(), nextTo: try c.text(), run: try c.int64() ?? 0, flagged: try c.text(),
                source: try c.text(), line: try c.int())
            outcomes[account, default: []].append(fact)
        }
        var payments: [String: [AccountEffects.PaymentRow]] = [:]
        for row in try await rows("""
            SELECT account_id, id, amount, paid_at, paid_epoch, reference, run, channel, source, source_line
            FROM payment WHERE account_id = ANY(\(ids))
            """) {
            var c = PostgresColumns(row)
            let account = try c.text() ?? ""
            payments[account, default: []].append(AccountEffects.PaymentRow.make(
                id: try c.text() ?? "", amount: try c.int64() ?? 0, at: try c.text() ?? "", epoch: try c.int64() ?? 0,
                reference: try c.text(), run: try c.int64() ?? 0, channel: try c.text(), source: try c.text(), line: try c.int()))
        }
        var promises: [String: [String: (state: String, paid: Int64, partial: Bool)]] = [:]
        for row in try await rows("SELECT account_id, outcome_id, state, paid, partial FROM promise WHERE account_id = ANY(\(ids))") {
            var c = PostgresColumns(row)
            let account = try c.text() ?? "", outcome = try c.text() ?? ""
            promises[account, default: [:]][outcome] = (try c.text() ?? "", try c.int64() ?? 0, (try c.int64() ?? 0) != 0)
        }
        var clearances: [String: (fact: String, state: String)] = [:]
        for row in try await rows("SELECT account_id, fact_id, state FROM clearance WHERE account_id = ANY(\(ids))") {
            let (account, fact, state) = try row.decode((String, String, String).self)
            clearances[account] = (fact, state)
        }
        var appointments: [String: [String]] = [:]
        for row in try await rows("""
            SELECT account_id, id FROM appointment WHERE account_id = ANY(\(ids)) AND outcome_id IS NOT NULL ORDER BY account_id, id
            """) {
            let (account, id) = try row.decode((String, String).self)
            appointments[account, default: []].append(id)
        }
        return ids.compactMap { id in
            guard let account = accounts[id] else { return nil }
            let facts = outcomes[id] ?? [], credits = payments[id] ?? []
            let hasCredits = !credits.isEmpty || facts.contains { $0.collected != nil }
            return AccountEffects.History.make(
                account: account, outcomes: facts, payments: credits,
                storedPromises: facts.contains { $0.code == .ptp } ? promises[id] ?? [:] : [:],
                clearance: hasCredits ? clearances[id] : nil,
                callbackAppointments: facts.contains { $0.code == .callback } ? appointments[id] ?? [] : [])
        }
    }
}
