import FieldPlanCore

/// What an import did, per kind: SPEC §3 / issue 2's `accepted`, `unchanged`, `rejected`.
public struct ImportSummary: Sendable, Equatable {
    public struct Counts: Sendable, Equatable {
        public var accepted = 0
        public var unchanged = 0
        public var rejected = 0
        public init() {}
    }

    public var byKind: [String: Counts] = [:]
    /// Lines whose `kind` could not be read at all.
    public var unreadable = Counts()
    /// Later lines that replaced an earlier line with the same kind and id in this run.
    public var duplicatesInRun = 0
    public var linesRead = 0
    /// Sync (issue 6): rejected lines that were conflicts (an id stored with other content);
    /// they are also counted as rejected under their kind.
    public var conflicts = 0
    /// Sync: outcomes accepted in this run that are flagged for a supervisor's review.
    public var flagged = 0
    /// Warnings given (repeated ids, ignored columns, empty inputs): not rejections, nothing
    /// was refused.
    public var warnings = 0
    /// Inputs that held no record at all (empty, blank lines only, a CSV header alone).
    public var emptyInputs: [String] = []
    /// Rejected lines of this or earlier runs that a line applied in this run corrected.
    public var resolvedRejections = 0

    public init() {}

    public var total: Counts {
        var t = unreadable
        for c in byKind.values { t.accepted += c.accepted; t.unchanged += c.unchanged; t.rejected += c.rejected }
        return t
    }

    mutating func count(_ kind: String?, _ update: (inout Counts) -> Void) {
        if let kind { update(&byKind[kind, default: Counts()]) } else { update(&unreadable) }
    }

    /// Kinds in a stable order (dependency order, then any other).
    public var kinds: [String] {
        let order = RecordKind.allCases.map(\.rawValue)
        return byKind.keys.sorted { (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1) }
    }
}
