import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Foundation
import Logging
import PostgresNIO

/// One device's sync on PostgreSQL without temporary tables: the path of `POST /api/sync`
/// (tens of lines), run once per member of a group (`PostgresAgencyStore.syncGroup`) inside
/// its savepoint. The rules are `PostgresFactSync`'s, line for line (stored once by id, a
/// repeat `unchanged`, other content a conflict kept for review, missing references and
/// absurd amounts refused, the accounts replayed by `PostgresFactReplay`, corrections
/// resolving earlier rejects), so a member's summary, rejects and rows are those of the
/// same file synced alone.
///
/// What differs is the fixed cost: where the bulk path makes six temporary tables and sends
/// the lines and the replay's rows through `COPY` (a catalog write per table, per sync), this
/// one binds them as arrays (`unnest($1::text[], …)`, the same text COPY would send, parsed
/// by the same input functions) and folds the look-ups into a few statements: about fifteen
/// round-trips for a sync of fifteen outcomes, each a statement prepared once per connection
/// (`SmallSyncSQL`, `PreparedRun`), so the server only binds and runs it.
///
/// It runs at READ COMMITTED: the group has locked the rows of every account its lines name
/// (`FOR NO KEY UPDATE`, in id order), so no other sync can replay those accounts meanwhile,
/// and each statement sees what the syncs before it committed. The ids of the facts are
/// unique in the table: an insert that finds one stored meanwhile (the same id for an
/// account this group did not lock) stores nothing, and the member runs again from its
/// savepoint, then sees it stored.
enum PostgresSmallSync {
    /// A member read and validated on the calling thread, before the transaction (so a retry
    /// does not read its files again).
    struct Parsed: Sendable {
        var staging: PostgresImportStaging
        var names: [String]
        var emptyInputs: [String]
        var now: Int64
        /// The accounts its fact lines name.
        var accounts: Set<String>
    }

    /// What storing a member did, for its summary.
    struct Applied: Sendable {
        var run: Int64
        var facts = PostgresFactSync.Result()
        var resolved = 0
    }

    /// The insert found a fact id stored by a transaction this one did not wait for: the
    /// member runs again from its savepoint.
    struct FactStoredMeanwhile: Error {}

    /// Reads and validates `member`'s inputs, as `importRecords` does with `sync`.
    static func parse(_ member: SyncGroupMember) throws -> Parsed {
        let clock = member.now ?? PostgresAgencyStore.now()
        let decoder = RecordDecoder(now: clock)
        var staging = PostgresImportStaging()
        staging.sync = true
        var emptyInputs: [String] = []
        for (index, input) in member.inputs.enumerated() {
            let parser = InputParser(input: input, decoder: decoder, ignoreUnknownColumns: false, keepsBytes: { _ in true })
            let lines: Int
            do {
                lines = try parser.parse(warn: { _ in staging.summary.warnings += 1 }) { line in staging.add(line, input: index) }
            } catch let failure as InputParser.Failure {
                throw ImportError(message: failure.message)
            }
            if lines == 0 { emptyInputs.append(input.displayName) }
        }
        var accounts: Set<String> = []
        for line in staging.facts {
            switch line.record {
            case .outcome(let o): accounts.insert(o.accountID)
            case .payment(let p): accounts.insert(p.accountID)
            default: break
            }
        }
        return Parsed(staging: staging, names: member.inputs.map(\.displayName), emptyInputs: emptyInputs, now: clock, accounts: accounts)
    }

    /// The agency's day at `now` (as `PostgresFactSync.apply` counts it).
    static func today(_ now: Int64, settings: Settings) -> CivilDate {
        let offset = FieldPlanStore.utcOffset(timeZone: settings.timeZone, date: CivilDate(dayNumber: Int(now / 86_400)))
        let local = now + Int64(offset)
        return CivilDate(dayNumber: Int((local >= 0 ? local : local - 86_399) / 86_400))
    }

    /// Locks the rows of `ids` that exist and are not in `locked` yet, in id order (so two
    /// groups never wait for each other in a circle), and adds them to `locked`.
    /// With `nowait`, a row another transaction holds fails the statement at once
    /// (`lock_not_available`) instead of waiting for it.
    static func lock(_ ids: Set<String>, _ locked: inout Set<String>, nowait: Bool = false, on connection: PostgresConnection,
                     logger: Logger) async throws {
        let wanted = ids.subtracting(locked).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard !wanted.isEmpty else { return }
        var binds = PostgresBindings()
        binds.append(wanted)
        if nowait {
            _ = try await PreparedRun.rows(SmallSyncSQL.LockNoWait.self, binds, on: connection, logger: logger)
        } else {
            _ = try await PreparedRun.rows(SmallSyncSQL.Lock.self, binds, on: connection, logger: logger)
        }
        locked.formUnion(wanted)
    }

    /// The accounts whose pending promise passed its date on `today` (the sweep's).
    static func due(_ today: CivilDate, on connection: PostgresConnection, logger: Logger) async throws -> Set<String> {
        var due: Set<String> = []
        var binds = PostgresBindings()
        binds.append(today.description)
        for row in try await PreparedRun.rows(SmallSyncSQL.Due.self, binds, on: connection, logger: logger) {
            due.insert(try row.decode(String.self))
        }
        return due
    }

    /// Stores `parsed` on `connection`, inside the caller's savepoint, under the group's
    /// locks (`locked`, grown when the sweep finds an account the group did not lock).
    static func apply(_ parsed: Parsed, settings: Settings, locked: inout Set<String>, on connection: PostgresConnection,
                      logger: Logger) async throws -> Applied {
        func rows<Text: PreparedSQL>(_ text: Text.Type, _ binds: PostgresBindings) async throws -> [PostgresRow] {
            try await PreparedRun.rows(text, binds, on: connection, logger: logger)
        }
        let now = parsed.now, lines = parsed.staging.facts
        var runBinds = PostgresBindings()
        runBinds.append(now)
        let run = try await rows(SmallSyncSQL.NewRun.self, runBinds).first?.decode(Int64.self) ?? 0
        let today = Self.today(now, settings: settings)
        var applied = Applied(run: run)
        var result = PostgresFactSync.Result()
        var touched: Set<String> = []
        var hadFacts: Set<String> = []
        var acceptedOutcomes: [String] = []
        if !lines.isEmpty {
            // What the lines are checked against: the accounts (with the client's balance and
            // whether they had facts before), the agents, and the facts stored with their ids.
            var agentIDs: Set<String> = [], outcomeIDs: [String] = [], paymentIDs: [String] = []
            for line in lines {
                switch line.record {
                case .outcome(let o): agentIDs.insert(o.agentID); outcomeIDs.append(o.id)
                case .payment(let p): paymentIDs.append(p.id)
                default: break
                }
            }
            var clientBalance: [String: Int64] = [:]
            var knownAgents: Set<String> = []
            var known = PostgresBindings()
            known.append(Array(parsed.accounts))
            known.append(Array(agentIDs))
            for row in try await rows(SmallSyncSQL.Known.self, known) {
                let (tag, id, balance, had) = try row.decode((Int64, String, Int64, Bool).self)
                if tag == 0 {
                    clientBalance[id] = balance
                    if had { hadFacts.insert(id) }
                } else {
                    knownAgents.insert(id)
                }
            }
            var decider = FactLineDecider(missingPhase: 0)
            if !outcomeIDs.isEmpty {
                var ids = PostgresBindings()
                ids.append(outcomeIDs)
                for row in try await rows(SmallSyncSQL.StoredOutcomes.self, ids) {
                    var c = PostgresColumns(row)
                    let (id, outcome) = try PostgresFactSync.storedOutcome(&c)
                    decider.stored[FactLineDecider.key("outcome", id)] = outcome.map(Record.outcome)
                }
            }
            if !paymentIDs.isEmpty {
                var ids = PostgresBindings()
                ids.append(paymentIDs)
                for row in try await rows(SmallSyncSQL.StoredPayments.self, ids) {
                    var c = PostgresColumns(row)
                    let (id, payment) = try PostgresFactSync.storedPayment(&c)
                    decider.stored[FactLineDecider.key("payment", id)] = payment.map(Record.payment)
                }
            }

            // Each line decided in input order (`FactLineDecider`, a sync's phase).
            var outcomes = CopyRows(), payments = CopyRows()
            for index in lines.indices {
                guard let accountID = try decider.decide(index, of: lines, clientBalance: { clientBalance[$0] },
                                                         agentMissing: { !knownAgents.contains($0) }) else { continue }
                let line = lines[index]
                touched.insert(accountID)
                switch line.record {
                case .outcome(let o):
                    acceptedOutcomes.append(o.id)
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
            result = decider.finished()

            // The accepted lines stored, once; an id stored meanwhile runs the member again.
            if outcomes.count > 0 {
                var binds = outcomes.bindings(21)
                binds.append(now)
                binds.append(run)
                let inserted = try await rows(SmallSyncSQL.InsertOutcomes.self, binds).first?.decode(Int64.self) ?? 0
                if inserted != outcomes.count { throw FactStoredMeanwhile() }
            }
            if payments.count > 0 {
                var binds = payments.bindings(10)
                binds.append(now)
                binds.append(run)
                let inserted = try await rows(SmallSyncSQL.InsertPayments.self, binds).first?.decode(Int64.self) ?? 0
                if inserted != payments.count { throw FactStoredMeanwhile() }
            }
        }

        // The accounts replayed: those with new facts (first those without earlier facts, as
        // SQLite's flush orders them), then those whose pending promise passed its date.
        let due = try await Self.due(today, on: connection, logger: logger)
        try await lock(touched.union(due), &locked, on: connection, logger: logger)
        let accounts = touched.subtracting(hadFacts).sorted() + touched.intersection(hadFacts).sorted() + due.subtracting(touched).sorted()
        var replay = PostgresFactReplay(run: run, now: now, today: today, visitingHours: settings.visitingHours)
        var start = 0
        while start < accounts.count {
            let chunk = Array(accounts[start..<min(start + PostgresFactSync.chunkSize, accounts.count)])
            for history in try await PostgresFactSync.histories(chunk, prepared: true, on: connection, logger: logger) {
                try await replay.account(history, on: connection, logger: logger)
            }
            start += PostgresFactSync.chunkSize
        }
        try await write(replay, now: now, run: run, on: connection, logger: logger)
        // The accepted outcomes that are flagged: each was stored unflagged and replayed once
        // (its account is replayed once), so its flag is the one the replay wrote, if any.
        if !acceptedOutcomes.isEmpty && replay.flags.count > 0 {
            let accepted = Set(acceptedOutcomes), flags = replay.flags.columns(2)
            result.flagged = zip(flags[0], flags[1]).filter { id, flag in flag != nil && id.map(accepted.contains) == true }.count
        }
        applied.facts = result
        applied.resolved = try await reject(parsed, result, now: now, on: connection, logger: logger)
        return applied
    }

    /// What the replay gathered, one statement a table (as the bulk path writes it from its
    /// staging tables).
    private static func write(_ replay: PostgresFactReplay, now: Int64, run: Int64, on connection: PostgresConnection,
                              logger: Logger) async throws {
        if replay.states.count > 0 {
            var binds = replay.states.bindings(7)
            binds.append(now)
            _ = try await PreparedRun.rows(SmallSyncSQL.WriteStates.self, binds, on: connection, logger: logger)
        }
        if replay.promises.count > 0 {
            var binds = replay.promises.bindings(9)
            binds.append(now)
            _ = try await PreparedRun.rows(SmallSyncSQL.WritePromises.self, binds, on: connection, logger: logger)
        }
        if replay.flags.count > 0 {
            _ = try await PreparedRun.rows(SmallSyncSQL.WriteFlags.self, replay.flags.bindings(2), on: connection, logger: logger)
        }
        let audits = replay.audits
        if audits.count > 0 {
            var binds = audits.bindings(10)
            binds.append(now)
            binds.append(run)
            _ = try await PreparedRun.rows(SmallSyncSQL.WriteAudits.self, binds, on: connection, logger: logger)
        }
    }

    /// The member's refused lines into `rejected_line` (in input order, each resolved when a
    /// later line of its kind and id was applied) and the corrections of earlier rejects, as
    /// `importRecords` writes them; answers the rejects resolved.
    private static func reject(_ parsed: Parsed, _ facts: PostgresFactSync.Result, now: Int64, on connection: PostgresConnection,
                               logger: Logger) async throws -> Int {
        // Read-time refusals (their COPY rows: seq, source, line, field, reason, raw, kind,
        // record_id) and the facts refused, in input order.
        struct Row { var seq: Int64; var source, field, reason: String; var line: Int64; var raw: String; var kind, id: String? }
        var refused: [Row] = []
        let read = parsed.staging.rejects.columns(8)
        for i in read[0].indices {
            refused.append(Row(seq: Int64(read[0][i] ?? "") ?? 0, source: read[1][i] ?? "", field: read[3][i] ?? "", reason: read[4][i] ?? "",
                               line: Int64(read[2][i] ?? "") ?? 0, raw: read[5][i] ?? "\\x", kind: read[6][i], id: read[7][i]))
        }
        for r in facts.refused {
            var hex = CopyRows()
            hex.bytes(r.origin.raw ?? [])
            hex.end()
            refused.append(Row(seq: r.seq, source: r.origin.source, field: r.error.field, reason: r.error.reason, line: Int64(r.origin.line),
                               raw: hex.columns(1)[0][0] ?? "\\x", kind: r.kind, id: r.id))
        }
        refused.sort { $0.seq < $1.seq }
        var resolved = 0
        let open = try await PreparedRun.rows(SmallSyncSQL.AnyOpenReject.self, on: connection, logger: logger).first?.decode(Bool.self) ?? false
        if open && !facts.applied.isEmpty {
            let keys = facts.applied.keys.sorted()
            let kinds = keys.map { String($0.prefix { $0 != "\u{1F}" }) }
            let ids = keys.map { String($0.drop { $0 != "\u{1F}" }.dropFirst()) }
            var binds = PostgresBindings()
            binds.append(kinds)
            binds.append(ids)
            resolved += Int(try await PreparedRun.rows(SmallSyncSQL.ResolveRejects.self, binds, on: connection, logger: logger)
                .first?.decode(Int64.self) ?? 0)
        }
        guard !refused.isEmpty else { return resolved }
        var flags: [String?] = []
        for r in refused {
            var done = false
            if let kind = r.kind, let id = r.id, let seq = facts.applied[kind + "\u{1F}" + id], r.seq < seq,
               !(r.field == "id" && r.reason.hasPrefix("conflict:")) {
                done = true
                resolved += 1
            }
            flags.append(done ? "1" : "0")
        }
        var binds = PostgresBindings()
        for column in [refused.map { Optional($0.source) }, refused.map { Optional(String($0.line)) }, refused.map { Optional($0.field) },
                       refused.map { Optional($0.reason) }, refused.map { Optional($0.raw) }, refused.map(\.kind), refused.map(\.id), flags] {
            binds.append(CopyRows.arrayLiteral(column))
        }
        binds.append(now)
        _ = try await PreparedRun.rows(SmallSyncSQL.InsertRejects.self, binds, on: connection, logger: logger)
        return resolved
    }

    /// The member's summary and rejects, as `importRecords` assembles them.
    static func summary(_ parsed: Parsed, _ applied: Applied) -> (ImportSummary, [FieldPlanStore.Rejection]) {
        var summary = parsed.staging.summary
        summary.emptyInputs = parsed.emptyInputs
        for (kind, counts) in applied.facts.counts {
            summary.byKind[kind, default: ImportSummary.Counts()].accepted += counts.accepted
            summary.byKind[kind, default: ImportSummary.Counts()].unchanged += counts.unchanged
            summary.byKind[kind, default: ImportSummary.Counts()].rejected += counts.rejected
        }
        summary.conflicts += applied.facts.conflicts
        summary.flagged = applied.facts.flagged
        summary.resolvedRejections = applied.resolved
        summary.warnings += parsed.emptyInputs.count
        var refused: [(seq: Int64, rejection: FieldPlanStore.Rejection)] = parsed.staging.refused.map {
            ($0.seq, FieldPlanStore.Rejection(error: $0.error, raw: $0.raw, csvHeader: $0.csvHeader))
        }
        for fact in applied.facts.refused {
            refused.append((fact.seq, FieldPlanStore.Rejection(
                error: LineError(source: fact.origin.source, line: fact.origin.line, error: fact.error), raw: fact.origin.raw,
                csvHeader: fact.origin.csvHeader)))
        }
        refused.sort { $0.seq < $1.seq }
        return (summary, refused.map(\.rejection))
    }
}

extension PostgresSmallSync {
    /// Inputs of at most this many bytes in all take this path alone too (`syncRecords`);
    /// larger ones the bulk path (COPY and set-based statements), which pays off there.
    static let smallBytes = 1 << 20

    /// An input whose size is unknown (standard input, a missing file) is not small.
    static func isSmall(_ inputs: [ImportInput]) -> Bool {
        var total = 0
        for input in inputs {
            guard let size = (try? FileManager.default.attributesOfItem(atPath: input.path))?[.size] as? Int else { return false }
            total += size
        }
        return total <= smallBytes
    }
}
