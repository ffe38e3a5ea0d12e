import FieldPlanCore
import FieldPlanPlanning

/// Public ways to make the plan use cases' results, so that another engine of the store
/// (PostgreSQL) returns the very values SQLite returns, counted by the same rules.
extension FieldPlanStore.PlanChanges {
    /// What changed from `previous` (the day's latest version before, nil for the first) to
    /// `plan`, stored as `version`: counted as `plan diff` lists them (`PlanDiff`).
    /// - Complexity: O(stops of both plans).
    public init(version: Int, previous: StoredPlan?, plan: DayPlan) {
        guard let previous else {
            self.init(version: version, previousVersion: nil, added: plan.visitCount, removed: 0, movedAgent: 0, reordered: 0)
            return
        }
        let diff = PlanDiff(from: previous.plan, to: plan)
        self.init(version: version, previousVersion: previous.version, added: diff.added.count, removed: diff.dropped.count,
                  movedAgent: diff.moved.count, reordered: diff.reordered.count)
    }
}

extension FieldPlanStore.PlanEditResult {
    /// An accepted edit: `edited`, stored with `changes`, made on `previous`.
    public init(edited: DayPlan, changes: FieldPlanStore.PlanChanges, previous: StoredPlan) {
        self.init(plan: edited, version: changes.version, changes: changes, previous: previous.plan, locked: previous.locked)
    }
}

extension FieldPlanStore.AccountBrief {
    /// A brief of `account`: its latest outcome as `CODE YYYY-MM-DD`, its latest promise and
    /// whether the payments since have covered it.
    public init(of account: Account, lastOutcome: String?, promise: Outcome.Promise?, covered: Bool) {
        self.init(account: account, lastOutcome: lastOutcome, promise: promise, promiseCovered: covered)
    }
}
