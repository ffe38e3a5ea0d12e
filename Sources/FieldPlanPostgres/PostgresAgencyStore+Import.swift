import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Foundation
import PostgresNIO

extension PostgresAgencyStore {
    /// The advisory lock an import holds for its transaction: imports run one at a time, so
    /// two never number their runs and inputs alike.
    static let importLock: Int64 = 0x6669_656C_6469_6D70  // "fieldimp"

    /// `fieldplan import` on PostgreSQL (SPEC §3, §13), with SQLite's rules (`FieldPlanStore
    /// .importRecords`): upserts by id telling a change from a repeat, fields left out kept,
    /// references to records later in the input accepted, rejects stored in `rejected_line`
    /// and handed to `onReject`, corrections marking earlier rejects resolved, changes to
    /// existing accounts audited, the run and its inputs recorded. One transaction: a killed
    /// import leaves the store as it was; `dryRun` rolls it back.
    ///
    /// How: the inputs are read and validated on the calling thread into COPY rows
    /// (`PostgresImportStaging`), sent with `COPY … FROM STDIN` into temporary staging tables,
    /// and applied kind by kind (agents, zones, accounts, appointments: what a line refers to
    /// is in before it) by one UPDATE and one INSERT per kind (`PostgresImportSQL`), not one
    /// statement per line. Outcomes and payments come last (`PostgresFactSync`): they are
    /// stored once and drive their accounts. With `sync` (`sync import`, `POST /api/sync`)
    /// only they are taken; any other kind is refused. Into a store without accounts the
    /// reading and the writing overlap, the accounts going straight into `account_record`
    /// (`importStreaming`).
    /// - Complexity: O(lines); memory about the size of the input's text (the COPY rows are
    ///   kept, so a serialization failure can run the transaction again).
    public func importRecords(_ inputs: [ImportInput], dryRun: Bool, sync: Bool, ignoreUnknownColumns: Bool, now: Int64?,
                              onReject: (FieldPlanStore.Rejection) -> Void, onWarning: (String) -> Void,
                              onProgress: (Int) -> Void) throws -> ImportSummary {
        let clock = now ?? Self.now()
        let names = inputs.map(\.displayName)
        var readAgain = false
        // A store without accounts (a first load): read and send at once (`ImportFeed`).
        // Files only, so that the rare fall-back below can read them again.
        if !sync, inputs.allSatisfy({ $0.path != "-" }), try hasNoAccounts() {
            do {
                let (staging, emptyInputs, applied) = try importStreaming(inputs, dryRun: dryRun, ignoreUnknownColumns: ignoreUnknownColumns,
                                                                          now: clock, onWarning: onWarning, onProgress: onProgress)
                return summarize(staging, emptyInputs: emptyInputs, applied: applied, names: names, onReject: onReject,
                                 onWarning: onWarning)
            } catch is NotFresh {
                readAgain = true  // its warnings were given already
            }
        }
        var timer = PhaseTimer()
        defer { timer.report("the import") }
        var staging = PostgresImportStaging()
        staging.sync = sync
        let emptyInputs = try read(inputs, into: &staging, now: clock, sync: sync, ignoreUnknownColumns: ignoreUnknownColumns, feed: nil,
                                   onWarning: readAgain ? { _ in } : onWarning, onProgress: readAgain ? { _ in } : onProgress)
        timer.mark("read and validate (\(staging.summary.linesRead) lines)")
        let rows = staging
        let applied: ImportApplied
        do {
            applied = try write(lock: Self.importLock) { connection in
                try await self.applyImport(.rows(rows), names: names, now: clock, dryRun: dryRun, sync: sync, on: connection)
            }
        } catch let done as DryRunDone {
            applied = done.applied
        }
        timer.mark("the transaction, its commit included")
        defer { timer.mark("summary") }
        return summarize(staging, emptyInputs: emptyInputs, applied: applied, names: names, onReject: onReject, onWarning: onWarning)
    }

    /// Whether the store has no account yet (a hint read before the import's transaction,
    /// which checks it again under its lock).
    private func hasNoAccounts() throws -> Bool {
        let logger = self.logger
        return try read { connection in
            try await connection.query("SELECT NOT EXISTS (SELECT 1 FROM account_record)", logger: logger).collect()
                .first?.decode(Bool.self) ?? false
        }
    }

    /// Reads and validates `inputs` into `staging`, line by line; with `feed`, hands each
    /// finished chunk of the accounts sent straight (`PostgresDirectAccounts`) over as it
    /// fills. Answers the inputs that held no record.
    ///
    /// Two threads: a thread of its own parses and decodes the lines (`InputParser`) and hands
    /// them over in order (`ParsedLineHandoff`); this one stages them as COPY rows. The
    /// warnings, the lines and the ends of the inputs come in the order they were read, so
    /// what is staged, counted and warned is what one thread did.
    private func read(_ inputs: [ImportInput], into staging: inout PostgresImportStaging, now: Int64, sync: Bool, ignoreUnknownColumns: Bool,
                      feed: ImportFeed?, onWarning: (String) -> Void, onProgress: (Int) -> Void) throws -> [String] {
        let handoff = ParsedLineHandoff()
        let parsing = Thread {
            Self.parse(inputs, now: now, sync: sync, ignoreUnknownColumns: ignoreUnknownColumns, into: handoff)
        }
        parsing.stackSize = 8 << 20
        parsing.start()
        var emptyInputs: [String] = []
        var handed = 0
        do {
            while let batch = try handoff.take() {
                for event in batch {
                    switch event {
                    case .line(let line, let input):
                        staging.add(line, input: input)
                        if staging.summary.linesRead % 50_000 == 0 { onProgress(staging.summary.linesRead) }
                        if let feed, let chunks = staging.direct?.rows.chunks, chunks.count > handed {
                            for chunk in chunks[handed...] { try feed.append(chunk) }
                            handed = chunks.count
                        }
                    case .warning(let text):
                        staging.summary.warnings += 1
                        onWarning(text)
                    case .inputEnded(let input, let lines):
                        if lines == 0 { emptyInputs.append(inputs[input].displayName) }
                    }
                }
            }
        } catch let failure as InputParser.Failure {
            throw ImportError(message: failure.message)
        } catch {
            handoff.cancel()
            handoff.drain()
            throw error
        }
        if !sync && !emptyInputs.isEmpty && staging.summary.linesRead == 0 {
            throw ImportError(message: "no records in \(emptyInputs.joined(separator: ", ")); nothing was imported")
        }
        if let feed, let chunks = staging.direct?.rows.all, chunks.count > handed {
            for chunk in chunks[handed...] { try feed.append(chunk) }
        }
        return emptyInputs
    }

    /// The parsing thread of `read`: every input's lines, warnings and end, in batches, then
    /// the end (with the input's failure, if one could not be read).
    private static func parse(_ inputs: [ImportInput], now: Int64, sync: Bool, ignoreUnknownColumns: Bool, into handoff: ParsedLineHandoff) {
        struct Stopped: Error {}
        let decoder = RecordDecoder(now: now)
        var batch: [ParsedLineHandoff.Event] = []
        batch.reserveCapacity(512)
        func send() throws {
            guard handoff.put(batch) else { throw Stopped() }
            batch.removeAll(keepingCapacity: true)
        }
        do {
            for (index, input) in inputs.enumerated() {
                let parser = InputParser(input: input, decoder: decoder, ignoreUnknownColumns: ignoreUnknownColumns,
                                         keepsBytes: { record in
                                             if case .account(let a) = record { return sync || a.zoneID != nil }
                                             return record.kind != .agent || sync
                                         })
                let lines = try parser.parse(warn: { text in batch.append(.warning(text)) }) { line in
                    batch.append(.line(line, input: index))
                    if batch.count >= 512 { try send() }
                }
                batch.append(.inputEnded(input: index, lines: lines))
            }
            if !batch.isEmpty { try send() }
            handoff.finish(nil)
        } catch is Stopped {
            handoff.finish(nil)
        } catch {
            if !batch.isEmpty { _ = handoff.put(batch) }
            handoff.finish(error)
        }
    }

    /// The store had no account when the transaction of a streamed import ran again (another
    /// import came in between): the input is read once more the usual way.
    struct NotFresh: Error {}

    /// An import into a store without accounts, read and written at once: the transaction
    /// opens on a thread of its own and says whether the store is still without accounts
    /// (`ImportFeed.Start`); then the reading thread sends the accounts it validates straight
    /// into `account_record` by `COPY` while it reads on, and hands the rest of the input over
    /// at the end, which the transaction applies as `applyImport` always does. The reading
    /// (client CPU) and the `COPY` (server CPU) overlap instead of following each other.
    private func importStreaming(_ inputs: [ImportInput], dryRun: Bool, ignoreUnknownColumns: Bool, now clock: Int64,
                                 onWarning: (String) -> Void, onProgress: (Int) -> Void)
        throws -> (PostgresImportStaging, [String], ImportApplied) {
        let names = inputs.map(\.displayName)
        let feed = ImportFeed()
        let outcome = ImportOutcome()
        let writer = Thread {
            let result = Result {
                try self.write(lock: Self.importLock) { connection in
                    try await self.applyImport(.feed(feed), names: names, now: clock, dryRun: dryRun, sync: false, on: connection)
                }
            }
            feed.end()
            outcome.set(result)
        }
        writer.stackSize = 4 << 20
        writer.start()
        func applied() throws -> ImportApplied {
            switch outcome.wait() {
            case .success(let applied): return applied
            case .failure(let done as DryRunDone): return done.applied
            case .failure(let error): throw error
            }
        }
        guard let start = feed.awaitStart() else { return (PostgresImportStaging(), [], try applied()) }
        var staging = PostgresImportStaging()
        if start.direct { staging.direct = PostgresDirectAccounts(now: clock, start: start) }
        let emptyInputs: [String]
        do {
            emptyInputs = try read(inputs, into: &staging, now: clock, sync: false, ignoreUnknownColumns: ignoreUnknownColumns, feed: feed,
                                   onWarning: onWarning, onProgress: onProgress)
        } catch is CancellationError {
            // The transaction ended first: its error is the one to tell.
            _ = try applied()
            throw CancellationError()
        } catch {
            feed.fail(error)
            _ = outcome.wait()
            throw error
        }
        feed.finish(staging)
        return (staging, emptyInputs, try applied())
    }

    /// The caller's summary from what was read and what the transaction did; hands the
    /// refused lines to `onReject` in SQLite's order.
    private func summarize(_ staging: PostgresImportStaging, emptyInputs: [String], applied: ImportApplied, names: [String],
                           onReject: (FieldPlanStore.Rejection) -> Void, onWarning: (String) -> Void) -> ImportSummary {
        var summary = staging.summary
        summary.emptyInputs = emptyInputs
        for (kind, counts) in applied.counts {
            summary.byKind[kind, default: ImportSummary.Counts()].accepted += counts.accepted
            summary.byKind[kind, default: ImportSummary.Counts()].unchanged += counts.unchanged
            summary.byKind[kind, default: ImportSummary.Counts()].rejected += counts.rejected
        }
        for (kind, counts) in applied.facts.counts {
            summary.byKind[kind, default: ImportSummary.Counts()].accepted += counts.accepted
            summary.byKind[kind, default: ImportSummary.Counts()].unchanged += counts.unchanged
            summary.byKind[kind, default: ImportSummary.Counts()].rejected += counts.rejected
        }
        summary.conflicts += applied.facts.conflicts
        summary.flagged = applied.facts.flagged
        summary.resolvedRejections = applied.resolved
        for source in emptyInputs {
            summary.warnings += 1
            onWarning("no records in \(source)")
        }
        for warning in applied.repeated {
            summary.duplicatesInRun += 1
            summary.warnings += 1
            onWarning(warning)
        }
        // Refused lines in SQLite's order: those refused while reading or when stored, in input
        // order, then those a missing reference refused when retried at the end.
        var refused: [(phase: Int, seq: Int64, rejection: FieldPlanStore.Rejection)] = staging.refused.map {
            (0, $0.seq, FieldPlanStore.Rejection(error: $0.error, raw: $0.raw, csvHeader: $0.csvHeader))
        }
        for missing in applied.missing {
            refused.append((1, missing.seq, FieldPlanStore.Rejection(
                error: LineError(source: names[missing.input], line: missing.line, error: missing.error),
                raw: missing.raw, csvHeader: staging.csvHeaders[missing.input])))
        }
        for fact in applied.facts.refused {
            refused.append((fact.phase, fact.seq, FieldPlanStore.Rejection(
                error: LineError(source: fact.origin.source, line: fact.origin.line, error: fact.error), raw: fact.origin.raw,
                csvHeader: fact.origin.csvHeader)))
        }
        refused.sort { ($0.phase, $0.seq) < ($1.phase, $1.seq) }
        for r in refused { onReject(r.rejection) }
        return summary
    }

    /// What the transaction did, handed back to the calling thread.
    struct ImportApplied: Sendable {
        struct Missing: Sendable {
            var seq: Int64
            var input: Int
            var line: Int
            var error: FieldError
            var raw: [UInt8]
            var kind: String
            var id: String
        }

        var counts: [String: ImportSummary.Counts] = [:]
        var missing: [Missing] = []
        var repeated: [String] = []
        var resolved = 0
        var facts = PostgresFactSync.Result()
    }

    /// Thrown at the end of a dry run, carrying its result, so the transaction rolls back.
    struct DryRunDone: Error {
        var applied: ImportApplied
    }

    /// Where `applyImport` takes the input's rows from: read whole before the transaction, or
    /// streamed while it runs (`ImportFeed`).
    enum ImportRows: Sendable {
        case rows(PostgresImportStaging)
        case feed(ImportFeed)
    }

    private func applyImport(_ source: ImportRows, names: [String], now: Int64, dryRun: Bool, sync: Bool,
                             on connection: PostgresConnection) async throws -> ImportApplied {
        let logger = self.logger
        func run(_ sql: String) async throws -> [PostgresRow] {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
        }
        func count(_ sql: String) async throws -> Int {
            Int(try await run(sql).first?.decode(Int64.self) ?? 0)
        }
        var timer = PhaseTimer()
        defer { timer.report("the import's transaction") }
        _ = try await run("SELECT pg_advisory_xact_lock(\(Self.importLock))")
        let audits = try await count("SELECT count(*) FROM (SELECT 1 FROM account_record LIMIT 1) a") > 0
        let baseline = try await count("SELECT COALESCE(MAX(id), 0) FROM rejected_line")
        let sourceBase = Int64(try await count("SELECT COALESCE(MAX(id), 0) FROM import_source"))
        let runID: Int64
        var direct = false
        if case .feed(let feed) = source, let start = feed.decided {
            // Run again (a serialization failure): the rows read so far carry the first
            // attempt's run and sources, so they must still hold, and the run keeps its number
            // (the identity handed it out; its row was rolled back).
            if start.direct && (audits || sourceBase != start.sourceBase) { throw NotFresh() }
            direct = start.direct
            runID = start.runID
            _ = try await run("INSERT INTO import_run(id, started_at, sync) VALUES (\(runID), \(now), \(sync ? 1 : 0))")
        } else {
            runID = Int64(try await count("INSERT INTO import_run(started_at, sync) VALUES (\(now), \(sync ? 1 : 0)) RETURNING id"))
            if case .feed(let feed) = source {
                let openBefore = try await count("SELECT count(*) FROM (SELECT 1 FROM rejected_line WHERE resolved = 0 LIMIT 1) r") > 0
                direct = !audits
                feed.begin(ImportFeed.Start(direct: direct, runID: runID, sourceBase: sourceBase, keepKeys: openBefore))
            }
        }
        for (index, name) in names.enumerated() {
            try await connection.query("INSERT INTO import_source(id, run, name) VALUES (\(sourceBase + 1 + Int64(index)), \(runID), \(name))",
                                       logger: logger)
        }
        for statement in PostgresImportSQL.createStaging { _ = try await run(statement) }
        let staging: PostgresImportStaging
        switch source {
        case .rows(let rows): staging = rows
        case .feed(let feed):
            if direct {
                // The accounts as they are read; this ends when the reading does.
                try await connection.copyFrom(table: "account_record", columns: PostgresImportSQL.directAccountColumns,
                                              logger: logger) { writer in
                    var index = 0
                    while let chunk = try await feed.chunk(index) {
                        try await writer.write(chunk)
                        index += 1
                    }
                }
            }
            staging = try await feed.staging()
        }
        let directKeys = staging.direct.map { $0.keys.count > 0 } ?? false
        if let keys = staging.direct?.keys, keys.count > 0 {
            _ = try await run(PostgresImportSQL.createDirectKeys)
            try await connection.copyFrom(table: "stage_direct_key", columns: ["id", "seq"], logger: logger) { writer in
                for chunk in keys.all { try await writer.write(chunk) }
            }
        }
        let copies: [(String, [String], CopyRows)] = [
            ("stage_account", PostgresImportSQL.accountColumns, staging.accounts),
            ("stage_agent", PostgresImportSQL.agentColumns, staging.agents),
            ("stage_appointment", PostgresImportSQL.appointmentColumns, staging.appointments),
            ("stage_zone", PostgresImportSQL.zoneColumns, staging.zones),
            ("stage_reject", PostgresImportSQL.rejectColumns, staging.rejects),
        ]
        for (table, columns, rows) in copies where rows.count > 0 {
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                for chunk in rows.all { try await writer.write(chunk) }
            }
        }
        if staging.summary.linesRead > 100_000 {
            for (table, _, rows) in copies where rows.count > 0 { _ = try await run("ANALYZE \(table)") }
        }
        var applied = ImportApplied()
        var missing: [ImportApplied.Missing] = []
        func refused(_ sql: String) async throws {
            for row in try await run(sql) {
                let (seq, input, line, kind, id, field, table, reference, raw) =
                    try row.decode((Int64, Int64, Int64, String, String, String, String, String, Data?).self)
                let error = FieldError(field, "no \(table) \(JSONWriter.quoted(reference)) in this input or the store")
                missing.append(.init(seq: seq, input: Int(input), line: Int(line), error: error, raw: raw.map { [UInt8]($0) } ?? [],
                                     kind: kind, id: id))
                applied.counts[kind, default: ImportSummary.Counts()].rejected += 1
            }
        }
        func upsert(_ kind: String, rows: Int, update: (Int) -> String, insert: (Int) -> String) async throws {
            guard rows > 0 else { return }
            var accepted = 0
            for round in 1...staging.rounds {
                accepted += try await count(update(round))
                accepted += try await count(insert(round))
            }
            let refusedCount = applied.counts[kind]?.rejected ?? 0
            applied.counts[kind, default: ImportSummary.Counts()].accepted += accepted
            applied.counts[kind, default: ImportSummary.Counts()].unchanged += rows - refusedCount - accepted
        }
        try await upsert("agent", rows: staging.agents.count,
                         update: { PostgresImportSQL.updateAgents(round: $0, now: now) },
                         insert: { PostgresImportSQL.insertAgents(round: $0, now: now) })
        if staging.zones.count > 0 { try await refused(PostgresImportSQL.missingZoneAgents) }
        try await upsert("zone", rows: staging.zones.count,
                         update: { PostgresImportSQL.updateZones(round: $0, now: now) },
                         insert: { PostgresImportSQL.insertZones(round: $0, now: now) })
        if staging.accounts.count > 0 { try await refused(PostgresImportSQL.missingAccountZones) }
        try await upsert("account", rows: staging.accounts.count,
                         update: { PostgresImportSQL.updateAccounts(round: $0, now: now, run: runID, sourceBase: sourceBase, audit: audits) },
                         insert: { PostgresImportSQL.insertAccounts(round: $0, now: now, run: runID, sourceBase: sourceBase) })
        if let sent = staging.direct?.rows.count, sent > 0 {
            applied.counts["account", default: ImportSummary.Counts()].accepted += sent
        }
        if staging.appointments.count > 0 { try await refused(PostgresImportSQL.missingAppointmentReferences) }
        try await upsert("appointment", rows: staging.appointments.count,
                         update: { PostgresImportSQL.updateAppointments(round: $0, now: now) },
                         insert: { PostgresImportSQL.insertAppointments(round: $0, now: now) })
        timer.mark("run, staging, records other than facts")
        // Facts last: they refer to accounts and agents, and drive their accounts.
        applied.facts = try await PostgresFactSync.apply(staging.facts, sync: sync, run: runID, now: now, on: connection, logger: logger)
        if !applied.facts.refused.isEmpty {
            var rows = CopyRows()
            for r in applied.facts.refused {
                rows.int(r.seq); rows.text(r.origin.source); rows.int(r.origin.line); rows.text(r.error.field); rows.text(r.error.reason)
                rows.bytes(r.origin.raw ?? []); rows.text(r.kind); rows.text(r.id); rows.int(r.phase); rows.end()
            }
            try await connection.copyFrom(table: "stage_reject", columns: PostgresImportSQL.rejectColumns + ["phase"], logger: logger) { writer in
                for chunk in rows.all { try await writer.write(chunk) }
            }
        }
        // The lines refused by a missing reference follow those refused while reading, in
        // input order, as SQLite refuses them when it retries them at the end.
        missing.sort { $0.seq < $1.seq }
        if !missing.isEmpty {
            var rows = CopyRows()
            for m in missing {
                rows.int(m.seq); rows.text(names[m.input]); rows.int(m.line); rows.text(m.error.field); rows.text(m.error.reason)
                rows.bytes(m.raw); rows.text(m.kind); rows.text(m.id); rows.int(1); rows.end()
            }
            try await connection.copyFrom(table: "stage_reject", columns: PostgresImportSQL.rejectColumns + ["phase"], logger: logger) { writer in
                for chunk in rows.all { try await writer.write(chunk) }
            }
        }
        // Ids that came more than once ("the last line wins"), in input order.
        if staging.rounds > 1 {
            for row in try await run(PostgresImportSQL.repeatedIDs(direct: direct ? sourceBase : nil)) {
                let (_, kind, id, input, line, firstInput, firstLine) =
                    try row.decode((Int64, String, String, Int64, Int64, Int64, Int64).self)
                let source = names[Int(input)], firstSource = names[Int(firstInput)]
                let earlier = firstSource == source ? "line \(firstLine)" : "\(firstSource):\(firstLine)"
                applied.repeated.append("\(source):\(line): id: \(kind) \(JSONWriter.quoted(id)) also on \(earlier); the last line wins")
            }
        }
        // Corrections (issue 11): a line applied in this run resolves the open rejections of
        // its kind and id from earlier runs, and this run's that came before it. Conflicts are
        // left to review.
        let rejects = staging.rejects.count + missing.count + applied.facts.refused.count
        let openBefore = try await count("SELECT count(*) FROM (SELECT 1 FROM rejected_line WHERE resolved = 0 LIMIT 1) r")
        if rejects > 0 || openBefore > 0 {
            _ = try await run(PostgresImportSQL.createApplied(directKeys: directKeys))
            if !applied.facts.applied.isEmpty {
                let keys = applied.facts.applied.keys.sorted()
                let kinds = keys.map { String($0.prefix { $0 != "\u{1F}" }) }
                let ids = keys.map { String($0.drop { $0 != "\u{1F}" }.dropFirst()) }
                let seqs = keys.map { applied.facts.applied[$0]! }
                try await connection.query("""
                    INSERT INTO stage_applied(kind, id, seq) SELECT * FROM unnest(\(kinds)::text[], \(ids)::text[], \(seqs)::bigint[])
                    """, logger: logger)
            }

            applied.resolved += try await count("""
                WITH resolved AS (
                    UPDATE rejected_line r SET resolved = 1 FROM stage_applied k
                    WHERE r.kind = k.kind AND r.record_id = k.id AND r.resolved = 0 AND r.id <= \(baseline)
                        AND NOT (r.field = 'id' AND r.reason LIKE 'conflict:%')
                    RETURNING 1
                ) SELECT count(*) FROM resolved
                """)
            if rejects > 0 {
                applied.resolved += try await count("""
                    WITH resolved AS (
                        UPDATE stage_reject r SET resolved = 1 FROM stage_applied k
                        WHERE r.kind = k.kind AND r.record_id = k.id AND r.seq < k.seq
                            AND NOT (r.field = 'id' AND r.reason LIKE 'conflict:%')
                        RETURNING 1
                    ) SELECT count(*) FROM resolved
                    """)
            }
        }
        if rejects > 0 {
            _ = try await run("""
                INSERT INTO rejected_line(source, line, field, reason, raw, created_at, kind, record_id, resolved)
                SELECT source, line, field, reason, raw, \(now), kind, record_id, resolved FROM stage_reject ORDER BY phase, seq
                """)
        }
        applied.missing = missing
        timer.mark("facts, refusals and corrections")
        if dryRun { throw DryRunDone(applied: applied) }
        return applied
    }
}
