import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore

/// An import's input read and validated on the calling thread, as COPY rows for the staging
/// tables of `PostgresImportSQL` (one per kind) and the lines refused while reading. Each row
/// carries its place in the input (`seq`, as SQLite's import counts lines), its input and
/// line, the fields its line left out and, for a kind a missing reference can refuse, the
/// line's bytes.
///
/// `occ` numbers the lines of one id within its kind (1 for the first): the set-based upsert
/// applies occurrence 1 of every id, then 2, …, so a repeated id behaves as line after line
/// does on SQLite (the last wins, fields it left out keep the earlier line's). Ids are
/// counted by a 64-bit hash (16 bytes an id): two ids with one hash only land in different
/// rounds, which changes nothing.
/// - Complexity: O(lines); memory: the COPY text (about the input's size) and the hashes.
struct PostgresImportStaging: Sendable {
    var accounts = CopyRows()
    var agents = CopyRows()
    var appointments = CopyRows()
    var zones = CopyRows()
    var rejects = CopyRows()
    /// The lines refused while reading, in input order, for the caller's `onReject`.
    var refused: [(seq: Int64, error: LineError, raw: [UInt8]?, csvHeader: String?)] = []
    var summary = ImportSummary()
    /// The deepest occurrence of any id: 1 when no id repeats.
    var rounds = 1
    /// Each input's CSV header, for the rejects found later (missing references).
    var csvHeaders: [Int: String] = [:]
    /// The outcomes and payments, in input order, for `PostgresFactSync` (they drive their
    /// accounts, so they are decided on the calling side of the transaction, not by an upsert).
    var facts: [PostgresFactSync.Line] = []
    /// `sync import`: a device sends facts only; any other kind is refused, as on SQLite.
    var sync = false
    /// An import into a store without accounts (`ImportFeed`): the first line of each id
    /// without a zone goes straight to `account_record`'s rows instead of `accounts`.
    var direct: PostgresDirectAccounts?
    private var seen: [UInt64: Int32] = [:]

    static let kinds: [RecordKind] = [.agent, .zone, .account, .appointment]

    private mutating func occurrence(_ kind: RecordKind, _ id: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in kind.rawValue.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash = (hash ^ 58) &* 0x100_0000_01b3
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let n = Int(seen[hash, default: 0]) + 1
        seen[hash] = Int32(n)
        rounds = max(rounds, n)
        return n
    }

    mutating func add(_ line: ParsedLine, input: Int) {
        let seq = Int64(summary.linesRead)
        summary.linesRead += 1
        switch line {
        case .rejected(let error, let kind, let id, let origin):
            if let header = origin.csvHeader { csvHeaders[input] = header }
            reject(error, kind: kind, id: id, origin, seq: seq)
        case .record(let record, let origin):
            if let header = origin.csvHeader { csvHeaders[input] = header }
            if sync && record.kind != .outcome && record.kind != .payment {
                let error = FieldError("kind", "a sync file takes outcomes and payments only, got \(record.kind.rawValue); use fieldplan import for it")
                reject(error, kind: record.kind.rawValue, id: record.id, origin, seq: seq)
                return
            }
            let absent = origin.absent.rawValue
            switch record {
            case .account(let a):
                let rows = occurrence(.account, a.id)
                if rows == 1 && a.zoneID == nil && direct != nil {
                    direct?.add(a, seq: seq, input: input, line: origin.line)
                    return
                }
                accounts.int(seq); accounts.int(rows); accounts.int(input); accounts.int(origin.line); accounts.int(absent)
                accounts.text(a.id); accounts.text(a.client); accounts.text(a.debtorName); accounts.int(a.balance.minorUnits)
                accounts.text(a.currency); accounts.text(a.phone); accounts.text(a.email); accounts.text(a.nationalID)
                accounts.text(a.address); accounts.double(a.location?.lat); accounts.double(a.location?.lon)
                accounts.int(a.daysPastDue); accounts.text(a.status?.rawValue); accounts.text(a.visitWindow?.from.description)
                accounts.text(a.visitWindow?.to.description); accounts.int(a.serviceMinutes); accounts.text(a.notes)
                accounts.text(a.noVisitBefore?.description); accounts.int(a.maxVisitsPerMonth); accounts.text(a.zoneID)
                accounts.bytes(a.zoneID == nil ? nil : origin.raw ?? [])
                accounts.end()
            case .agent(let a):
                let rows = occurrence(.agent, a.id)
                agents.int(seq); agents.int(rows); agents.int(input); agents.int(origin.line); agents.int(absent)
                agents.text(a.id); agents.text(a.name); agents.double(a.base.lat); agents.double(a.base.lon)
                agents.text(a.shift.from.description); agents.text(a.shift.to.description); agents.text(a.phone)
                agents.text(a.days?.map(\.rawValue).joined(separator: ",")); agents.text(a.breakRule?.window.from.description)
                agents.text(a.breakRule?.window.to.description); agents.int(a.breakRule?.minutes); agents.int(a.maxVisits)
                agents.int(a.active.map { $0 ? 1 : 0 })
                agents.end()
            case .appointment(let a):
                let rows = occurrence(.appointment, a.id)
                appointments.int(seq); appointments.int(rows); appointments.int(input); appointments.int(origin.line)
                appointments.int(absent); appointments.text(a.id); appointments.text(a.accountID)
                appointments.text(a.date.description); appointments.text(a.window.from.description)
                appointments.text(a.window.to.description); appointments.text(a.agentID); appointments.bytes(origin.raw ?? [])
                appointments.end()
            case .zone(let z):
                let rows = occurrence(.zone, z.id)
                zones.int(seq); zones.int(rows); zones.int(input); zones.int(origin.line); zones.int(absent)
                zones.text(z.id); zones.text(z.name); zones.text(z.agentID); zones.bytes(origin.raw ?? [])
                zones.end()
            case .outcome, .payment:
                facts.append(PostgresFactSync.Line(record: record, origin: origin, seq: seq, input: input))
            }
        }
    }

    /// A line refused while reading: counted, kept for `rejected_line` and for `onReject`.
    private mutating func reject(_ error: FieldError, kind: String?, id: String?, _ origin: LineOrigin, seq: Int64) {
        if let kind { summary.byKind[kind, default: ImportSummary.Counts()].rejected += 1 } else { summary.unreadable.rejected += 1 }
        // A later account sent straight may resolve this rejection: keep their ids from now on.
        direct?.keepKeys = true
        rejects.int(seq); rejects.text(origin.source); rejects.int(origin.line); rejects.text(error.field); rejects.text(error.reason)
        rejects.bytes(origin.raw ?? []); rejects.text(kind); rejects.text(id)
        rejects.end()
        refused.append((seq, LineError(source: origin.source, line: origin.line, error: error), origin.raw, origin.csvHeader))
    }
}
