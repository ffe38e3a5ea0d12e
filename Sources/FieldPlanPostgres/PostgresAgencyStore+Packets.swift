import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import PostgresNIO

extension PostgresAgencyStore {
    /// The agent's day packet (`FieldPlanStore.syncPacket`, SPEC §6), in one read-only
    /// transaction: the header, the agent's route and visit lines of the day's latest plan,
    /// then one `debtor` line per account visited, written by the same code as on SQLite.
    /// - Complexity: six statements whatever the number of visits.
    public func syncPacket(date: CivilDate, agent: String, now: Int64?) throws -> [String] {
        try write(readOnly: true) { connection in
            let logger = self.logger
            func rows(_ query: PostgresQuery) async throws -> [PostgresRow] { try await connection.query(query, logger: logger).collect() }
            guard let plan = try await rows("SELECT id, version FROM plan WHERE date = \(date.description) ORDER BY version DESC LIMIT 1").first else {
                throw FieldPlanStore.SyncError("no plan for \(date); run fieldplan plan --date \(date) first")
            }
            let (planID, version) = try plan.decode((Int64, Int64).self)
            guard let route = try await rows("SELECT line FROM plan_route WHERE plan_id = \(planID) AND agent_id = \(agent)").first?
                .decode(String.self) else {
                throw FieldPlanStore.SyncError("agent \(JSONWriter.quoted(agent)) has no route in the plan of \(date) (version \(version))")
            }
            let settings = try await Self.settings(connection, logger: logger)
            let created = FieldPlanStore.clock(timeZone: settings.timeZone).instant(now ?? Self.now())
            var lines = [FieldPlanStore.packetHeader(agent: agent, date: date, created: created, version: Int(version)), route]
            var visits: [(accountID: String?, line: String)] = []
            for row in try await rows("SELECT account_id, line FROM plan_visit WHERE plan_id = \(planID) AND agent_id = \(agent) ORDER BY seq") {
                visits.append(try row.decode((String?, String).self))
            }
            lines += visits.map(\.line)
            let reasons = FieldPlanStore.packetReasons(visits)
            let ids = reasons.map(\.account)
            var accounts: [String: Account] = [:]
            for row in try await rows("SELECT \(unescaped: PostgresColumns.account) FROM account WHERE id = ANY(\(ids)::text[])") {
                var columns = PostgresColumns(row)
                let account = try columns.account()
                accounts[account.id] = account
            }
            var last: [String: FieldPlanStore.LastOutcome] = [:]
            for row in try await rows("""
                SELECT DISTINCT ON (account_id) account_id, code, visited_at, agent_id FROM outcome
                WHERE account_id = ANY(\(ids)::text[]) ORDER BY account_id, visited_epoch DESC, id DESC
                """) {
                let (id, code, visitedAt, agentID) = try row.decode((String, String, String, String).self)
                last[id] = FieldPlanStore.LastOutcome(code: code, visitedAt: visitedAt, agentID: agentID)
            }
            var promises: [String: FieldPlanStore.PendingPromise] = [:]
            for row in try await rows("""
                SELECT DISTINCT ON (account_id) account_id, amount, due_date, paid FROM promise
                WHERE account_id = ANY(\(ids)::text[]) AND state = 'pending' ORDER BY account_id, id DESC
                """) {
                let (id, amount, due, paid) = try row.decode((String, Int64, String, Int64).self)
                promises[id] = FieldPlanStore.PendingPromise(amount: amount, dueDate: due, paid: paid)
            }
            for (id, reason) in reasons {
                guard let account = accounts[id] else { continue }
                lines.append(FieldPlanStore.debtorLine(account, reason: reason, lastOutcome: last[id], promise: promises[id]))
            }
            return lines
        }
    }

    /// Plausible outcomes for every planned visit of the latest plan of `date`, per agent
    /// (`FieldPlanStore.simulateFieldDay`): the visits are read in one statement and the
    /// outcomes made by the same seeded code as on SQLite, so both engines simulate the same day.
    public func simulateFieldDay(date: CivilDate, seed: UInt64, until: Int?) throws -> [(agent: String, lines: [String])] {
        let days = try write(readOnly: true) { connection -> [SimulatedAgent] in
            let logger = self.logger
            guard let plan = try await connection.query("""
                SELECT id FROM plan WHERE date = \(date.description) ORDER BY version DESC LIMIT 1
                """, logger: logger).collect().first else {
                throw FieldPlanStore.SyncError("no plan for \(date); run fieldplan plan --date \(date) first")
            }
            let planID = try plan.decode(Int64.self)
            let visitDays = try await Self.settings(connection, logger: logger).visitDays
            var visits: [String: [(accountID: String, line: String, balance: Int64)]] = [:]
            for try await (agent, account, line, balance) in try await connection.query("""
                SELECT v.agent_id, v.account_id, v.line, a.balance FROM plan_visit v JOIN account a ON a.id = v.account_id
                WHERE v.plan_id = \(planID) ORDER BY v.agent_id, v.seq
                """, logger: logger).decode((String, String, String, Int64).self) {
                visits[agent, default: []].append((account, line, balance))
            }
            var result: [SimulatedAgent] = []
            for try await agent in try await connection.query("SELECT agent_id FROM plan_route WHERE plan_id = \(planID) ORDER BY agent_id",
                                                              logger: logger).decode(String.self) {
                result.append(SimulatedAgent(agent: agent, lines: FieldPlanStore.simulatedLines(
                    date: date, seed: seed, until: until, agent: agent, visits: visits[agent] ?? [], visitDays: visitDays)))
            }
            return result
        }
        return days.map { ($0.agent, $0.lines) }
    }

    struct SimulatedAgent: Sendable {
        var agent: String
        var lines: [String]
    }
}
