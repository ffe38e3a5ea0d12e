import FieldPlanCore
import FieldPlanInterchange
import Foundation
import GRDB

extension FieldPlanStore {
    /// A rejected input line as the caller sees it: where, why, and its bytes (nil for a
    /// line too long to keep).
    public struct Rejection {
        public var error: LineError
        public var raw: [UInt8]?
        /// The CSV header of the file, so a rejects file of CSV rows stays importable.
        public var csvHeader: String?

        /// For the other engine's import (the PostgreSQL store), which reports its rejects alike.
        public init(error: LineError, raw: [UInt8]?, csvHeader: String?) {
            self.error = error
            self.raw = raw
            self.csvHeader = csvHeader
        }
    }

    /// Imports the inputs in one transaction (SPEC §2): every valid line is applied, every
    /// invalid one is stored in `rejected_line` and handed to `onReject`. A killed import
    /// leaves nothing of itself behind; `dryRun` validates and rolls back.
    ///
    /// Reading and validating run on one thread and SQLite on another, overlapping.
    /// Outcomes and payments wait in `AccountEffects` and are stored many at a time, in
    /// account order, just before their accounts are replayed; refused lines are reported in
    /// input order all the same. Lines that refer to a record appearing later in the input
    /// are retried at the end, so any order that keeps references valid within the stream is
    /// accepted.
    /// - Complexity: O(lines) time; memory bounded (batches in flight, the staged facts of
    ///   one flush, the ids of up to 262,144 accounts waiting for their replay, the page cache,
    ///   the 16 MiB filter of `RepeatedIDs`) plus the lines waiting for a later reference;
    ///   12 bytes of temporary disk per line.
    /// - Parameter sync: `fieldplan sync import` (issue 6): only outcomes and payments are
    ///   taken, any other kind is rejected. Either way stored facts drive their accounts
    ///   (`AccountEffects`).
    public func importRecords(
        _ inputs: [ImportInput],
        dryRun: Bool = false,
        sync: Bool = false,
        ignoreUnknownColumns: Bool = false,
        now: Int64? = nil,
        onReject: (Rejection) -> Void = { _ in },
        onWarning: (String) -> Void = { _ in },
        onProgress: (Int) -> Void = { _ in }
    ) throws -> ImportSummary {
        try importRecords(inputs, dryRun: dryRun, sync: sync, ignoreUnknownColumns: ignoreUnknownColumns, now: now,
                          flushThreshold: AccountEffects.flushThreshold, onReject: onReject, onWarning: onWarning, onProgress: onProgress)
    }

    /// `importRecords` with the number of staged facts that triggers a flush, which tests set
    /// small to cross many flushes with few lines.
    func importRecords(
        _ inputs: [ImportInput],
        dryRun: Bool = false,
        sync: Bool = false,
        ignoreUnknownColumns: Bool = false,
        now: Int64? = nil,
        flushThreshold: Int,
        onReject: (Rejection) -> Void = { _ in },
        onWarning: (String) -> Void = { _ in },
        onProgress: (Int) -> Void = { _ in }
    ) throws -> ImportSummary {
        let clock = now ?? Self.now()
        var summary = ImportSummary()
        do {
            try writer.write { db in
                summary = try importWork(db, inputs, sync: sync, ignoreUnknownColumns: ignoreUnknownColumns, clock: clock,
                                         flushThreshold: flushThreshold, onReject: onReject, onWarning: onWarning, onProgress: onProgress)
                if dryRun { throw DryRunRollback() }
            }
        } catch is DryRunRollback {
        } catch let failure as InputParser.Failure {
            throw ImportError(message: failure.message)
        }
        return summary
    }

    /// The import itself, inside the caller's transaction: `importRecords` runs it alone,
    /// `syncGroup` once per device in a savepoint of a shared transaction.
    func importWork(
        _ db: Database,
        _ inputs: [ImportInput],
        sync: Bool,
        ignoreUnknownColumns: Bool = false,
        clock: Int64,
        flushThreshold: Int = AccountEffects.flushThreshold,
        onReject: (Rejection) -> Void,
        onWarning: (String) -> Void = { _ in },
        onProgress: (Int) -> Void = { _ in }
    ) throws -> ImportSummary {
        var summary = ImportSummary()
        let decoder = RecordDecoder(now: clock)
        // The page cache: 8 MiB for an import (measured on a million accounts, up to
        // 128 MiB was no faster, only bigger; pages that spill go to the WAL early); 16 MiB
        // for a sync (bench-sync, 4 runs each: 8 MiB about 2 % slower, 64 MiB no faster and
        // 50 MiB bigger).
        // A small input keeps the connection's cache as it is: shrinking it back afterwards
        // would drop the pages the next device's sync needs again.
        let small = inputs.allSatisfy { Self.isSmall($0) }
        if !small { try db.execute(sql: "PRAGMA cache_size = \(sync ? -16384 : -8192)") }
        defer { if !small { try? db.execute(sql: "PRAGMA cache_size = -2000") } }
        // Sync hook (issue 6): every run is numbered so accounts know which facts came after
        // their snapshot, and stored facts drive their accounts (AccountEffects).
        try db.execute(sql: "INSERT INTO import_run(started_at, sync) VALUES (?, ?)", arguments: [clock, sync])
        let run = db.lastInsertedRowID
        // Issue 11: changes to accounts that were there are audited (a sync brings none).
        if !sync { try ClientFileAudit.install(db) }
        defer { try? ClientFileAudit.remove(db) }
        let effects = try AccountEffects(db: db, run: run, now: clock)
        let writer = RecordWriter(db: db, now: clock, run: run, effects: effects)
        // Each input named once per run; account rows refer to it by id (v6).
        let sourceIDs: [Int64] = try inputs.map { input in
            try db.execute(sql: "INSERT INTO import_source(run, name) VALUES (?, ?)", arguments: [run, input.displayName])
            writer.sourceIDs[input.displayName] = db.lastInsertedRowID
            return db.lastInsertedRowID
        }
        let rejectStatement = try BoundStatement(db, sql: """
            INSERT INTO rejected_line(source, line, field, reason, raw, created_at, kind, record_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """, cached: true)
        var waiting: [(record: FieldPlanCore.Record, origin: LineOrigin, sequence: Int)] = []
        var waitingFacts: [StagedFact] = []
        // Refused lines wait for the next flush and are then reported in input order: a
        // staged fact is refused, if at all, only when its flush stores it.
        var refused: [(sequence: Int, error: FieldError, kind: String?, id: String?, origin: LineOrigin)] = []
        // Issue 11: a line applied after its kind and id were refused resolves the rejection.
        let corrections = try ResolvedRejections(db: db)
        var emptyInputs: [String] = []

        func reject(_ error: FieldError, kind: String?, id: String?, _ origin: LineOrigin, sequence: Int) {
            summary.count(kind) { $0.rejected += 1 }
            if ResolvedRejections.isConflict(error) { summary.conflicts += 1 }
            corrections.refused(kind: kind, id: id, error: error)
            refused.append((sequence, error, kind, id, origin))
        }

        func applied(_ kind: RecordKind, _ id: @autoclosure () -> String?, sequence: Int) {
            guard !corrections.isIdle, let id = id() else { return }
            corrections.applied(kind: kind.rawValue, id: id, sequence: sequence)
        }

        func reportRefused() throws {
            refused.sort { $0.sequence < $1.sequence }
            for (sequence, error, kind, id, origin) in refused {
                rejectStatement.bind(1, origin.source)
                rejectStatement.bind(2, origin.line)
                rejectStatement.bind(3, error.field)
                rejectStatement.bind(4, error.reason)
                rejectStatement.bind(5, bytes: origin.raw ?? [])
                rejectStatement.bind(6, clock)
                rejectStatement.bind(7, kind)
                rejectStatement.bind(8, id)
                try rejectStatement.execute()
                corrections.stored(row: db.lastInsertedRowID, kind: kind, id: id, error: error, sequence: sequence)
                onReject(Rejection(error: LineError(source: origin.source, line: origin.line, error: error), raw: origin.raw,
                                   csvHeader: origin.csvHeader))
            }
            refused.removeAll(keepingCapacity: true)
        }

        func apply(_ record: FieldPlanCore.Record, _ origin: LineOrigin, sequence: Int, retrying: Bool) throws {
            do {
                // Each writer method checks everything before its one write, so a
                // rejected line leaves no partial effects without a savepoint per line.
                if sync {
                    // Sync hook: a device sends facts only; the rest comes through fieldplan import.
                    throw FieldError("kind", "a sync file takes outcomes and payments only, got \(record.kind.rawValue); use fieldplan import for it")
                }
                writer.origin = origin
                let result = try writer.apply(record)
                summary.count(record.kind.rawValue) { result == .accepted ? ($0.accepted += 1) : ($0.unchanged += 1) }
                applied(record.kind, record.id, sequence: sequence)
            } catch let missing as RecordWriter.MissingReference {
                if retrying {
                    reject(missing.error, kind: record.kind.rawValue, id: record.id, origin, sequence: sequence)
                } else {
                    waiting.append((record, origin, sequence))
                }
            } catch let error as FieldError {
                reject(error, kind: record.kind.rawValue, id: record.id, origin, sequence: sequence)
            }
        }

        /// Stores the staged facts (their accounts follow) and reports what was refused.
        /// - Parameter last: the input is over (and waiting lines are retried).
        func flush(last: Bool = false) throws {
            let retrying = last
            try effects.flush(last: last) { fact, account in
                let kind = fact.record.kind.rawValue
                do {
                    let result = try writer.applyFact(fact, account: account)
                    summary.count(kind) { result == .accepted ? ($0.accepted += 1) : ($0.unchanged += 1) }
                    let row = result == .accepted ? db.lastInsertedRowID : nil
                    applied(fact.record.kind, fact.record.id, sequence: fact.sequence)
                    return row
                } catch let missing as RecordWriter.MissingReference {
                    // A sync file brings no accounts or agents, so nothing later can supply them.
                    if retrying || sync {
                        reject(missing.error, kind: kind, id: fact.record.id, fact.origin, sequence: fact.sequence)
                    } else {
                        waitingFacts.append(fact)
                    }
                } catch let error as FieldError {
                    reject(error, kind: kind, id: fact.record.id, fact.origin, sequence: fact.sequence)
                }
                return nil
            }
            try reportRefused()
        }

        func stage(_ fact: StagedFact) throws {
            if !effects.canStage(fact) { try flush() }
            effects.stage(fact)
        }

        var repeated: RepeatedIDs?   // made on the first record that has one (a sync file has none)
        // A sync's writing thread spends long stretches in flushes: room for a flush's worth
        // of batches lets the reading thread go on parsing meanwhile (bench-sync, 4 runs each:
        // 8 batches 3.47 s and 85 MiB, 32 batches 3.34 s and 101 MiB, 80 batches 3.28 s and
        // 131 MiB).
        let channel = LineChannel<ImportBatch>(capacity: sync ? 80 : 8)
        let produce: @Sendable (_ put: (ImportBatch) throws -> Void) throws -> Void = { put in
            var batcher = ImportBatcher(now: clock, run: run, sync: sync)
            for (index, input) in inputs.enumerated() {
                batcher.sourceID = sourceIDs[index]
                let parser = InputParser(input: input, decoder: decoder, ignoreUnknownColumns: ignoreUnknownColumns,
                                         keepsBytes: { !ImportBatcher.packs($0, sync: sync) })
                let lines = try parser.parse(warn: { batcher.add(.warning($0)) }) { line in
                    batcher.add(line)
                    if batcher.isFull { try put(batcher.take()) }
                }
                if lines == 0 { batcher.add(.noRecords(source: input.displayName)) }
            }
            if !batcher.batch.items.isEmpty { try put(batcher.take()) }
        }
        // A small input is parsed before it is stored, on this thread: a service's sync
        // of 15 outcomes would otherwise start a thread for a few microseconds of parsing.
        let producerDone = small ? channel.produceInline(produce) : channel.startProducer(produce)
        defer {
            channel.cancel()
            producerDone.wait()
        }
        while let batch = try channel.take() {
            for item in batch.items {
                let sequence = summary.linesRead
                switch item {
                case .seen(let kind, let id, let origin):
                    if repeated == nil { repeated = try RepeatedIDs() }
                    try repeated!.note(kind, id, origin)
                    continue
                case .warning(let text):
                    summary.warnings += 1
                    onWarning(text)
                    continue
                case .noRecords(let source):
                    emptyInputs.append(source)
                    continue
                case .packedAccount(let first):
                    let result = try writer.applyPackedAccount(batch.packed, at: first)
                    summary.count(RecordKind.account.rawValue) { result == .accepted ? ($0.accepted += 1) : ($0.unchanged += 1) }
                    applied(.account, batch.packed.text(at: first), sequence: sequence)
                case .line(.rejected(let error, let kind, let id, let origin)):
                    reject(error, kind: kind, id: id, origin, sequence: sequence)
                case .line(.record(let record, let origin)):
                    try apply(record, origin, sequence: sequence, retrying: false)
                case .fact(let record, let origin):
                    try stage(StagedFact(record, origin: origin, sequence: sequence)!)
                }
                summary.linesRead += 1
                if summary.linesRead % 50_000 == 0 { onProgress(summary.linesRead) }
            }
            // Facts are stored many at a time, in account order (AccountEffects.flush).
            if effects.stagedCount >= flushThreshold || refused.count >= Self.refusedBatch { try flush() }
        }
        try flush()
        // An input without records is a word on its own, or the whole run's failure when
        // no input had any: an empty bank file must not pass for a good one. (A device with
        // nothing to report may well send an empty sync file.)
        summary.emptyInputs = emptyInputs
        if !sync && !emptyInputs.isEmpty && summary.linesRead == 0 {
            throw ImportError(message: "no records in \(emptyInputs.joined(separator: ", ")); nothing was imported")
        }
        for source in emptyInputs {
            summary.warnings += 1
            onWarning("no records in \(source)")
        }
        // Ids that came more than once ("last wins"), reported in input order.
        for warning in try repeated?.warnings() ?? [] {
            summary.duplicatesInRun += 1
            summary.warnings += 1
            onWarning(warning)
        }
        // Lines that referred to records later in the input.
        for item in waiting { try apply(item.record, item.origin, sequence: item.sequence, retrying: true) }
        waiting = []
        for fact in waitingFacts { try stage(fact) }
        waitingFacts = []
        try flush(last: true)
        summary.resolvedRejections = try corrections.resolve(db)
        // Sync hook: promises whose date passed break even without a new fact.
        try effects.sweepDuePromises()
        summary.flagged = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outcome WHERE run = ? AND flagged IS NOT NULL", arguments: [run]) ?? 0
        return summary
    }
}

extension FieldPlanStore {
    /// The client-file line that created an account (`FILE`, line), nil for an account made
    /// before the store kept it or not by an import. Later changes are in the audit trail.
    public func creatingLine(ofAccount id: String) throws -> (source: String, line: Int)? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT i.name, a.source_line FROM account_record a JOIN import_source i ON i.id = a.source_id WHERE a.id = ?
                """, arguments: [id]),
                  let source: String = row[0], let line: Int = row[1] else { return nil }
            return (source, line)
        }
    }
}

extension FieldPlanStore {
    /// How many refused lines wait before they are reported (and the staged facts flushed).
    static let refusedBatch = 4096

    /// Inputs up to this size are parsed on the storing thread, ahead of the store.
    static let smallInputBytes = 256 << 10

    /// Whether an input is a file no bigger than `smallInputBytes` (not a pipe or a terminal,
    /// whose size says nothing).
    static func isSmall(_ input: ImportInput) -> Bool {
        var info = stat()
        guard stat(input.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return Int(info.st_size) <= smallInputBytes
    }
}

/// Thrown at the end of a dry run so the transaction rolls back.
struct DryRunRollback: Error {}

/// A failure that stops the whole import (nothing is applied).
public struct ImportError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
