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

    /// The staging tables, dropped at commit, made by one statement (one round trip). The
    /// lines' ids and references are staged for the look-ups; the lines themselves go
    /// straight into `outcome` and `payment` once their flags are known.
    ///
    /// For the rest of the transaction, as for a report (`setReportLimits`): no JIT, whose
    /// compiling of the accounts' look-up costs more than it saves, and hashes and sorts of a
    /// few hundred thousand lines in memory (64 MiB), not spilled to disk at the 4 MiB default.
    static let stagingTables = """
        DO $$ BEGIN
            PERFORM set_config('jit', 'off', true);
            PERFORM set_config('work_mem', '64MB', true);
            CREATE TEMP TABLE stage_outcome (id TEXT COLLATE "C" NOT NULL, account_id TEXT COLLATE "C", agent_id TEXT COLLATE "C")
                ON COMMIT DROP;
            CREATE TEMP TABLE stage_payment (id TEXT COLLATE "C" NOT NULL, account_id TEXT COLLATE "C") ON COMMIT DROP;
            CREATE TEMP TABLE stage_state (ord BIGINT NOT NULL, account_id TEXT COLLATE "C" NOT NULL, balance BIGINT NOT NULL,
            status TEXT COLLATE "C" NOT NULL, lat DOUBLE PRECISION, lon DOUBLE PRECISION, hold_until TEXT COLLATE "C") ON COMMIT DROP;
            CREATE TEMP TABLE stage_promise (ord BIGINT NOT NULL, account_id TEXT COLLATE "C" NOT NULL, outcome_id TEXT COLLATE "C" NOT NULL,
            amount BIGINT NOT NULL, due_date TEXT COLLATE "C" NOT NULL, state TEXT COLLATE "C" NOT NULL, paid BIGINT NOT NULL,
            made_at TEXT COLLATE "C", partial BIGINT NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE stage_flag (id TEXT COLLATE "C" NOT NULL, flagged TEXT COLLATE "C") ON COMMIT DROP;
        END $$
        """

    /// The columns an accepted outcome is copied into `outcome` with (`appendOutcome`).
    static let outcomeTableColumns = [
        "id", "account_id", "agent_id", "visited_at", "visited_epoch", "code", "contact", "promise_amount", "promise_date",
        "collected_amount", "collected_receipt", "location_lat", "location_lon", "location_accuracy_m", "notes", "next_visit_date",
        "next_visit_from", "next_visit_to", "flagged", "updated_at", "run", "source", "source_line",
    ]
    static let paymentTableColumns = [
        "id", "account_id", "amount", "paid_at", "paid_epoch", "reference", "channel", "updated_at", "run", "source", "source_line",
    ]

    /// An accepted outcome as a row of `outcome` (`outcomeTableColumns`).
    static func appendOutcome(_ o: Outcome, origin: LineOrigin, flagged: String?, now: Int64, run: Int64, to rows: inout CopyRows) {
        rows.text(o.id); rows.text(o.accountID); rows.text(o.agentID); rows.text(o.visitedAt.text); rows.int(o.visitedAt.epochSeconds)
        rows.text(o.code.rawValue); rows.text(o.contact?.rawValue); rows.int(o.promise?.amount.minorUnits)
        rows.text(o.promise?.date.description); rows.int(o.collected?.amount.minorUnits); rows.text(o.collected?.receipt)
        rows.double(o.location?.coordinate.lat); rows.double(o.location?.coordinate.lon); rows.double(o.location?.accuracyMetres)
        rows.text(o.notes); rows.text(o.nextVisit?.date.description); rows.text(o.nextVisit?.window?.from.description)
        rows.text(o.nextVisit?.window?.to.description); rows.text(flagged); rows.int(now); rows.int(run); rows.text(origin.source)
        rows.int(origin.line); rows.end()
    }

    /// An accepted payment as a row of `payment` (`paymentTableColumns`).
    static func appendPayment(_ p: Payment, origin: LineOrigin, now: Int64, run: Int64, to rows: inout CopyRows) {
        rows.text(p.id); rows.text(p.accountID); rows.int(p.amount.minorUnits); rows.text(p.paidAt.text); rows.int(p.paidAt.epochSeconds)
        rows.text(p.reference); rows.text(p.channel); rows.int(now); rows.int(run); rows.text(origin.source); rows.int(origin.line)
        rows.end()
    }

    /// Whether an error is a row another transaction stored at the same moment as one this
    /// path copies straight in (a fact, a first derived state, a promise of a new outcome: a
    /// copy that hit their unique keys): the transaction is run again and then finds it
    /// stored. At SERIALIZABLE PostgreSQL usually reports this as a serialization failure
    /// itself; this covers the cases it reports the unique violation.
    static func isConcurrentInsert(state: String, constraint: String?) -> Bool {
        guard state == "23505", let constraint else { return false }
        return ["outcome_pkey", "payment_pkey", "account_state_pkey", "promise_outcome_id_key"].contains(constraint)
    }

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
        // Those of them without a derived state stored yet.
        var withoutState: Set<String> = []
        // Each account that got a new fact, with the indices of its accepted lines in input order.
        var newFacts: [String: [Int]] = [:]
        // The accepted lines, by index, in input order.
        var accepted: [Int] = []
        if !lines.isEmpty {
            var outcomes = CopyRows(), payments = CopyRows()
            for line in lines {
                switch line.record {
                case .outcome(let o):
                    outcomes.text(o.id); outcomes.text(o.accountID); outcomes.text(o.agentID); outcomes.end()
                case .payment(let p):
                    payments.text(p.id); payments.text(p.accountID); payments.end()
                default:
                    break
                }
            }
            try await copy("stage_outcome", ["id", "account_id", "agent_id"], outcomes)
            try await copy("stage_payment", ["id", "account_id"], payments)
            timer.mark("COPY to staging")
            if lines.count > 100_000 {
                try await execute("ANALYZE stage_outcome")
                try await execute("ANALYZE stage_payment")
                timer.mark("ANALYZE staging")
            }

            // What the lines are checked against, each found by one join with the staged
            // lines: the missing agents and the stored facts sent together, then the accounts
            // (the large one), decoded as they arrive while the server is still finding them.
            let answers = try await QueryBatch.rows([
                "SELECT DISTINCT s.agent_id FROM stage_outcome s WHERE NOT EXISTS (SELECT 1 FROM agent a WHERE a.id = s.agent_id)",
                "SELECT \(unescaped: prefixed(outcomeReadColumns, "o")) FROM outcome o WHERE o.id IN (SELECT id FROM stage_outcome)",
                "SELECT \(unescaped: prefixed(paymentReadColumns, "p")) FROM payment p WHERE p.id IN (SELECT id FROM stage_payment)",
            ], on: connection, logger: logger)
            accountRows.reserveCapacity(lines.count)
            for try await row in try await connection.query("""
                SELECT \(unescaped: accountRowColumns),
                       CASE WHEN EXISTS (SELECT 1 FROM outcome o WHERE o.account_id = a.id)
                            OR EXISTS (SELECT 1 FROM payment p WHERE p.account_id = a.id) THEN 1::int8 ELSE 0::int8 END,
                       CASE WHEN s.account_id IS NULL THEN 1::int8 ELSE 0::int8 END
                FROM \(unescaped: accountRowTables)
                WHERE a.id IN (SELECT account_id FROM stage_outcome UNION SELECT account_id FROM stage_payment)
                """, logger: logger) {
                var c = PostgresColumns(row)
                let account = try accountRow(&c)
                let id = account.id
                accountRows[id] = account
                let had = try c.int64(), stateless = try c.int64()
                if had == 1 { hadFacts.insert(id) }
                if stateless == 1 { withoutState.insert(id) }
            }
            timer.mark("look-ups (agents, stored facts; \(accountRows.count) accounts decoded as they came)")
            var missingAgents: Set<String> = []
            for row in answers[0] { missingAgents.insert(try row.decode(String.self)) }
            // The facts stored already with an id of the input (nil: stored values that no longer parse).
            var decider = FactLineDecider(missingPhase: sync ? 0 : 1, expectedLines: lines.count)
            newFacts.reserveCapacity(accountRows.count)
            for row in answers[1] {
                var c = PostgresColumns(row)
                let (id, outcome) = try storedOutcome(&c)
                decider.stored[FactLineDecider.key("outcome", id)] = outcome.map(Record.outcome)
            }
            for row in answers[2] {
                var c = PostgresColumns(row)
                let (id, payment) = try storedPayment(&c)
                decider.stored[FactLineDecider.key("payment", id)] = payment.map(Record.payment)
            }

            // Each line decided in input order, as SQLite's writer stores them one by one.
            for index in lines.indices {
                guard let accountID = try decider.decide(index, of: lines, clientBalance: { accountRows[$0]?.clientBalance },
                                                         agentMissing: missingAgents.contains) else { continue }
                accepted.append(index)
                newFacts[accountID, default: []].append(index)
            }
            result = decider.finished()
            timer.mark("decide")
        }

        // Promises whose date passed break even without a new fact (SQLite's sweep, after the
        // accounts with new facts: those it replays again change nothing).
        var due: Set<String> = []
        for row in try await rows("SELECT DISTINCT account_id FROM promise WHERE state = 'pending' AND due_date < \(today.description)") {
            due.insert(try row.decode(String.self))
        }
        let touched = Set(newFacts.keys)
        let fresh = touched.subtracting(hadFacts).sorted()
        let readBack = touched.intersection(hadFacts).sorted() + due.subtracting(touched).sorted()
        timer.mark("look-up due promises")

        // The replay, in SQLite's order of accounts: those without stored facts (most of a
        // bulk sync) first, from their row and this run's facts, folded chunk by chunk while
        // the outcomes of the chunk before, now with their review flags, are copied in: the
        // server stores them while the next chunk is folded here.
        var replay = PostgresFactReplay(run: run, now: now, today: today, visitingHours: settings.visitingHours, flagsGoWithNewFacts: true)
        replay.withoutState = withoutState
        var copiedOutcomes = 0
        func addNewFacts(_ id: String, to history: inout AccountEffects.History) {
            for index in newFacts[id] ?? [] {
                let line = lines[index]
                switch line.record {
                case .outcome(let o): history.outcomes.append(fact(o, origin: line.origin, run: run))
                case .payment(let p): history.payments.append(paymentRow(p, origin: line.origin, run: run))
                default: break
                }
            }
        }
        func outcomeRows(of ids: ArraySlice<String>) -> CopyRows {
            var rows = CopyRows()
            for id in ids {
                for index in newFacts[id] ?? [] {
                    guard case .outcome(let o) = lines[index].record else { continue }
                    appendOutcome(o, origin: lines[index].origin, flagged: replay.newFlags[o.id], now: now, run: run, to: &rows)
                }
            }
            copiedOutcomes += rows.count
            return rows
        }
        if !fresh.isEmpty {
            try await connection.copyFrom(table: "outcome", columns: outcomeTableColumns, logger: logger) { writer in
                var start = 0
                while start < fresh.count {
                    let chunk = fresh[start..<min(start + chunkSize, fresh.count)]
                    for id in chunk {
                        guard let row = accountRows[id] else { continue }
                        var history = AccountEffects.History.make(account: row, outcomes: [], payments: [], storedPromises: [:],
                                                                  clearance: nil, callbackAppointments: [])
                        addNewFacts(id, to: &history)
                        replay.record(trimmed(history))
                    }
                    for buffer in outcomeRows(of: chunk).all { try await writer.write(buffer) }
                    start += chunkSize
                }
            }
        }
        timer.mark("replay \(fresh.count) accounts without stored facts, copy their outcomes")

        // Then the accounts with stored facts (or only a due promise), chunk by chunk: what is
        // stored is read, this run's facts are added to it, and it is folded; their outcomes
        // are copied at the end.
        var laterOutcomes = CopyRows()
        var start = 0
        while start < readBack.count {
            let chunk = readBack[start..<min(start + chunkSize, readBack.count)]
            var read = try await storedHistories(Array(chunk), on: connection, logger: logger)
            for id in chunk {
                guard var history = read.removeValue(forKey: id) else { continue }  // an account that is no longer there
                addNewFacts(id, to: &history)
                replay.record(trimmed(history))
            }
            laterOutcomes.append(outcomeRows(of: chunk))
            start += chunkSize
        }
        try await copy("outcome", outcomeTableColumns, laterOutcomes)

        // The accepted payments last, as the accounts they name are read back before. Another
        // instance's insert of the same fact after this snapshot fails a copy (a serialization
        // failure or the primary key's violation), and `write` runs the transaction again.
        var paymentRows = CopyRows()
        for index in accepted {
            if case .payment(let p) = lines[index].record { appendPayment(p, origin: lines[index].origin, now: now, run: run, to: &paymentRows) }
        }
        try await copy("payment", paymentTableColumns, paymentRows)
        timer.mark("replay \(readBack.count) accounts read back, copy their outcomes (\(copiedOutcomes) in all) and \(paymentRows.count) payments")
        try await replay.writeQueued(on: connection, logger: logger)
        timer.mark("clearances and call-backs (\(replay.statements) statements)")

        try await copy("stage_state", ["ord", "account_id", "balance", "status", "lat", "lon", "hold_until"], replay.states)
        try await copy("stage_promise", ["ord", "account_id", "outcome_id", "amount", "due_date", "state", "paid", "made_at", "partial"],
                       replay.promises)
        try await copy("stage_flag", ["id", "flagged"], replay.flags)
        timer.mark("COPY to staging (\(replay.states.count) states, \(replay.promises.count) promises, \(replay.flags.count) flags)")
        try await copy("account_state", PostgresFactReplay.newStateColumns, replay.newStates)
        if replay.states.count > 0 {
            try await execute("""
                INSERT INTO account_state(account_id, balance, status, lat, lon, hold_until, updated_at)
                SELECT account_id, balance, status, lat, lon, hold_until, \(now) FROM stage_state ORDER BY ord
                ON CONFLICT (account_id) DO UPDATE SET balance = excluded.balance, status = excluded.status, lat = excluded.lat,
                    lon = excluded.lon, hold_until = excluded.hold_until, updated_at = excluded.updated_at
                """)
        }
        timer.mark("apply states (\(replay.newStates.count) new, \(replay.states.count) upserted)")
        try await copy("promise", PostgresFactReplay.newPromiseColumns, replay.newPromises)
        if replay.promises.count > 0 {
            try await execute("""
                INSERT INTO promise(account_id, outcome_id, amount, due_date, state, paid, made_at, partial, updated_at)
                SELECT account_id, outcome_id, amount, due_date, state, paid, made_at, partial, \(now) FROM stage_promise ORDER BY ord
                ON CONFLICT (outcome_id) DO UPDATE SET state = excluded.state, paid = excluded.paid, partial = excluded.partial,
                    updated_at = excluded.updated_at
                """)
        }
        timer.mark("apply promises (\(replay.newPromises.count) new, \(replay.promises.count) upserted)")
        if replay.flags.count > 0 {
            try await execute("UPDATE outcome o SET flagged = f.flagged FROM stage_flag f WHERE o.id = f.id")
            timer.mark("apply flags")
        }
        var audits = 0
        if !replay.auditRows.isEmpty {
            try await connection.copyFrom(table: "audit", columns: PostgresFactReplay.auditColumns, logger: logger) { writer in
                audits = try await replay.sendAuditRows(at: now) { chunk in try await writer.write(chunk) }
            }
        }
        timer.mark("copy audit rows (\(audits))")
        // The outcomes of this run are the new ones, each replayed once: their flags are those.
        result.flagged = replay.newFlags.count
        return result
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
