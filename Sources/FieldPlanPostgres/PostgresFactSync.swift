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

    /// The staging tables, dropped at commit, made by one statement (one round trip).
    static let stagingTables = """
        DO $$ BEGIN
            CREATE TEMP TABLE stage_outcome (seq BIGINT NOT NULL, id TEXT COLLATE "C" NOT NULL, account_id TEXT COLLATE "C",
            agent_id TEXT COLLATE "C", visited_at TEXT COLLATE "C", visited_epoch BIGINT, code TEXT COLLATE "C",
            contact TEXT COLLATE "C", promise_amount BIGINT, promise_date TEXT COLLATE "C", collected_amount BIGINT,
            collected_receipt TEXT COLLATE "C", location_lat DOUBLE PRECISION, location_lon DOUBLE PRECISION,
            location_accuracy_m DOUBLE PRECISION, notes TEXT COLLATE "C", next_visit_date TEXT COLLATE "C",
            next_visit_from TEXT COLLATE "C", next_visit_to TEXT COLLATE "C", source TEXT COLLATE "C", source_line BIGINT) ON COMMIT DROP;
            CREATE TEMP TABLE stage_payment (seq BIGINT NOT NULL, id TEXT COLLATE "C" NOT NULL, account_id TEXT COLLATE "C", amount BIGINT,
            paid_at TEXT COLLATE "C", paid_epoch BIGINT, reference TEXT COLLATE "C", channel TEXT COLLATE "C",
            source TEXT COLLATE "C", source_line BIGINT) ON COMMIT DROP;
            CREATE TEMP TABLE stage_accepted (seq BIGINT NOT NULL, flagged TEXT COLLATE "C") ON COMMIT DROP;
            CREATE TEMP TABLE stage_state (ord BIGINT NOT NULL, account_id TEXT COLLATE "C" NOT NULL, balance BIGINT NOT NULL,
            status TEXT COLLATE "C" NOT NULL, lat DOUBLE PRECISION, lon DOUBLE PRECISION, hold_until TEXT COLLATE "C") ON COMMIT DROP;
            CREATE TEMP TABLE stage_promise (ord BIGINT NOT NULL, account_id TEXT COLLATE "C" NOT NULL, outcome_id TEXT COLLATE "C" NOT NULL,
            amount BIGINT NOT NULL, due_date TEXT COLLATE "C" NOT NULL, state TEXT COLLATE "C" NOT NULL, paid BIGINT NOT NULL,
            made_at TEXT COLLATE "C", partial BIGINT NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE stage_flag (id TEXT COLLATE "C" NOT NULL, flagged TEXT COLLATE "C") ON COMMIT DROP;
            CREATE TEMP TABLE stage_audit (ord BIGINT NOT NULL, account_id TEXT COLLATE "C" NOT NULL, source TEXT COLLATE "C", line BIGINT,
            fact_kind TEXT COLLATE "C", fact_id TEXT COLLATE "C", actor TEXT COLLATE "C", field TEXT COLLATE "C" NOT NULL,
            old TEXT COLLATE "C", new TEXT COLLATE "C") ON COMMIT DROP;
        END $$
        """

    static let outcomeColumns = ["seq", "id", "account_id", "agent_id", "visited_at", "visited_epoch", "code", "contact", "promise_amount",
                                 "promise_date", "collected_amount", "collected_receipt", "location_lat", "location_lon",
                                 "location_accuracy_m", "notes", "next_visit_date", "next_visit_from", "next_visit_to", "source", "source_line"]
    static let paymentColumns = ["seq", "id", "account_id", "amount", "paid_at", "paid_epoch", "reference", "channel", "source", "source_line"]

    /// Stores `lines` and replays their accounts on `connection`, inside the caller's
    /// transaction (after the import's other kinds, so the accounts and agents of the same
    /// input are there), and replays the accounts whose pending promise passed its date.
    ///
    /// The order of the work is what makes a bulk sync fast: the accounts the lines name are
    /// read once, with whether they had facts before, by the look-up the lines are checked
    /// against; an account without stored facts (most accounts of a sync) is then replayed
    /// from that row and its new facts with nothing read back, as SQLite does; the others are
    /// read before the facts go in and get their new facts added. So every new outcome's review
    /// flags are known before it is stored, and it is stored with them, rather than updated
    /// afterwards. Clearances and call-back appointments are written one statement per kind
    /// at the end, not one per account.
    static func apply(_ lines: [Line], sync: Bool, run: Int64, now: Int64, on connection: PostgresConnection,
                      logger: Logger) async throws -> Result {
        var timer = PhaseTimer()
        defer { timer.report("the facts (\(lines.count) lines)") }
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
        var settingRows: [(String, String)] = []
        for row in try await rows("SELECT key, value FROM setting ORDER BY key") { settingRows.append(try row.decode((String, String).self)) }
        let settings = PostgresAgencyStore.settings(from: settingRows)
        let offset = FieldPlanStore.utcOffset(timeZone: settings.timeZone, date: CivilDate(dayNumber: Int(now / 86_400)))
        let local = now + Int64(offset)
        let today = CivilDate(dayNumber: Int((local >= 0 ? local : local - 86_399) / 86_400))
        try await execute(stagingTables)
        timer.mark("settings and staging tables")

        var result = Result()
        // The accounts the lines name, as they stand (nil: none), and whether they had facts
        // before this run: SQLite replays those after the ones that had none (at its last
        // flush), and the audit's order follows.
        var accountRows: [String: AccountEffects.AccountRow] = [:]
        var hadFacts: Set<String> = []
        // Each account that got a new fact, with the indices of its accepted lines in input order.
        var newFacts: [String: [Int]] = [:]
        var acceptedOutcomes: [(seq: Int64, id: String)] = [], acceptedPayments: [Int64] = []
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
                timer.mark("ANALYZE staging")
            }

            // What the lines are checked against, each found by one join with the staged
            // lines; the four sent together.
            let answers = try await QueryBatch.rows([
                """
                SELECT \(unescaped: accountRowColumns),
                       CASE WHEN EXISTS (SELECT 1 FROM outcome o WHERE o.account_id = a.id)
                            OR EXISTS (SELECT 1 FROM payment p WHERE p.account_id = a.id) THEN 1::int8 ELSE 0::int8 END
                FROM \(unescaped: accountRowTables)
                WHERE a.id IN (SELECT account_id FROM stage_outcome UNION SELECT account_id FROM stage_payment)
                """,
                "SELECT DISTINCT s.agent_id FROM stage_outcome s WHERE NOT EXISTS (SELECT 1 FROM agent a WHERE a.id = s.agent_id)",
                "SELECT \(unescaped: prefixed(outcomeReadColumns, "o")) FROM outcome o WHERE o.id IN (SELECT id FROM stage_outcome)",
                "SELECT \(unescaped: prefixed(paymentReadColumns, "p")) FROM payment p WHERE p.id IN (SELECT id FROM stage_payment)",
            ], on: connection, logger: logger)
            timer.mark("look-ups (accounts, agents, stored facts)")
            for row in answers[0] {
                var c = PostgresColumns(row)
                let account = try accountRow(&c)
                accountRows[account.id] = account
                if try c.int64() == 1 { hadFacts.insert(account.id) }
            }
            var missingAgents: Set<String> = []
            for row in answers[1] { missingAgents.insert(try row.decode(String.self)) }
            // The facts stored already with an id of the input (nil: stored values that no longer parse).
            var stored: [String: Record?] = [:]
            for row in answers[2] {
                var c = PostgresColumns(row)
                let (id, outcome) = try storedOutcome(&c)
                stored["outcome\u{1F}" + id] = outcome.map(Record.outcome)
            }
            for row in answers[3] {
                var c = PostgresColumns(row)
                let (id, payment) = try storedPayment(&c)
                stored["payment\u{1F}" + id] = payment.map(Record.payment)
            }
            timer.mark("decode look-ups (\(accountRows.count) accounts)")

            // Each line decided in input order, as SQLite's writer stores them one by one.
            for (index, line) in lines.enumerated() {
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
                guard let balance = accountRows[accountID]?.clientBalance else {
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
                if case .outcome = line.record { acceptedOutcomes.append((line.seq, id)) } else { acceptedPayments.append(line.seq) }
                result.counts[kind, default: ImportSummary.Counts()].accepted += 1
                result.applied[key] = line.seq
                newFacts[accountID, default: []].append(index)
            }
            timer.mark("decide")
        }

        // Promises whose date passed break even without a new fact (SQLite's sweep, after the
        // accounts with new facts: those it replays again change nothing).
        var due: Set<String> = []
        for row in try await rows("SELECT DISTINCT account_id FROM promise WHERE state = 'pending' AND due_date < \(today.description)") {
            due.insert(try row.decode(String.self))
        }
        let touched = Set(newFacts.keys)
        let accounts = touched.subtracting(hadFacts).sorted() + touched.intersection(hadFacts).sorted() + due.subtracting(touched).sorted()
        timer.mark("look-up due promises")

        // The replay, chunk by chunk: what is stored of an account that had facts (or only a
        // due promise) is read, this run's facts are added to it, and it is folded.
        var replay = PostgresFactReplay(run: run, now: now, today: today, visitingHours: settings.visitingHours, flagsGoWithNewFacts: true)
        var readTime = PhaseTimer(), foldTime = PhaseTimer()
        var start = 0
        while start < accounts.count {
            let chunk = accounts[start..<min(start + chunkSize, accounts.count)]
            var clock = PhaseTimer()
            let toRead = chunk.filter { hadFacts.contains($0) || newFacts[$0] == nil }
            var read = try await storedHistories(toRead, on: connection, logger: logger)
            clock.mark("read")
            readTime.add(clock)
            for id in chunk {
                var history: AccountEffects.History
                if let stored = read.removeValue(forKey: id) {
                    history = stored
                } else if let row = accountRows[id], !hadFacts.contains(id) {
                    history = AccountEffects.History.make(account: row, outcomes: [], payments: [], storedPromises: [:], clearance: nil,
                                                          callbackAppointments: [])
                } else {
                    continue  // an account that is no longer there
                }
                for index in newFacts[id] ?? [] {
                    let line = lines[index]
                    switch line.record {
                    case .outcome(let o): history.outcomes.append(fact(o, origin: line.origin, run: run))
                    case .payment(let p): history.payments.append(paymentRow(p, origin: line.origin, run: run))
                    default: break
                    }
                }
                replay.record(trimmed(history))
            }
            clock.mark("fold")
            foldTime.add(clock)
            start += chunkSize
        }
        timer.mark("replay \(accounts.count) accounts (\(accounts.count - touched.subtracting(hadFacts).count) read back)")
        timer.add(readTime, prefix: "  of which read histories")
        timer.add(foldTime, prefix: "  of which fold")

        // The accepted lines stored, once, each outcome with its review flags: another
        // instance's insert of the same id after this snapshot is a serialization failure
        // (the transaction runs again).
        if !acceptedOutcomes.isEmpty {
            var accepted = CopyRows()
            for (seq, id) in acceptedOutcomes {
                accepted.int(seq); accepted.text(replay.newFlags[id]); accepted.end()
            }
            try await copy("stage_accepted", ["seq", "flagged"], accepted)
            let inserted = try await rows("""
                WITH stored AS (
                    INSERT INTO outcome(id, account_id, agent_id, visited_at, visited_epoch, code, contact, promise_amount, promise_date,
                        collected_amount, collected_receipt, location_lat, location_lon, location_accuracy_m, notes,
                        next_visit_date, next_visit_from, next_visit_to, flagged, updated_at, run, source, source_line)
                    SELECT id, account_id, agent_id, visited_at, visited_epoch, code, contact, promise_amount, promise_date,
                        collected_amount, collected_receipt, location_lat, location_lon, location_accuracy_m, notes,
                        next_visit_date, next_visit_from, next_visit_to, k.flagged, \(now), \(run), source, source_line
                    FROM stage_outcome JOIN stage_accepted k USING (seq) ORDER BY seq
                    ON CONFLICT (id) DO NOTHING RETURNING 1
                ) SELECT count(*) FROM stored
                """).first?.decode(Int64.self) ?? 0
            if inserted != acceptedOutcomes.count { throw ConcurrentFact(kind: "outcome") }
        }
        if !acceptedPayments.isEmpty {
            let inserted = try await rows("""
                WITH stored AS (
                    INSERT INTO payment(id, account_id, amount, paid_at, paid_epoch, reference, channel, updated_at, run, source, source_line)
                    SELECT id, account_id, amount, paid_at, paid_epoch, reference, channel, \(now), \(run), source, source_line
                    FROM stage_payment JOIN unnest(\(acceptedPayments)::bigint[]) AS k(seq) USING (seq) ORDER BY seq
                    ON CONFLICT (id) DO NOTHING RETURNING 1
                ) SELECT count(*) FROM stored
                """).first?.decode(Int64.self) ?? 0
            if inserted != acceptedPayments.count { throw ConcurrentFact(kind: "payment") }
        }
        timer.mark("insert facts (\(acceptedOutcomes.count) outcomes, \(acceptedPayments.count) payments)")
        try await replay.writeQueued(on: connection, logger: logger)
        timer.mark("clearances and call-backs (\(replay.statements) statements)")

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
            timer.mark("apply states")
        }
        if replay.promises.count > 0 {
            try await execute("""
                INSERT INTO promise(account_id, outcome_id, amount, due_date, state, paid, made_at, partial, updated_at)
                SELECT account_id, outcome_id, amount, due_date, state, paid, made_at, partial, \(now) FROM stage_promise ORDER BY ord
                ON CONFLICT (outcome_id) DO UPDATE SET state = excluded.state, paid = excluded.paid, partial = excluded.partial,
                    updated_at = excluded.updated_at
                """)
            timer.mark("apply promises")
        }
        if replay.flags.count > 0 {
            try await execute("UPDATE outcome o SET flagged = f.flagged FROM stage_flag f WHERE o.id = f.id")
            timer.mark("apply flags")
        }
        if replay.audits.count > 0 {
            try await execute("""
                INSERT INTO audit(at, run, account_id, source, line, fact_kind, fact_id, actor, field, old, new)
                SELECT \(now), \(run), account_id, source, line, fact_kind, fact_id, actor, field, old, new FROM stage_audit ORDER BY ord
                """)
            timer.mark("apply audit rows")
        }
        // The outcomes of this run are the new ones, each replayed once: their flags are those.
        result.flagged = replay.newFlags.count
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
}
