import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import FieldPlanStore

/// A stored plan read back from its lines, as `FieldPlanStore.storedPlan` reads SQLite's: the
/// route and visit lines are the plan's own NDJSON (`PlanRecordEncoder`), so both engines
/// rebuild the same `DayPlan` from the same text. Pure: the caller reads the rows.
struct StoredPlanLines {
    struct Route {
        var agentID: String
        var line: String
        var travelSeconds: Int64?
        /// (seq, line, leg seconds), in seq order.
        var visits: [(seq: Int64, line: String, legSeconds: Int64?)]
    }

    var date: CivilDate
    var timeZone: String

    func plan(version: Int, createdAt: Int64, madeBy: String?, summary: String?, routes: [Route],
              unplanned: [(accountID: String, reason: String)], locked: Set<String>) throws -> StoredPlan {
        var offset = FieldPlanStore.clock(timeZone: timeZone).offsetSeconds(at: Int64(date.dayNumber) * 86_400 + 12 * 3600)
        var agentRoutes: [AgentRoute] = []
        for r in routes {
            let line = try Self.object(r.line)
            if let start = line["start"].flatMap(Self.text).flatMap(Instant.init) { offset = start.offsetSeconds }
            var stops: [PlannedStop] = []
            for v in r.visits {
                let o = try Self.object(v.line)
                let window = (o["window_from"].flatMap(Self.text).flatMap(LocalTime.init)).flatMap { f in
                    o["window_to"].flatMap(Self.text).flatMap(LocalTime.init).flatMap { TimeWindow(from: f, to: $0) }
                }
                stops.append(PlannedStop(seq: Int(v.seq), accountID: o["account_id"].flatMap(Self.text),
                                         eta: secondsOfDay(o["eta"]), etd: secondsOfDay(o["etd"]), window: window,
                                         legMetres: Self.metres(o["travel_km"]),
                                         legSeconds: v.legSeconds.map { Int($0) } ?? Self.minutesAsSeconds(o["travel_minutes"]),
                                         reason: o["reason"].flatMap(Self.text).flatMap(VisitReason.init) ?? .priority,
                                         priority: Self.int(o["priority"])))
            }
            agentRoutes.append(AgentRoute(agentID: r.agentID, start: secondsOfDay(line["start"]), end: secondsOfDay(line["end"]),
                                          travelMetres: Self.metres(line["travel_km"]),
                                          travelSeconds: r.travelSeconds.map { Int($0) } ?? Self.minutesAsSeconds(line["travel_minutes"]),
                                          priority: Self.int(line["priority"]), stops: stops))
        }
        let unplannedVisits = unplanned.map { UnplannedVisit(accountID: $0.accountID, agentID: nil, reason: $0.reason) }
        var candidates = 0
        if let summary, let o = try? Self.object(summary) { candidates = Self.int(o["candidates"]) }
        let mandatory = agentRoutes.flatMap(\.stops).filter { $0.reason == .appointment || $0.reason == .callback }.count + unplanned.count
        let plan = DayPlan(date: date, utcOffsetSeconds: offset, routes: agentRoutes, unplanned: unplannedVisits,
                           candidateCount: candidates, mandatoryCount: mandatory)
        return StoredPlan(version: version, createdAt: createdAt, madeBy: madeBy, plan: plan, locked: locked)
    }

    private static func object(_ text: String) throws -> JSONObject {
        guard case .object(let o)? = try? JSONParser.parse(text) else { throw PlanStoreError.corrupt("a stored plan line is not a JSON object") }
        return o
    }

    private static func text(_ v: JSONValue) -> String? { if case .string(let s) = v { s } else { nil } }

    private static func int(_ v: JSONValue?) -> Int { if case .number(let n)? = v { Int(n) ?? Int(Double(n) ?? 0) } else { 0 } }

    private static func metres(_ v: JSONValue?) -> Int { if case .number(let n)? = v { Int(((Double(n) ?? 0) * 1000).rounded()) } else { 0 } }

    private static func minutesAsSeconds(_ v: JSONValue?) -> Int { if case .number(let n)? = v { Int(((Double(n) ?? 0) * 60).rounded()) } else { 0 } }

    private func secondsOfDay(_ v: JSONValue?) -> Int {
        guard let text = v.flatMap(Self.text), let i = Instant(text) else { return 0 }
        return Int(i.epochSeconds + Int64(i.offsetSeconds) - Int64(date.dayNumber) * 86_400)
    }
}
