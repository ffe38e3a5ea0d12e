import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import Foundation
import GRDB

extension FieldPlanStore {
    /// Gathers what planning `date` needs, in one read transaction.
    /// - Complexity: O(accounts in play + outcomes + payments).
    public func planningInput(date: CivilDate, onlyAgents: Set<String>? = nil, absent: Set<String> = []) throws -> PlanningInput {
        try writer.read { db in
            let settings = try Self.settings(db)
            let agents = try Row.fetchAll(db, sql: "SELECT * FROM agent ORDER BY id").map(\.agent)
            let zoneCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM zone") ?? 0
            var zoneAgents: [String: String]?
            if zoneCount > 0 {
                var map: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT id, agent_id FROM zone WHERE agent_id IS NOT NULL") { map[row["id"]] = row["agent_id"] }
                zoneAgents = map
            }
            let day = date.description
            // Appointments made from a CALLBACK outcome are planned as that call-back (from the
            // history), so they keep their own reason and are not counted twice.
            let appointments = try Row.fetchAll(db, sql: "SELECT * FROM appointment WHERE date = ? AND outcome_id IS NULL ORDER BY id",
                                                arguments: [day]).compactMap(\.appointment)
            // Accounts in play: plannable ones in assigned zones (or all, without zones),
            // and every account with an appointment or a call-back that day.
            let zoneFilter = zoneAgents == nil ? "" : "AND zone_id IN (SELECT id FROM zone WHERE agent_id IS NOT NULL)"
            let accounts = try Row.fetchAll(db, sql: """
                SELECT * FROM account WHERE (status IN ('open', 'ptp') \(zoneFilter))
                   OR id IN (SELECT account_id FROM appointment WHERE date = ?1)
                   OR id IN (SELECT account_id FROM outcome WHERE code = 'CALLBACK' AND next_visit_date = ?1)
                ORDER BY id
                """, arguments: [day]).map { ($0.account, $0["updated_at"] as Int64) }
            let history = try Self.history(db, date: date, updatedAt: Dictionary(uniqueKeysWithValues: accounts.map { ($0.0.id, $0.1) }))
            let offset = Self.utcOffset(timeZone: settings.timeZone, date: date)
            return PlanningInput(date: date, settings: settings, utcOffsetSeconds: offset, agents: agents, onlyAgents: onlyAgents,
                                 absentAgents: absent, accounts: accounts.map(\.0), zoneAgents: zoneAgents,
                                 appointments: appointments, history: history)
        }
    }

    /// The agency's offset from UTC at midday of `date` (Nairobi has no daylight saving,
    /// but other agencies may).
    public static func utcOffset(timeZone: String, date: CivilDate) -> Int {
        guard let zone = TimeZone(identifier: timeZone) else { return 0 }
        let noon = Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86_400 + 12 * 3600))
        return zone.secondsFromGMT(for: noon)
    }

    /// Folds every outcome and payment before `date` into each account's history.
    static func history(_ db: Database, date: CivilDate, updatedAt: [String: Int64]) throws -> [String: AccountHistory] {
        var history: [String: AccountHistory] = [:]
        var latestEpoch: [String: Int64] = [:]
        var promiseEpoch: [String: Int64] = [:]
        let month = String(date.description.prefix(7))
        let rows = try Row.fetchCursor(db, sql: """
            SELECT account_id, visited_at, visited_epoch, code, contact, promise_amount, promise_date,
                   next_visit_date, next_visit_from, next_visit_to
            FROM outcome WHERE substr(visited_at, 1, 10) < ? ORDER BY account_id, visited_epoch, id
            """, arguments: [date.description])
        while let row = try rows.next() {
            let id: String = row["account_id"]
            guard updatedAt[id] != nil else { continue }
            var h = history[id] ?? AccountHistory()
            let visitedAt: String = row["visited_at"]
            let day = CivilDate(String(visitedAt.prefix(10)))
            let code = OutcomeCode(rawValue: row["code"])
            if code != .notVisited {
                h.lastVisit = day
                if visitedAt.hasPrefix(month) { h.visitsThisMonth += 1 }
            }
            h.latestCode = code
            h.latestDate = day
            h.latestContact = (row["contact"] as String?).flatMap(ContactType.init(rawValue:))
            let epoch: Int64 = row["visited_epoch"]
            latestEpoch[id] = epoch
            if let amount: Int64 = row["promise_amount"], let due = (row["promise_date"] as String?).flatMap({ CivilDate($0) }) {
                h.promise = .init(amount: Money(minorUnits: amount), date: due)
                promiseEpoch[id] = epoch
            }
            if code == .callback, let next = (row["next_visit_date"] as String?).flatMap({ CivilDate($0) }) {
                let from = (row["next_visit_from"] as String?).flatMap { LocalTime($0) }
                let to = (row["next_visit_to"] as String?).flatMap { LocalTime($0) }
                h.callback = .init(date: next, window: from.flatMap { f in to.flatMap { TimeWindow(from: f, to: $0) } })
            }
            history[id] = h
        }
        let payments = try Row.fetchCursor(db, sql: "SELECT account_id, amount, paid_epoch FROM payment ORDER BY account_id, paid_epoch")
        while let row = try payments.next() {
            let id: String = row["account_id"]
            guard var h = history[id] else { continue }
            let epoch: Int64 = row["paid_epoch"]
            if let p = promiseEpoch[id], epoch >= p { h.paidSincePromise = h.paidSincePromise + Money(minorUnits: row["amount"]) }
            if let l = latestEpoch[id], epoch >= l { h.paidSinceLatest = true }
            history[id] = h
        }
        for (id, epoch) in latestEpoch {
            if let updated = updatedAt[id], updated > epoch { history[id]?.updatedAfterLatest = true }
        }
        return history
    }

    /// What changed between two versions of a day's plan.
    public struct PlanChanges: Sendable, Equatable {
        public var version: Int
        public var previousVersion: Int?
        public var added: Int
        public var removed: Int
        public var movedAgent: Int
        public var reordered: Int
    }

    /// Stores `plan` as the next version of its day and says what changed since the last.
    public func savePlan(_ plan: DayPlan, seed: UInt64) throws -> PlanChanges {
        try writer.write { db in
            let day = plan.date.description
            let previous = try Row.fetchOne(db, sql: "SELECT id, version FROM plan WHERE date = ? ORDER BY version DESC LIMIT 1", arguments: [day])
            var before: [String: (agent: String, seq: Int)] = [:]
            if let previous {
                for row in try Row.fetchAll(db, sql: "SELECT agent_id, seq, account_id FROM plan_visit WHERE plan_id = ? AND account_id IS NOT NULL",
                                            arguments: [previous["id"] as Int64]) {
                    before[row["account_id"]] = (row["agent_id"], row["seq"])
                }
            }
            let version = ((previous?["version"] as Int?) ?? 0) + 1
            let summary = "{\"visits\":\(plan.visitCount),\"priority\":\(plan.totalPriority),\"candidates\":\(plan.candidateCount),\"unplanned\":\(plan.unplanned.count)}"
            try db.execute(sql: "INSERT INTO plan(date, version, created_at, seed, summary) VALUES (?, ?, ?, ?, ?)",
                           arguments: [day, version, Self.now(), Int64(bitPattern: seed), summary])
            let planID = db.lastInsertedRowID
            var changes = PlanChanges(version: version, previousVersion: previous?["version"], added: 0, removed: 0, movedAgent: 0, reordered: 0)
            var after = Set<String>()
            for route in plan.routes {
                try db.execute(sql: "INSERT INTO plan_route(plan_id, agent_id, line) VALUES (?, ?, ?)",
                               arguments: [planID, route.agentID, PlanRecordEncoder.route(route, of: plan, version: version)])
                for stop in route.stops {
                    try db.execute(sql: "INSERT INTO plan_visit(plan_id, agent_id, seq, account_id, line) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [planID, route.agentID, stop.seq, stop.accountID, PlanRecordEncoder.visit(stop, route: route, of: plan)])
                    guard let id = stop.accountID else { continue }
                    after.insert(id)
                    if let old = before[id] {
                        if old.agent != route.agentID { changes.movedAgent += 1 } else if old.seq != stop.seq { changes.reordered += 1 }
                    } else {
                        changes.added += 1
                    }
                }
            }
            changes.removed = before.keys.filter { !after.contains($0) }.count
            for u in plan.unplanned {
                try db.execute(sql: "INSERT INTO plan_unplanned(plan_id, account_id, reason) VALUES (?, ?, ?)",
                               arguments: [planID, u.accountID, u.reason])
            }
            return changes
        }
    }

    /// The latest stored plan of `date`: its version and its lines, a route line followed
    /// by its visit lines, agent by agent.
    public func planLines(date: CivilDate, kinds: Set<String> = ["route", "visit"], agent: String? = nil) throws -> (version: Int, lines: [String])? {
        try writer.read { db in
            guard let plan = try Row.fetchOne(db, sql: "SELECT id, version FROM plan WHERE date = ? ORDER BY version DESC LIMIT 1",
                                              arguments: [date.description]) else { return nil }
            let id: Int64 = plan["id"]
            var lines: [String] = []
            let routes = try Row.fetchAll(db, sql: "SELECT agent_id, line FROM plan_route WHERE plan_id = ? ORDER BY agent_id", arguments: [id])
            for route in routes {
                let agentID: String = route["agent_id"]
                if let agent, agent != agentID { continue }
                if kinds.contains("route") { lines.append(route["line"]) }
                if kinds.contains("visit") {
                    lines += try String.fetchAll(db, sql: "SELECT line FROM plan_visit WHERE plan_id = ? AND agent_id = ? ORDER BY seq", arguments: [id, agentID])
                }
            }
            return (plan["version"], lines)
        }
    }

    /// The unplanned mandatory visits of the latest plan of `date`.
    public func unplannedVisits(date: CivilDate) throws -> [UnplannedVisit] {
        try writer.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM plan WHERE date = ? ORDER BY version DESC LIMIT 1", arguments: [date.description]) else { return [] }
            return try Row.fetchAll(db, sql: "SELECT account_id, reason FROM plan_unplanned WHERE plan_id = ? ORDER BY account_id", arguments: [id])
                .map { UnplannedVisit(accountID: $0["account_id"], agentID: nil, reason: $0["reason"]) }
        }
    }
}
