import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanStore

/// Builds an agent's route sheet from the day's stored plan and the store, deciding what
/// the agent may see (SPEC §5): never the national id; the phone only where the stop needs
/// a call (`Masking`).
struct SheetBuilder {
    let store: FieldPlanStore

    /// The stored plan's lines for one agent, parsed.
    struct AgentPlan {
        var version: Int
        var route: JSONObject
        var visits: [JSONObject]
    }

    func agentPlan(date: CivilDate, agent: String) throws -> AgentPlan? {
        guard let (version, lines) = try store.planLines(date: date, agent: agent), !lines.isEmpty else { return nil }
        var route: JSONObject?
        var visits: [JSONObject] = []
        for line in lines {
            guard case .object(let o) = try JSONParser.parse(line) else { continue }
            if case .string("route")? = o["kind"] { route = o } else { visits.append(o) }
        }
        guard let route else { return nil }
        return AgentPlan(version: version, route: route, visits: visits)
    }

    func sheet(date: CivilDate, agentID: String) throws -> RouteSheet {
        guard let agent = try store.agents().first(where: { $0.id == agentID }) else {
            throw CommandFailure("no agent \"\(agentID)\" in the store")
        }
        guard let plan = try agentPlan(date: date, agent: agentID) else {
            throw CommandFailure("no plan for \(agentID) on \(date); run fieldplan plan --date \(date)")
        }
        let settings = try store.settings()
        let ids = plan.visits.compactMap { Self.string($0["account_id"]) }
        let briefs = try store.accountBriefs(ids)
        var stops: [RouteSheet.Stop] = []
        var number = 0
        for v in plan.visits {
            let reason = Self.string(v["reason"]) ?? "priority"
            let eta = Self.localTime(Self.string(v["eta"])), etd = Self.localTime(Self.string(v["etd"]))
            let from = Self.string(v["window_from"]).flatMap { LocalTime($0) }
            let to = Self.string(v["window_to"]).flatMap { LocalTime($0) }
            let km = Self.double(v["travel_km"]) ?? 0
            guard let id = Self.string(v["account_id"]) else {
                stops.append(RouteSheet.Stop(number: nil, isBreak: true, eta: eta, etd: etd, windowFrom: from, windowTo: to, reason: "break", legKm: km))
                continue
            }
            // The stored line's `seq`, so the sheet's numbers are the export's whatever version
            // of the numbering the plan was stored with; counted when a line has none.
            number += 1
            if let seq = Self.double(v["seq"]) { number = Int(seq) }
            let brief = briefs[id]
            let a = brief?.account
            var promiseDue: String?
            if let p = brief?.promise, brief?.promiseCovered == false {
                promiseDue = "\(p.date) \(a?.currency ?? settings.currency) \(p.amount.formatted)"
            }
            stops.append(RouteSheet.Stop(number: number, isBreak: false, eta: eta, etd: etd, windowFrom: from, windowTo: to,
                                         reason: reason, accountID: id, debtorName: a?.debtorName, client: a?.client, address: a?.address,
                                         phone: Masking.phoneForAgent(a?.phone, reason: reason), balance: a?.balance,
                                         daysPastDue: a?.daysPastDue, lastOutcome: brief?.lastOutcome, promiseDue: promiseDue,
                                         notes: a?.notes, location: a?.location, legKm: km))
        }
        var unplanned: [RouteSheet.Unplanned] = []
        for u in try store.unplannedVisits(date: date) where try store.zoneAgent(account: u.accountID) == agentID {
            let name = try store.account(id: u.accountID)?.debtorName ?? ""
            unplanned.append(RouteSheet.Unplanned(accountID: u.accountID, debtorName: name, reason: u.reason))
        }
        let route = plan.route
        return RouteSheet(agencyName: settings.agencyName, date: date, agentID: agent.id, agentName: agent.name,
                          zones: try store.zoneNames(agent: agentID), base: agent.base,
                          start: Self.localTime(Self.string(route["start"])), end: Self.localTime(Self.string(route["end"])),
                          travelKm: Self.double(route["travel_km"]) ?? 0,
                          travelMinutes: Int((Self.double(route["travel_minutes"]) ?? 0).rounded()),
                          planVersion: plan.version, currency: settings.currency, stops: stops, unplanned: unplanned)
    }

    static func string(_ v: JSONValue?) -> String? {
        if case .string(let s)? = v { return s }
        return nil
    }

    static func double(_ v: JSONValue?) -> Double? {
        if case .number(let n)? = v { return Double(n) }
        return nil
    }

    /// The local `HH:MM` of an instant written with the agency's offset.
    static func localTime(_ instant: String?) -> LocalTime {
        guard let instant, instant.count >= 16, let t = LocalTime(instant.dropFirst(11).prefix(5)) else { return LocalTime(minutes: 0) }
        return t
    }
}
