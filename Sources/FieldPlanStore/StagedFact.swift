import FieldPlanCore
import FieldPlanInterchange

/// An outcome or payment read from the input and waiting for the next flush of
/// `AccountEffects`, which stores the facts of many accounts at once in account order: the
/// account is then read once for both the fact's checks and the replay, and the facts of one
/// account go into the store side by side.
struct StagedFact {
    var record: Record
    var origin: LineOrigin
    /// Its place in the input, so that refused lines are still reported in input order.
    var sequence: Int
    var accountID: String

    init?(_ record: Record, origin: LineOrigin, sequence: Int) {
        switch record {
        case .outcome(let o): accountID = o.accountID
        case .payment(let p): accountID = p.accountID
        default: return nil
        }
        self.record = record
        self.origin = origin
        self.sequence = sequence
    }

    /// Which fact this is, whatever its content: its kind and id, hashed.
    var key: UInt64 {
        var hash = FNV1a()
        hash.combine(record.kind.rawValue)
        hash.combine(0)
        hash.combine(record.id)
        return hash.value
    }

    var accountKey: UInt64 {
        var hash = FNV1a()
        hash.combine(accountID)
        return hash.value
    }
}
