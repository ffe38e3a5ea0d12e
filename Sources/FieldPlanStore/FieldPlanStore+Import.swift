import Foundation
import FieldPlanCore
import FieldPlanInterchange
import GRDB

extension FieldPlanStore {
    /// A rejected input line as the caller sees it: where, why, and its bytes (nil for a
    /// line too long to keep).
    public struct Rejection {
        public var error: LineError
        public var raw: [UInt8]?
        /// The CSV header of the file, so a rejects file of CSV rows stays importable.
        public var csvHeader: String?
    }

    /// Imports the inputs in one transaction (SPEC §2): every valid line is applied, every
    /// invalid one is stored in `rejected_line` and handed to `onReject`. A killed import
    /// leaves nothing of itself behind; `dryRun` validates and rolls back.
    ///
    /// Lines that refer to a record appearing later in the input are retried at the end,
    /// so any order that keeps references valid within the stream is accepted.
    /// - Complexity: O(lines) time; memory O(1) per line plus a small hash per id seen and
    ///   the lines waiting for a later reference.
    public func importRecords(
        _ inputs: [ImportInput],
        dryRun: Bool = false,
        now: Int64? = nil,
        onReject: (Rejection) -> Void = { _ in },
        onWarning: (String) -> Void = { _ in },
        onProgress: (Int) -> Void = { _ in }
    ) throws -> ImportSummary {
        let clock = now ?? Self.now()
        var summary = ImportSummary()
        let decoder = RecordDecoder(now: clock)
        let work: (Database) throws -> Void = { db in
            // A large page cache keeps a million-line transaction from spilling pages to
            // the WAL before it commits.
            try db.execute(sql: "PRAGMA cache_size = -131072")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            let writer = RecordWriter(db: db, now: clock)
            var seen: [Int: Int] = [:]          // hash(kind, id) → line, for "last wins" warnings
            var waiting: [(record: FieldPlanCore.Record, error: LineError, raw: [UInt8])] = []

            func reject(_ error: LineError, kind: String?, raw: [UInt8]?, header: String?) throws {
                summary.count(kind) { $0.rejected += 1 }
                try db.execute(sql: "INSERT INTO rejected_line(source, line, field, reason, raw, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [error.source, error.line, error.error.field, error.error.reason, Data(raw ?? []), clock])
                onReject(Rejection(error: error, raw: raw, csvHeader: header))
            }

            func handle(_ object: JSONObject, source: String, line: Int, raw: [UInt8], header: String?) throws {
                let kindName: String? = if case .string(let k)? = object["kind"], RecordKind(rawValue: k) != nil { k } else { nil }
                let record: FieldPlanCore.Record
                do throws(FieldError) {
                    record = try decoder.decode(object)
                } catch {
                    try reject(LineError(source: source, line: line, error: error), kind: kindName, raw: raw, header: header)
                    return
                }
                if [.account, .agent, .appointment, .zone].contains(record.kind) {
                    var h = Hasher()
                    h.combine(record.kind)
                    h.combine(record.id)
                    let key = h.finalize()
                    if let earlier = seen[key] {
                        summary.duplicatesInRun += 1
                        onWarning("\(source):\(line): id: \(record.kind.rawValue) \(JSONWriter.quoted(record.id)) again (first on line \(earlier)); the last one wins")
                    } else {
                        seen[key] = line
                    }
                }
                try apply(record, source: source, line: line, raw: raw, header: header, retrying: false)
            }

            func apply(_ record: FieldPlanCore.Record, source: String, line: Int, raw: [UInt8], header: String?, retrying: Bool) throws {
                do {
                    // Each writer method checks everything before its one write, so a
                    // rejected line leaves no partial effects without a savepoint per line.
                    let applied = try writer.apply(record)
                    summary.count(record.kind.rawValue) { applied == .accepted ? ($0.accepted += 1) : ($0.unchanged += 1) }
                } catch let missing as RecordWriter.MissingReference {
                    let error = LineError(source: source, line: line, error: missing.error)
                    if retrying {
                        try reject(error, kind: record.kind.rawValue, raw: raw, header: header)
                    } else {
                        waiting.append((record, error, raw))
                    }
                } catch let error as FieldError {
                    try reject(LineError(source: source, line: line, error: error), kind: record.kind.rawValue, raw: raw, header: header)
                }
            }

            for input in inputs {
                let reader = try LineReader(path: input.path)
                defer { reader.close() }
                var csv: CSVReader?
                var csvHeaderLine: String?
                var pendingCSV: (text: String, line: Int)?
                try reader.forEachLine { line in
                    summary.linesRead += 1
                    if summary.linesRead % 50_000 == 0 { onProgress(summary.linesRead) }
                    guard let bytes = line.bytes else {
                        try reject(LineError(source: input.displayName, line: line.number,
                                             error: FieldError("", "line is \(line.length) bytes, longer than the \(reader.maxLineBytes)-byte limit")),
                                   kind: nil, raw: nil, header: csvHeaderLine)
                        return
                    }
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) && pendingCSV == nil { return }
                    let raw = Array(bytes)
                    switch input.format {
                    case .ndjson:
                        let value: JSONValue
                        do throws(JSONParser.SyntaxError) {
                            value = try JSONParser.parse(bytes)
                        } catch {
                            try reject(LineError(source: input.displayName, line: line.number,
                                                 error: FieldError("", "invalid JSON at column \(error.column): \(error.message)")),
                                       kind: nil, raw: raw, header: nil)
                            return
                        }
                        guard case .object(let object) = value else {
                            try reject(LineError(source: input.displayName, line: line.number,
                                                 error: FieldError("", "expected a JSON object, got \(value.brief)")),
                                       kind: nil, raw: raw, header: nil)
                            return
                        }
                        try handle(object, source: input.displayName, line: line.number, raw: raw, header: nil)
                    case .csv:
                        guard let text = String(validating: raw, as: UTF8.self) else {
                            try reject(LineError(source: input.displayName, line: line.number, error: FieldError("", "invalid UTF-8")),
                                       kind: input.csvKind, raw: raw, header: csvHeaderLine)
                            return
                        }
                        let joined = pendingCSV.map { $0.text + "\n" + text } ?? text
                        let startLine = pendingCSV?.line ?? line.number
                        guard let cells = CSVReader.split(joined) else {
                            pendingCSV = (joined, startLine)
                            return
                        }
                        pendingCSV = nil
                        guard let reader = csv else {
                            csv = CSVReader(headerFields: cells, defaultKind: input.csvKind)
                            csvHeaderLine = text
                            if csv!.kind == nil && !csv!.header.contains("kind") {
                                throw ImportError(message: "\(input.displayName):\(line.number): kind: the CSV has no kind column; name the file accounts….csv or agents….csv, or pass --csv-kind")
                            }
                            return
                        }
                        try handle(reader.object(cells: cells), source: input.displayName, line: startLine, raw: Array(joined.utf8), header: csvHeaderLine)
                    }
                }
                if let pendingCSV {
                    try reject(LineError(source: input.displayName, line: pendingCSV.line, error: FieldError("", "unterminated quoted field")),
                               kind: input.csvKind, raw: Array(pendingCSV.text.utf8), header: csvHeaderLine)
                }
            }
            // Lines that referred to records later in the input.
            let retry = waiting
            waiting = []
            for item in retry {
                try apply(item.record, source: item.error.source, line: item.error.line, raw: item.raw, header: nil, retrying: true)
            }
            if dryRun { throw DryRunRollback() }
        }
        do {
            try writer.write(work)
        } catch is DryRunRollback {
        }
        return summary
    }
}

/// Thrown at the end of a dry run so the transaction rolls back.
struct DryRunRollback: Error {}

/// A failure that stops the whole import (nothing is applied).
public struct ImportError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
