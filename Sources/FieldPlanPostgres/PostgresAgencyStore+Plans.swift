import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import FieldPlanStore
import Logging
import PostgresNIO

extension PostgresAgencyStore {
    /// A stored version of the day's plan (the latest when `version` is nil), read back from
    /// its lines, as `FieldPlanStore.storedPlan`; with `agent`, that agent's route only.
    /// - Complexity: four statements in one read-only transaction, whatever the plan's size.
    public func storedPlan(date: CivilDate, version: Int?, agent: String?) throws -> StoredPlan? {
        try write(readOnly: true) { connection in
            try await Self.storedPlan(connection, logger: self.logger, date: date, version: version, agent: agent)
        }
    }

    /// The versions of the day's plan, oldest first.
    public func planVersions(date: CivilDate) throws -> [Int] {
        try read { connection in
            var versions: [Int] = []
            for try await v in try await connection.query("SELECT version FROM plan WHERE date = \(date.description) ORDER BY version",
                                                          logger: self.logger).decode(Int64.self) {
                versions.append(Int(v))
            }
            return versions
        }
    }

    /// The latest stored plan of `date`: its version and its lines, a route line followed by
    /// its visit lines, agent by agent (`FieldPlanStore.planLines`).
    public func planLines(date: CivilDate, kinds: Set<String>, agent: String?) throws -> (version: Int, lines: [String])? {
        let found = try write(readOnly: true) { connection -> PlanLines? in
            let logger = self.logger
            guard let plan = try await connection.query("""
                SELECT id, version FROM plan WHERE date = \(date.description) ORDER BY version DESC LIMIT 1
                """, logger: logger).collect().first else { return nil }
            let (id, version) = try plan.decode((Int64, Int64).self)
            var visits: [String: [String]] = [:]
            if kinds.contains("visit") {
                for try await (agentID, line) in try await connection.query("""
                    SELECT agent_id, line FROM plan_visit WHERE plan_id = \(id) ORDER BY agent_id, seq
                    """, logger: logger).decode((String, String).self) where agent == nil || agent == agentID {
                    visits[agentID, default: []].append(line)
                }
            }
            var lines: [String] = []
            for try await (agentID, line) in try await connection.query("""
                SELECT agent_id, line FROM plan_route WHERE plan_id = \(id) ORDER BY agent_id
                """, logger: logger).decode((String, String).self) where agent == nil || agent == agentID {
                if kinds.contains("route") { lines.append(line) }
                lines += visits[agentID] ?? []
            }
            return PlanLines(version: Int(version), lines: lines)
        }
        return found.map { ($0.version, $0.lines) }
    }

    struct PlanLines: Sendable {
        var version: Int
        var lines: [String]
    }

    /// The unplanned mandatory visits of the latest plan of `date`.
    public func unplannedVisits(date: CivilDate) throws -> [UnplannedVisit] {
        try read { connection in
            var visits: [UnplannedVisit] = []
            for try await (account, reason) in try await connection.query("""
                SELECT account_id, reason FROM plan_unplanned
                WHERE plan_id = (SELECT id FROM plan WHERE date = \(date.description) ORDER BY version DESC LIMIT 1)
                ORDER BY account_id
                """, logger: self.logger).decode((String, String).self) {
                visits.append(UnplannedVisit(accountID: account, agentID: nil, reason: reason))
            }
            return visits
        }
    }

    /// Stores `plan` as the next version of its day and says what changed since the last
    /// (`FieldPlanStore.savePlan`), in one serializable transaction: two instances saving the
    /// same day at once store two versions, one after the other.
    public func savePlan(_ plan: DayPlan, seed: UInt64, madeBy: String) throws -> FieldPlanStore.PlanChanges {
        try write { connection in try await Self.savePlan(connection, logger: self.logger, plan, seed: seed, madeBy: madeBy) }
    }

    /// The settings as a transaction sees them (`settings()` on a connection already held).
    static func settings(_ connection: PostgresConnection, logger: Logger) async throws -> Settings {
        var rows: [(String, String)] = []
        for try await row in try await connection.query("SELECT key, value FROM setting ORDER BY key", logger: logger)
            .decode((String, String).self) {
            rows.append(row)
        }
        return settings(from: rows)
    }

    static func storedPlan(_ connection: PostgresConnection, logger: Logger, date: CivilDate, version: Int?,
                           agent: String? = nil) async throws -> StoredPlan? {
        let day = date.description
        let query: PostgresQuery = version.map { v in
            "SELECT id, version, created_at, made_by, summary FROM plan WHERE date = \(day) AND version = \(Int64(v))"
        } ?? "SELECT id, version, created_at, made_by, summary FROM plan WHERE date = \(day) ORDER BY version DESC LIMIT 1"
        guard let row = try await connection.query(query, logger: logger).collect().first else { return nil }
        let (id, storedVersion, createdAt, madeBy, summary) = try row.decode((Int64, Int64, Int64, String?, String?).self)
        let settings = try await Self.settings(connection, logger: logger)
        var visits: [String: [(seq: Int64, line: String, legSeconds: Int64?)]] = [:]
        let visitQuery: PostgresQuery = agent.map { a in
            "SELECT agent_id, seq, line, leg_seconds FROM plan_visit WHERE plan_id = \(id) AND agent_id = \(a) ORDER BY agent_id, seq"
        } ?? "SELECT agent_id, seq, line, leg_seconds FROM plan_visit WHERE plan_id = \(id) ORDER BY agent_id, seq"
        for try await (agentID, seq, line, leg) in try await connection.query(visitQuery, logger: logger)
            .decode((String, Int64, String, Int64?).self) {
            visits[agentID, default: []].append((seq, line, leg))
        }
        let routeQuery: PostgresQuery = agent.map { a in
            "SELECT agent_id, line, travel_seconds FROM plan_route WHERE plan_id = \(id) AND agent_id = \(a) ORDER BY agent_id"
        } ?? "SELECT agent_id, line, travel_seconds FROM plan_route WHERE plan_id = \(id) ORDER BY agent_id"
        var routes: [StoredPlanLines.Route] = []
        for try await (agentID, line, travel) in try await connection.query(routeQuery, logger: logger).decode((String, String, Int64?).self) {
            routes.append(StoredPlanLines.Route(agentID: agentID, line: line, travelSeconds: travel, visits: visits[agentID] ?? []))
        }
        var unplanned: [(accountID: String, reason: String)] = []
        for try await (account, reason) in try await connection.query(
            "SELECT account_id, reason FROM plan_unplanned WHERE plan_id = \(id) ORDER BY account_id", logger: logger
        ).decode((String, String).self) {
            unplanned.append((account, reason))
        }
        var locked: Set<String> = []
        for try await agentID in try await connection.query("SELECT agent_id FROM plan_lock WHERE date = \(day)", logger: logger)
            .decode(String.self) {
            locked.insert(agentID)
        }
        return try StoredPlanLines(date: date, timeZone: settings.timeZone)
            .plan(version: Int(storedVersion), createdAt: createdAt, madeBy: madeBy, summary: summary, routes: routes,
                  unplanned: unplanned, locked: locked)
    }

    /// The plan's rows go in as three set-based statements (`INSERT … SELECT FROM unnest` of
    /// arrays), not one statement per visit: a plan of thousands of stops is three round trips.
    static func savePlan(_ connection: PostgresConnection, logger: Logger, _ plan: DayPlan, seed: UInt64,
                         madeBy: String) async throws -> FieldPlanStore.PlanChanges {
        let day = plan.date.description
        let previous = try await storedPlan(connection, logger: logger, date: plan.date, version: nil)
        let version = (previous?.version ?? 0) + 1
        let summary = "{\"visits\":\(plan.visitCount),\"priority\":\(plan.totalPriority),\"candidates\":\(plan.candidateCount),\"unplanned\":\(plan.unplanned.count)}"
        let rows = try await connection.query("""
            INSERT INTO plan (date, version, created_at, seed, summary, made_by)
            VALUES (\(day), \(Int64(version)), \(now()), \(Int64(bitPattern: seed)), \(summary), \(madeBy)) RETURNING id
            """, logger: logger).collect()
        let planID = try rows[0].decode(Int64.self)
        var routeAgents: [String] = [], routeLines: [String] = [], routeTravel: [Int64] = []
        var visitAgents: [String] = [], visitSeqs: [Int64] = [], visitAccounts: [String] = [], visitLines: [String] = [], visitLegs: [Int64] = []
        for route in plan.routes {
            routeAgents.append(route.agentID)
            routeLines.append(PlanRecordEncoder.route(route, of: plan, version: version))
            routeTravel.append(Int64(route.travelSeconds))
            for stop in route.stops {
                visitAgents.append(route.agentID)
                visitSeqs.append(Int64(stop.seq))
                // A break has no account: '' stands for NULL in the array (no account id is empty).
                visitAccounts.append(stop.accountID ?? "")
                visitLines.append(PlanRecordEncoder.visit(stop, route: route, of: plan))
                visitLegs.append(Int64(stop.legSeconds))
            }
        }
        if !routeAgents.isEmpty {
            try await connection.query("""
                INSERT INTO plan_route (plan_id, agent_id, line, travel_seconds)
                SELECT \(planID), a, l, t FROM unnest(\(routeAgents)::text[], \(routeLines)::text[], \(routeTravel)::bigint[]) AS r(a, l, t)
                """, logger: logger)
        }
        if !visitAgents.isEmpty {
            try await connection.query("""
                INSERT INTO plan_visit (plan_id, agent_id, seq, account_id, line, leg_seconds)
                SELECT \(planID), a, s, NULLIF(c, ''), l, g
                FROM unnest(\(visitAgents)::text[], \(visitSeqs)::bigint[], \(visitAccounts)::text[], \(visitLines)::text[], \(visitLegs)::bigint[])
                    AS v(a, s, c, l, g)
                """, logger: logger)
        }
        if !plan.unplanned.isEmpty {
            try await connection.query("""
                INSERT INTO plan_unplanned (plan_id, account_id, reason)
                SELECT \(planID), c, r FROM unnest(\(plan.unplanned.map(\.accountID))::text[], \(plan.unplanned.map(\.reason))::text[]) AS u(c, r)
                """, logger: logger)
        }
        return FieldPlanStore.PlanChanges(version: version, previous: previous, plan: plan)
    }
}
