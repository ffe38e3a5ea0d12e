import FieldPlanCore
import FieldPlanPlanning
import FieldPlanStore
import Logging
import PostgresNIO

extension PostgresAgencyStore {
    /// What planning `date` needs (`FieldPlanStore.planningInput`), in one read-only
    /// transaction: agents, zones, appointments, the accounts in play, their visit history
    /// (for the minimum gap, the monthly limit, promises and call-backs), and what the day's
    /// latest plan must keep (locked routes, visited stops, a past break with `fromTime`).
    /// - Complexity: nine statements; O(accounts in play + outcomes + payments) rows, as on SQLite.
    public func planningInput(date: CivilDate, onlyAgents: Set<String>?, absent: Set<String>,
                              travel: (any TravelMatrixSource)?, fromTime: Int?) throws -> PlanningInput {
        try write(readOnly: true) { connection in
            try await Self.planningInput(connection, logger: self.logger, date: date, onlyAgents: onlyAgents, absent: absent,
                                         travel: travel, fromTime: fromTime)
        }
    }

    static func planningInput(_ connection: PostgresConnection, logger: Logger, date: CivilDate, onlyAgents: Set<String>?,
                              absent: Set<String>, travel: (any TravelMatrixSource)?, fromTime: Int?) async throws -> PlanningInput {
        func rows(_ query: PostgresQuery) async throws -> [PostgresRow] { try await connection.query(query, logger: logger).collect() }
        let settings = try await Self.settings(connection, logger: logger)
        let travel = travel ?? settings.travelModel
        var agents: [Agent] = []
        for row in try await rows("SELECT \(unescaped: PostgresColumns.agent) FROM agent ORDER BY id") {
            var columns = PostgresColumns(row)
            agents.append(try columns.agent())
        }
        let zoneCount = try await rows("SELECT count(*) FROM zone")[0].decode(Int64.self)
        var zoneAgents: [String: String]?
        if zoneCount > 0 {
            var map: [String: String] = [:]
            for row in try await rows("SELECT id, agent_id FROM zone WHERE agent_id IS NOT NULL") {
                let (id, agent) = try row.decode((String, String).self)
                map[id] = agent
            }
            zoneAgents = map
        }
        let day = date.description
        // Appointments made from a CALLBACK outcome are planned as that call-back (from the
        // history); those of the next min_gap_days days hold their accounts back.
        var appointments: [Appointment] = []
        for row in try await rows("""
            SELECT \(unescaped: PostgresColumns.appointment) FROM appointment
            WHERE date >= \(day) AND date <= \(date.adding(days: settings.minGapDays).description) AND outcome_id IS NULL ORDER BY id
            """) {
            var columns = PostgresColumns(row)
            if let a = try columns.appointment() { appointments.append(a) }
        }
        let latest = try await storedPlan(connection, logger: logger, date: date, version: nil)
        let zoneFilter = zoneAgents == nil ? "" : "AND zone_id IN (SELECT id FROM zone WHERE agent_id IS NOT NULL)"
        var accounts: [Account] = []
        var updatedAt: [String: Int64] = [:]
        for row in try await rows("""
            SELECT \(unescaped: PostgresColumns.account), updated_at FROM account WHERE (status IN ('open', 'ptp') \(unescaped: zoneFilter))
               OR id IN (SELECT account_id FROM appointment WHERE date = \(day))
               OR id IN (SELECT account_id FROM outcome WHERE code = 'CALLBACK' AND next_visit_date = \(day))
               OR id IN (SELECT account_id FROM outcome WHERE substr(visited_at, 1, 10) = \(day))
               OR id IN (SELECT v.account_id FROM plan_visit v JOIN plan p ON p.id = v.plan_id
                         WHERE p.date = \(day) AND p.version = \(Int64(latest?.version ?? 0)))
            ORDER BY id
            """) {
            var columns = PostgresColumns(row)
            let account = try columns.account()
            accounts.append(account)
            updatedAt[account.id] = try columns.int64() ?? 0
        }
        let history = try await Self.history(connection, logger: logger, date: date, updatedAt: updatedAt)
        let offset = FieldPlanStore.utcOffset(timeZone: settings.timeZone, date: date)
        var visited: Set<String> = []
        for row in try await rows("SELECT DISTINCT account_id FROM outcome WHERE substr(visited_at, 1, 10) = \(day)") {
            visited.insert(try row.decode(String.self))
        }
        var kept: [KeptRoute] = []
        if let latest {
            var locations = Dictionary(accounts.compactMap { a in a.location.map { (a.id, $0) } }, uniquingKeysWith: { a, _ in a })
            // A visit that found the debtor gone cleared the account's location, but its stop
            // happened at the address the client gave: a kept stop stays there.
            let missing = visited.filter { locations[$0] == nil }.sorted()
            if !missing.isEmpty {
                for row in try await rows("SELECT id, lat, lon FROM account_record WHERE id = ANY(\(missing)::text[])") {
                    let (id, lat, lon) = try row.decode((String, Double?, Double?).self)
                    if let lat, let lon, let at = Coordinate(lat: lat, lon: lon) { locations[id] = at }
                }
            }
            let bases = Dictionary(uniqueKeysWithValues: agents.map { ($0.id, $0.base) })
            for route in latest.plan.routes {
                if latest.locked.contains(route.agentID) {
                    kept.append(KeptRoute(route: route, locked: true))
                } else if let base = bases[route.agentID],
                          let k = try KeptRoute.started(route, visited: visited, base: base, locations: locations, model: travel, until: fromTime) {
                    kept.append(k)
                }
            }
        }
        return PlanningInput(date: date, settings: settings, utcOffsetSeconds: offset, agents: agents, onlyAgents: onlyAgents,
                             absentAgents: absent, accounts: accounts, zoneAgents: zoneAgents,
                             appointments: appointments, history: history, visitedToday: visited, keptRoutes: kept,
                             travel: travel, fromTime: fromTime)
    }

    /// Folds every outcome and payment before `date` into each account in play's history,
    /// by the rules of `FieldPlanStore.history` (the same order: account, time, id).
    /// - Complexity: two streamed scans; O(accounts with history) memory.
    static func history(_ connection: PostgresConnection, logger: Logger, date: CivilDate,
                        updatedAt: [String: Int64]) async throws -> [String: AccountHistory] {
        var history: [String: AccountHistory] = [:]
        var latestEpoch: [String: Int64] = [:]
        var promiseEpoch: [String: Int64] = [:]
        let month = String(date.description.prefix(7))
        for try await row in try await connection.query("""
            SELECT account_id, visited_at, visited_epoch, code, contact, promise_amount, promise_date,
                   next_visit_date, next_visit_from, next_visit_to
            FROM outcome WHERE substr(visited_at, 1, 10) < \(date.description) ORDER BY account_id, visited_epoch, id
            """, logger: logger) {
            var c = PostgresColumns(row)
            let id = try c.text() ?? ""
            guard updatedAt[id] != nil else { continue }
            let visitedAt = try c.text() ?? "", epoch = try c.int64() ?? 0, code = (try c.text()).flatMap(OutcomeCode.init(rawValue:))
            let contact = try c.text(), promiseAmount = try c.int64(), promiseDate = try c.text()
            let nextDate = try c.text(), nextFrom = try c.text(), nextTo = try c.text()
            var h = history[id] ?? AccountHistory()
            let day = CivilDate(String(visitedAt.prefix(10)))
            if code != .notVisited {
                h.lastVisit = day
                if visitedAt.hasPrefix(month) { h.visitsThisMonth += 1 }
            }
            h.latestCode = code
            h.latestDate = day
            h.latestContact = contact.flatMap(ContactType.init(rawValue:))
            latestEpoch[id] = epoch
            if let promiseAmount, let due = promiseDate.flatMap({ CivilDate($0) }) {
                h.promise = .init(amount: Money(minorUnits: promiseAmount), date: due)
                promiseEpoch[id] = epoch
            }
            if code == .callback, let next = nextDate.flatMap({ CivilDate($0) }) {
                let from = nextFrom.flatMap { LocalTime($0) }, to = nextTo.flatMap { LocalTime($0) }
                h.callback = .init(date: next, window: from.flatMap { f in to.flatMap { TimeWindow(from: f, to: $0) } })
            }
            history[id] = h
        }
        for try await (id, amount, epoch) in try await connection.query(
            "SELECT account_id, amount, paid_epoch FROM payment ORDER BY account_id, paid_epoch", logger: logger
        ).decode((String, Int64, Int64).self) {
            guard var h = history[id] else { continue }
            if let p = promiseEpoch[id], epoch >= p { h.paidSincePromise = h.paidSincePromise + Money(minorUnits: amount) }
            if let l = latestEpoch[id], epoch >= l { h.paidSinceLatest = true }
            history[id] = h
        }
        for (id, epoch) in latestEpoch {
            if let updated = updatedAt[id], updated > epoch { history[id]?.updatedAfterLatest = true }
        }
        return history
    }
}
