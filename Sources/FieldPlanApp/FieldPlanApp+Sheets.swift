import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanRoads
import FieldPlanStore

extension FieldPlanApp {
    /// An agent's route sheet for `date` from the day's latest stored plan, deciding what
    /// the agent may see (SPEC §5): never the national id; the phone only where the stop
    /// needs a call (`Masking`). The renderers (`RouteSheetRenderer`) draw it as HTML, text
    /// or CSV.
    /// - Throws: `AppError.notFound` for an unknown agent or no route on the day.
    /// - Complexity: O(stops) reads, plus one per unplanned visit of the day.
    public func routeSheet(date: CivilDate, agent agentID: String) throws -> RouteSheet {
        guard let agent = try store.agents().first(where: { $0.id == agentID }) else {
            throw AppError.notFound("no agent \"\(agentID)\" in the store")
        }
        guard let plan = try StoredRouteLines(store, date: date, agent: agentID) else {
            throw AppError.notFound("no plan for \(agentID) on \(date); run fieldplan plan --date \(date)")
        }
        typealias L = StoredRouteLines
        let settings = try store.settings()
        let ids = plan.visits.compactMap { L.string($0["account_id"]) }
        let briefs = try store.accountBriefs(ids)
        var stops: [RouteSheet.Stop] = []
        var number = 0
        for v in plan.visits {
            let reason = L.string(v["reason"]) ?? "priority"
            let eta = L.localTime(L.string(v["eta"])), etd = L.localTime(L.string(v["etd"]))
            let from = L.string(v["window_from"]).flatMap { LocalTime($0) }
            let to = L.string(v["window_to"]).flatMap { LocalTime($0) }
            let km = L.double(v["travel_km"]) ?? 0
            guard let id = L.string(v["account_id"]) else {
                stops.append(RouteSheet.Stop(number: nil, isBreak: true, eta: eta, etd: etd, windowFrom: from, windowTo: to, reason: "break", legKm: km))
                continue
            }
            // The stored line's `seq`, so the sheet's numbers are the export's whatever version
            // of the numbering the plan was stored with; counted when a line has none.
            number += 1
            if let seq = L.double(v["seq"]) { number = Int(seq) }
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
        var sheet = RouteSheet(agencyName: settings.agencyName, date: date, agentID: agent.id, agentName: agent.name,
                          zones: try store.zoneNames(agent: agentID), base: agent.base,
                          start: L.localTime(L.string(route["start"])), end: L.localTime(L.string(route["end"])),
                          travelKm: L.double(route["travel_km"]) ?? 0,
                          travelMinutes: Int((L.double(route["travel_minutes"]) ?? 0).rounded()),
                          planVersion: plan.version, currency: settings.currency, stops: stops, unplanned: unplanned)
        if settings.travel != .straight, let roads = try? travelModel(settings: settings) {
            // Along the streets, base to base; a sheet still prints with straight legs if a
            // stop no longer joins the network.
            let places = [agent.base] + stops.compactMap(\.location) + [agent.base]
            var path: [Coordinate] = [agent.base]
            do {
                for i in 0..<(places.count - 1) { path += try roads.path(from: places[i], to: places[i + 1]) }
                path.append(agent.base)
                sheet.streetPath = path
            } catch {}
            sheet.mapAttribution = RoadGraph.credit
        }
        return sheet
    }

    /// The sheets of every agent with a route on the day's latest plan, in agent id order
    /// (`sheet --all`).
    /// - Throws: `AppError.notFound` when the day has no plan.
    public func routeSheets(date: CivilDate) throws -> [RouteSheet] {
        guard let plan = try store.planLines(date: date, kinds: ["route"]) else {
            throw AppError.notFound("no plan for \(date); run fieldplan plan --date \(date)")
        }
        return try store.agents().map(\.id)
            .filter { id in plan.lines.contains { $0.contains("\"agent_id\":\(JSONWriter.quoted(id))") } }
            .map { try routeSheet(date: date, agent: $0) }
    }
}
