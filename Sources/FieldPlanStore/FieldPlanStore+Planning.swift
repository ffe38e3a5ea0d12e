import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import Foundation
import GRDB

extension FieldPlanStore {
    /// Gathers what planning `date` needs, in one read transaction.
    /// - Parameter travel: the day's travel model (the legs of kept stops are recomputed
    ///   with it); nil for the settings' great circle.
    /// - Complexity: O(accounts in play + outcomes + payments).
    /// With `fromTime` (a re-plan of the rest of the day from that time, seconds after local
    /// midnight) a planned break that started before it is kept as well.
    public func planningInput(date: CivilDate, onlyAgents: Set<String>? = nil, absent: Set<String> = [],
                              travel: (any TravelMatrixSource)? = nil, fromTime: Int? = nil) throws -> PlanningInput {
        try writer.read { db in try Self.planningInput(db, date: date, onlyAgents: onlyAgents, absent: absent, travel: travel, fromTime: fromTime) }
    }

    static func planningInput(_ db: Database, date: CivilDate, onlyAgents: Set<String>?, absent: Set<String>,
                              travel: (any TravelMatrixSource)? = nil, fromTime: Int? = nil) throws -> PlanningInput {
        let settings = try Self.settings(db)
        let travel = travel ?? settings.travelModel
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
        // history), so they keep their own reason and are not counted twice. Those of the
        // next min_gap_days days hold their accounts back from ordinary visits.
        let appointments = try Row.fetchAll(db, sql: "SELECT * FROM appointment WHERE date >= ? AND date <= ? AND outcome_id IS NULL ORDER BY id",
                                            arguments: [day, date.adding(days: settings.minGapDays).description]).compactMap(\.appointment)
        let latest = try Self.storedPlan(db, date: date, version: nil)
        // Accounts in play: plannable ones in assigned zones (or all, without zones),
        // every account with an appointment or a call-back that day, and those visited
        // that day or on its latest plan (kept stops need their location).
        let zoneFilter = zoneAgents == nil ? "" : "AND zone_id IN (SELECT id FROM zone WHERE agent_id IS NOT NULL)"
        let accounts = try Row.fetchAll(db, sql: """
            SELECT * FROM account WHERE (status IN ('open', 'ptp') \(zoneFilter))
               OR id IN (SELECT account_id FROM appointment WHERE date = ?1)
               OR id IN (SELECT account_id FROM outcome WHERE code = 'CALLBACK' AND next_visit_date = ?1)
               OR id IN (SELECT account_id FROM outcome WHERE substr(visited_at, 1, 10) = ?1)
               OR id IN (SELECT v.account_id FROM plan_visit v JOIN plan p ON p.id = v.plan_id WHERE p.date = ?1 AND p.version = ?2)
            ORDER BY id
            """, arguments: [day, latest?.version ?? 0]).map { ($0.account, $0["updated_at"] as Int64) }
        let history = try Self.history(db, date: date, updatedAt: Dictionary(uniqueKeysWithValues: accounts.map { ($0.0.id, $0.1) }))
        let offset = Self.utcOffset(timeZone: settings.timeZone, date: date)
        let visited = Set(try String.fetchAll(db, sql: "SELECT DISTINCT account_id FROM outcome WHERE substr(visited_at, 1, 10) = ?", arguments: [day]))
        // What the day's latest plan must keep: locked routes whole, and the stops that
        // already have an outcome.
        var kept: [KeptRoute] = []
        if let latest {
            var locations = Dictionary(accounts.compactMap { a in a.0.location.map { (a.0.id, $0) } }, uniquingKeysWith: { a, _ in a })
            // A visit that found the debtor gone (MOVED, WRONG_ADDRESS) cleared the account's
            // location, but its stop was planned, and happened, at the address the client gave:
            // a kept stop stays there.
            for id in visited where locations[id] == nil {
                if let row = try Row.fetchOne(db, sql: "SELECT lat, lon FROM account_record WHERE id = ?", arguments: [id]),
                   let lat: Double = row[0], let lon: Double = row[1], let at = Coordinate(lat: lat, lon: lon) {
                    locations[id] = at
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
                             absentAgents: absent, accounts: accounts.map(\.0), zoneAgents: zoneAgents,
                             appointments: appointments, history: history, visitedToday: visited, keptRoutes: kept,
                             travel: travel, fromTime: fromTime)
    }

    /// A stored version of the day's plan (the latest when `version` is nil), read back
    /// from its lines; nil when there is none. With `agent`, only that agent's route is read
    /// (the plan's other routes are left out, its unplanned visits kept): an agent's phone
    /// asking for its day costs one route's lines, not the agency's.
    public func storedPlan(date: CivilDate, version: Int? = nil, agent: String? = nil) throws -> StoredPlan? {
        try writer.read { db in try Self.storedPlan(db, date: date, version: version, agent: agent) }
    }

    /// The versions of the day's plan, oldest first.
    public func planVersions(date: CivilDate) throws -> [Int] {
        try writer.read { db in try Int.fetchAll(db, sql: "SELECT version FROM plan WHERE date = ? ORDER BY version", arguments: [date.description]) }
    }

    static func storedPlan(_ db: Database, date: CivilDate, version: Int?, agent: String? = nil) throws -> StoredPlan? {
        let day = date.description
        let row = version == nil
            ? try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM plan WHERE date = ? ORDER BY version DESC LIMIT 1"), arguments: [day])
            : try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM plan WHERE date = ? AND version = ?"), arguments: [day, version])
        guard let row else { return nil }
        let id: Int64 = row["id"]
        let settings = try Self.settings(db)
        var offset = Self.clock(timeZone: settings.timeZone).offsetSeconds(at: Int64(date.dayNumber) * 86_400 + 12 * 3600)
        var routes: [AgentRoute] = []
        let routeRows = agent == nil
            ? try Row.fetchAll(db.cachedStatement(sql: "SELECT agent_id, line, travel_seconds FROM plan_route WHERE plan_id = ? ORDER BY agent_id"), arguments: [id])
            : try Row.fetchAll(db.cachedStatement(sql: "SELECT agent_id, line, travel_seconds FROM plan_route WHERE plan_id = ? AND agent_id = ?"), arguments: [id, agent])
        for r in routeRows {
            let line = try Self.object(r["line"])
            let agentID: String = r["agent_id"]
            if let start = line["start"].flatMap(Self.text).flatMap(Instant.init) { offset = start.offsetSeconds }
            var stops: [PlannedStop] = []
            for v in try Row.fetchAll(db.cachedStatement(sql: "SELECT line, leg_seconds, seq FROM plan_visit WHERE plan_id = ? AND agent_id = ? ORDER BY seq"),
                                      arguments: [id, agentID]) {
                let o = try Self.object(v["line"])
                let window = (o["window_from"].flatMap(Self.text).flatMap(LocalTime.init)).flatMap { f in
                    o["window_to"].flatMap(Self.text).flatMap(LocalTime.init).flatMap { TimeWindow(from: f, to: $0) }
                }
                // The stored key counts every stop, the break included (the line's `seq`
                // numbers the visits only, as the sheet does).
                stops.append(PlannedStop(seq: v["seq"], accountID: o["account_id"].flatMap(Self.text),
                                         eta: Self.secondsOfDay(o["eta"], date), etd: Self.secondsOfDay(o["etd"], date), window: window,
                                         legMetres: Self.metres(o["travel_km"]), legSeconds: v["leg_seconds"] ?? Self.minutesAsSeconds(o["travel_minutes"]),
                                         reason: o["reason"].flatMap(Self.text).flatMap(VisitReason.init) ?? .priority, priority: Self.int(o["priority"])))
            }
            routes.append(AgentRoute(agentID: agentID, start: Self.secondsOfDay(line["start"], date), end: Self.secondsOfDay(line["end"], date),
                                     travelMetres: Self.metres(line["travel_km"]),
                                     travelSeconds: r["travel_seconds"] ?? Self.minutesAsSeconds(line["travel_minutes"]),
                                     priority: Self.int(line["priority"]), stops: stops))
        }
        let unplanned = try Row.fetchAll(db.cachedStatement(sql: "SELECT account_id, reason FROM plan_unplanned WHERE plan_id = ? ORDER BY account_id"), arguments: [id])
            .map { UnplannedVisit(accountID: $0["account_id"], agentID: nil, reason: $0["reason"]) }
        var candidates = 0
        if let summary = row["summary"] as String?, let o = try? Self.object(summary) { candidates = Self.int(o["candidates"]) }
        let plan = DayPlan(date: date, utcOffsetSeconds: offset, routes: routes, unplanned: unplanned, candidateCount: candidates,
                           mandatoryCount: routes.flatMap(\.stops).filter { $0.reason == .appointment || $0.reason == .callback }.count + unplanned.count)
        let locked = Set(try String.fetchAll(db.cachedStatement(sql: "SELECT agent_id FROM plan_lock WHERE date = ?"), arguments: [day]))
        return StoredPlan(version: row["version"], createdAt: row["created_at"], madeBy: row["made_by"], plan: plan, locked: locked)
    }

    private static func object(_ text: String) throws -> JSONObject {
        guard case .object(let o)? = try? JSONParser.parse(text) else { throw PlanStoreError.corrupt("a stored plan line is not a JSON object") }
        return o
    }

    private static func text(_ v: JSONValue) -> String? { if case .string(let s) = v { s } else { nil } }

    private static func int(_ v: JSONValue?) -> Int { if case .number(let n)? = v { Int(n) ?? Int(Double(n) ?? 0) } else { 0 } }

    private static func metres(_ v: JSONValue?) -> Int { if case .number(let n)? = v { Int(((Double(n) ?? 0) * 1000).rounded()) } else { 0 } }

    /// Plans stored before v7 kept travel only as tenths of minutes.
    private static func minutesAsSeconds(_ v: JSONValue?) -> Int { if case .number(let n)? = v { Int(((Double(n) ?? 0) * 60).rounded()) } else { 0 } }

    private static func secondsOfDay(_ v: JSONValue?, _ date: CivilDate) -> Int {
        guard let text = v.flatMap(Self.text), let i = Instant(text) else { return 0 }
        return Int(i.epochSeconds + Int64(i.offsetSeconds) - Int64(date.dayNumber) * 86_400)
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
    public func savePlan(_ plan: DayPlan, seed: UInt64, madeBy: String = "plan") throws -> PlanChanges {
        try writer.write { db in try Self.savePlan(db, plan, seed: seed, madeBy: madeBy) }
    }

    /// The changes are counted as `plan diff` lists them (`PlanDiff`), so the two agree.
    static func savePlan(_ db: Database, _ plan: DayPlan, seed: UInt64, madeBy: String) throws -> PlanChanges {
        let day = plan.date.description
        let previous = try Self.storedPlan(db, date: plan.date, version: nil)
        let version = (previous?.version ?? 0) + 1
        let summary = "{\"visits\":\(plan.visitCount),\"priority\":\(plan.totalPriority),\"candidates\":\(plan.candidateCount),\"unplanned\":\(plan.unplanned.count)}"
        try db.execute(sql: "INSERT INTO plan(date, version, created_at, seed, summary, made_by) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [day, version, Self.now(), Int64(bitPattern: seed), summary, madeBy])
        let planID = db.lastInsertedRowID
        for route in plan.routes {
            try db.execute(sql: "INSERT INTO plan_route(plan_id, agent_id, line, travel_seconds) VALUES (?, ?, ?, ?)",
                           arguments: [planID, route.agentID, PlanRecordEncoder.route(route, of: plan, version: version), route.travelSeconds])
            for stop in route.stops {
                try db.execute(sql: "INSERT INTO plan_visit(plan_id, agent_id, seq, account_id, line, leg_seconds) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [planID, route.agentID, stop.seq, stop.accountID, PlanRecordEncoder.visit(stop, route: route, of: plan), stop.legSeconds])
            }
        }
        for u in plan.unplanned {
            try db.execute(sql: "INSERT INTO plan_unplanned(plan_id, account_id, reason) VALUES (?, ?, ?)",
                           arguments: [planID, u.accountID, u.reason])
        }
        guard let previous else {
            let added = plan.visitCount
            return PlanChanges(version: version, previousVersion: nil, added: added, removed: 0, movedAgent: 0, reordered: 0)
        }
        let diff = PlanDiff(from: previous.plan, to: plan)
        return PlanChanges(version: version, previousVersion: previous.version, added: diff.added.count, removed: diff.dropped.count,
                           movedAgent: diff.moved.count, reordered: diff.reordered.count)
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
