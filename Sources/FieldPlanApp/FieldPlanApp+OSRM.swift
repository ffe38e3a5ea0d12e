import FieldPlanCore
import FieldPlanOSRM
import FieldPlanPlanning

extension FieldPlanApp {
    /// The OSRM client of `travel osrm`, from the settings `osrm_url`, `osrm_max_table_size`
    /// and `osrm_timeout_s`. Made once per use case: the matrices it fetches are kept for that
    /// use case only, so a plan never uses another day's figures.
    /// - Throws: `AppError.refused` when `osrm_url` is not set.
    public func osrmModel(settings: Settings) throws -> OSRMTravelModel {
        guard !settings.osrmURL.isEmpty else {
            throw AppError.refused("travel osrm: no osrm_url set; fieldplan settings set osrm_url http://HOST:5000")
        }
        return OSRMTravelModel(configuration: OSRMConfiguration(baseURL: settings.osrmURL, maxTableSize: settings.osrmMaxTableSize,
                                                                timeoutSeconds: Double(settings.osrmTimeoutSeconds)))
    }

    /// With `travel osrm`, what the roads model learns from snapping, asked of the server
    /// before anything is planned: the bases of the working agents and the day's candidates,
    /// each with the distance to where OSRM joins it to a road and whether it can reach the
    /// first working base and be reached from it (a `null` in OSRM's table). A base that fails
    /// refuses the plan, naming the agent; a candidate that fails is left out with its reason,
    /// as an off-road account is on the built-in roads. Every other pair is then routable
    /// (through that base), so the planner's matrix has no hole.
    /// - Complexity: two small `/table` requests per `osrm_max_table_size − 1` places.
    /// - Throws: `AppError.failed` naming the server when it cannot be asked.
    func checkOSRMPlaces(_ input: inout PlanningInput, travel: any TravelMatrixSource) throws {
        guard let osrm = travel as? OSRMTravelModel else { return }
        let selection = CandidateSelector(input: input).select()
        guard let reference = selection.agents.first?.base else { return }
        let limit = input.settings.snapLimitMetres
        let bases = try Self.osrm { try osrm.check(selection.agents.map(\.base), reference: reference) }
        for (agent, place) in zip(selection.agents, bases) {
            if let why = Self.osrmReason(place, limit: limit) {
                throw AppError.refused("\(agent.id)'s base is \(why); move the base or raise snap_limit_m")
            }
        }
        let candidates = selection.candidates
        let places = try Self.osrm { try osrm.check(candidates.map(\.location), reference: reference) }
        for (c, place) in zip(candidates, places) {
            if let why = Self.osrmReason(place, limit: limit) { input.offRoad[c.account.id] = why }
        }
    }

    /// The off-road reason of a place OSRM joins too far away or cannot route, nil when fine.
    static func osrmReason(_ place: (snapMetres: Double, routable: Bool), limit: Int) -> String? {
        if place.snapMetres > Double(limit) {
            return OffRoadPlace(kind: "account", id: "", at: Coordinate(lat: 0, lon: 0)!, nearestMetres: Int(place.snapMetres.rounded())).reason(limit: limit)
        }
        return place.routable ? nil : "off the road network: the OSRM server finds no route between it and the first working base"
    }

    /// `roads route A B` with `travel osrm`: OSRM's `/route`, its time, length and shape.
    /// - Throws: `AppError.refused` for an end farther than `snap_limit_m` from OSRM's roads;
    ///   `AppError.failed` naming the server when it cannot be asked.
    func osrmRoute(from a: Coordinate, to b: Coordinate, settings: Settings) throws -> RoadRoute {
        let osrm = try osrmModel(settings: settings)
        let r = try Self.osrm { try osrm.client.route(from: a, to: b) }
        for (end, snap) in [("FROM", r.fromSnapMetres), ("TO", r.toSnapMetres)] where snap > Double(settings.snapLimitMetres) {
            throw AppError.refused("\(end) is off the road network: \(Int(snap.rounded())) m from the nearest usable road (snap_limit_m \(settings.snapLimitMetres))")
        }
        let path = r.path.compactMap { Coordinate(lat: $0.lat, lon: $0.lon) }
        return RoadRoute(seconds: Int(r.seconds.rounded()), metres: Int(r.metres.rounded()), path: path,
                         fromJoinMetres: r.fromSnapMetres, toJoinMetres: r.toSnapMetres)
    }

    /// Runs `body`, an OSRM server's failure becoming `AppError.failed` with its one line.
    static func osrm<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as OSRMError { throw AppError.failed(e.description) }
    }
}
