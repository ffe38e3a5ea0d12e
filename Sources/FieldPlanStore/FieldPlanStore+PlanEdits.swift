import FieldPlanCore
import FieldPlanPlanning
import GRDB

extension FieldPlanStore {
    /// What an accepted edit stored.
    public struct PlanEditResult: Sendable {
        public var plan: DayPlan
        public var version: Int
        public var changes: PlanChanges
        /// The version the edit was applied to, so a caller can tell which routes it changed.
        public var previous: DayPlan
        /// The agents whose route on the day is locked (edits leave them alone).
        public var locked: Set<String>
    }

    /// Applies a supervisor's edit to the latest plan of `date` and stores the result as the
    /// day's next version, in one transaction; a refused edit stores nothing.
    /// With `expectedVersion`, the edit is refused unless that is still the latest version, so
    /// two people editing at once cannot overwrite each other unseen.
    /// - Throws: `PlanStoreError.noPlan`, `PlanStoreError.staleVersion`, or the
    ///   `PlanEditRefusal` naming the rule broken.
    /// - Parameters:
    ///   - travel: the day's travel model (nil: the settings' great circle).
    ///   - offRoad: accounts the travel model cannot reach, with the reason.
    public func editPlan(date: CivilDate, _ edit: PlanEdit, expectedVersion: Int? = nil,
                         travel: (any TravelMatrixSource)? = nil, offRoad: [String: String] = [:]) throws -> PlanEditResult {
        try writer.write { db in
            guard let stored = try Self.storedPlan(db, date: date, version: nil) else { throw PlanStoreError.noPlan(date.description) }
            if let expectedVersion, expectedVersion != stored.version {
                throw PlanStoreError.staleVersion(date.description, expectedVersion, stored.version)
            }
            var input = try Self.planningInput(db, date: date, onlyAgents: nil, absent: [], travel: travel)
            input.offRoad = offRoad
            // A supervisor may give a stop to any working agent: zones are not a rule here.
            input.zoneAgents = nil
            let edited = try PlanEditor(input: input).apply(edit, to: stored.plan).get()
            let seed = try Int64.fetchOne(db, sql: "SELECT seed FROM plan WHERE date = ? AND version = ?", arguments: [date.description, stored.version]) ?? 0
            let changes = try Self.savePlan(db, edited, seed: UInt64(bitPattern: seed), madeBy: edit.summary)
            return PlanEditResult(plan: edited, version: changes.version, changes: changes, previous: stored.plan, locked: stored.locked)
        }
    }

    /// `plan lock` / `plan unlock`: a later `plan --date D` keeps a locked route exactly as
    /// it is. Locking needs the agent's route on the day's latest plan.
    /// With `expectedVersion`, the lock is refused unless that is still the latest version, as
    /// an edit is (a lock makes no new version).
    /// - Returns: whether anything changed.
    @discardableResult
    public func setRouteLocked(date: CivilDate, agent: String, _ locked: Bool, expectedVersion: Int? = nil) throws -> Bool {
        try writer.write { db in
            let day = date.description
            if let expectedVersion {
                guard let latest = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM plan WHERE date = ?", arguments: [day]) else {
                    throw PlanStoreError.noPlan(day)
                }
                if latest != expectedVersion { throw PlanStoreError.staleVersion(day, expectedVersion, latest) }
            }
            if locked {
                guard let stored = try Self.storedPlan(db, date: date, version: nil) else { throw PlanStoreError.noPlan(day) }
                guard stored.plan.routes.contains(where: { $0.agentID == agent }) else { throw PlanStoreError.noRoute(day, agent) }
                try db.execute(sql: "INSERT OR IGNORE INTO plan_lock(date, agent_id, locked_at) VALUES (?, ?, ?)", arguments: [day, agent, Self.now()])
            } else {
                try db.execute(sql: "DELETE FROM plan_lock WHERE date = ? AND agent_id = ?", arguments: [day, agent])
            }
            return db.changesCount > 0
        }
    }
}
