import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore

/// The rules an outcome or payment line is decided by on PostgreSQL, in input order, as
/// SQLite's writer stores them one by one (`RecordWriter`, `AccountEffects`): shared by the
/// bulk path (`PostgresFactSync`) and a device's small sync (`PostgresSmallSync`), which
/// differ only in how they look up what a line is checked against.
///
/// A line whose id is stored (or accepted earlier in the input) with the same content is
/// `unchanged`, with other content a conflict; a line naming an account or agent that is not
/// there, or with an amount the account's client balance makes absurd, is refused.
struct FactLineDecider {
    /// The facts stored with an id of the input, by `key` (nil: stored values that no
    /// longer parse).
    var stored: [String: Record?] = [:]
    /// Whether a missing reference is refused now (0: a sync) or after every other refusal
    /// of a plain import (1), as SQLite retries such lines at the end.
    let missingPhase: Int
    private(set) var result = PostgresFactSync.Result()
    /// The lines accepted so far, by `key`, as indices into the lines decided.
    private var acceptedAt: [String: Int] = [:]
    /// Outcome [0] and payment [1] counts, kept here rather than looked up by name a line.
    private var counts = [ImportSummary.Counts](repeating: ImportSummary.Counts(), count: 2)
    private var counted = [false, false]

    init(missingPhase: Int, expectedLines: Int = 0) {
        self.missingPhase = missingPhase
        acceptedAt.reserveCapacity(expectedLines)
        result.applied.reserveCapacity(expectedLines)
    }

    /// A fact's key in `stored` and `Result.applied`.
    static func key(_ kind: String, _ id: String) -> String { kind + "\u{1F}" + id }

    /// Decides `lines[index]`, given the client's balance of each account there is
    /// (`clientBalance`) and whether an agent is missing; answers the account of a line
    /// accepted, nil for one unchanged or refused.
    mutating func decide(_ index: Int, of lines: [PostgresFactSync.Line], clientBalance: (String) -> Int64?,
                         agentMissing: (String) -> Bool) throws -> String? {
        let line = lines[index]
        let accountID: String
        switch line.record {
        case .outcome(let o): accountID = o.accountID
        case .payment(let p): accountID = p.accountID
        default: return nil
        }
        let kind = line.record.kind.rawValue, id = line.record.id
        let key = Self.key(kind, id)
        let k = kind == "outcome" ? 0 : 1
        counted[k] = true
        func refuse(_ error: FieldError, phase: Int) {
            counts[k].rejected += 1
            if error.field == "id" && error.reason.hasPrefix("conflict:") { result.conflicts += 1 }
            result.refused.append(PostgresFactSync.Refused(seq: line.seq, phase: phase, kind: kind, id: id, error: error, origin: line.origin))
        }
        /// nil: not stored; .some(nil): stored with the same content; else the conflict.
        func storedResult() -> FieldError?? {
            let found: Record?
            if let at = acceptedAt[key] {
                found = lines[at].record
            } else if let record = stored[key] {
                found = record
            } else {
                return nil
            }
            if found == line.record { return .some(nil) }
            let text = found.map { RecordEncoder.line($0) } ?? "unreadable"
            return .some(FieldError("id", "conflict: \(kind) \(JSONWriter.quoted(id)) is already stored with other content (stored: \(text))"))
        }
        func unchanged() {
            counts[k].unchanged += 1
            result.applied[key] = line.seq
        }
        guard let balance = clientBalance(accountID) else {
            refuse(FieldError("account_id", "no account \(JSONWriter.quoted(accountID)) in this input or the store"), phase: missingPhase)
            return nil
        }
        if case .outcome(let o) = line.record, agentMissing(o.agentID) {
            refuse(FieldError("agent_id", "no agent \(JSONWriter.quoted(o.agentID)) in this input or the store"), phase: missingPhase)
            return nil
        }
        do {
            switch line.record {
            case .outcome(let o):
                if let c = o.collected { try AccountEffects.checkAmount(c.amount, clientBalance: balance, field: "collected.amount") }
                if let p = o.promise { try AccountEffects.checkAmount(p.amount, clientBalance: balance, field: "promise.amount") }
            case .payment(let p):
                try AccountEffects.checkAmount(p.amount, clientBalance: balance, field: "amount")
            default:
                break
            }
        } catch let error as FieldError {
            // A line stored already is a duplicate (or a conflict) whatever the balance is now.
            switch storedResult() {
            case .some(.none): unchanged()
            case .some(.some(let conflict)): refuse(conflict, phase: 0)
            case .none: refuse(error, phase: 0)
            }
            return nil
        }
        switch storedResult() {
        case .some(.none): unchanged(); return nil
        case .some(.some(let conflict)): refuse(conflict, phase: 0); return nil
        case .none: break
        }
        acceptedAt[key] = index
        counts[k].accepted += 1
        result.applied[key] = line.seq
        return accountID
    }

    /// What the lines did, once every line is decided.
    func finished() -> PostgresFactSync.Result {
        var result = self.result
        for (k, name) in ["outcome", "payment"].enumerated() where counted[k] { result.counts[name] = counts[k] }
        return result
    }
}
