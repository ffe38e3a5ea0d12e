import FieldPlanCore
import FieldPlanPlanning
import FieldPlanStore
import PostgresNIO

extension PostgresAgencyStore {
    /// Applies a supervisor's edit to the latest plan of `date` and stores the result as the
    /// day's next version (`FieldPlanStore.editPlan`): the read, the edit's checks and the
    /// save are one serializable transaction, so an edit made by another instance meanwhile
    /// makes this one run again on the new latest version (and `expectedVersion` refuses it).
    public func editPlan(date: CivilDate, _ edit: PlanEdit, expectedVersion: Int?,
                         travel: (any TravelMatrixSource)?, offRoad: [String: String]) throws -> FieldPlanStore.PlanEditResult {
        try write { connection in
            let logger = self.logger
            guard let stored = try await Self.storedPlan(connection, logger: logger, date: date, version: nil) else {
                throw PlanStoreError.noPlan(date.description)
            }
            if let expectedVersion, expectedVersion != stored.version {
                throw PlanStoreError.staleVersion(date.description, expectedVersion, stored.version)
            }
            var input = try await Self.planningInput(connection, logger: logger, date: date, onlyAgents: nil, absent: [],
                                                     travel: travel, fromTime: nil)
            input.offRoad = offRoad
            // A supervisor may give a stop to any working agent: zones are not a rule here.
            input.zoneAgents = nil
            let edited = try PlanEditor(input: input).apply(edit, to: stored.plan).get()
            let seed = try await connection.query("""
                SELECT seed FROM plan WHERE date = \(date.description) AND version = \(Int64(stored.version))
                """, logger: logger).collect().first?.decode(Int64.self) ?? 0
            let changes = try await Self.savePlan(connection, logger: logger, edited, seed: UInt64(bitPattern: seed), madeBy: edit.summary)
            return FieldPlanStore.PlanEditResult(edited: edited, changes: changes, previous: stored)
        }
    }

    /// `plan lock` / `plan unlock` (`FieldPlanStore.setRouteLocked`): locking needs the agent's
    /// route on the day's latest plan. Returns whether anything changed.
    @discardableResult
    public func setRouteLocked(date: CivilDate, agent: String, _ locked: Bool, expectedVersion: Int?) throws -> Bool {
        try write { connection in
            let logger = self.logger
            let day = date.description
            if let expectedVersion {
                let rows = try await connection.query("SELECT max(version) FROM plan WHERE date = \(day)", logger: logger).collect()
                guard let latest = try rows.first?.decode(Int64?.self) ?? nil else { throw PlanStoreError.noPlan(day) }
                if Int(latest) != expectedVersion { throw PlanStoreError.staleVersion(day, expectedVersion, Int(latest)) }
            }
            let changed: [PostgresRow]
            if locked {
                guard let stored = try await Self.storedPlan(connection, logger: logger, date: date, version: nil, agent: agent) else {
                    throw PlanStoreError.noPlan(day)
                }
                guard stored.plan.routes.contains(where: { $0.agentID == agent }) else { throw PlanStoreError.noRoute(day, agent) }
                changed = try await connection.query("""
                    INSERT INTO plan_lock (date, agent_id, locked_at) VALUES (\(day), \(agent), \(Self.now()))
                    ON CONFLICT DO NOTHING RETURNING 1
                    """, logger: logger).collect()
            } else {
                changed = try await connection.query("DELETE FROM plan_lock WHERE date = \(day) AND agent_id = \(agent) RETURNING 1",
                                                     logger: logger).collect()
            }
            return !changed.isEmpty
        }
    }
}
