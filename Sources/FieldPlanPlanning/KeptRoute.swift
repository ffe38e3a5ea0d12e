import FieldPlanCore

/// Part of a stored plan that a new plan of the same day must keep exactly as it was: the
/// stops that already have an outcome (with `--force`), or a whole route the supervisor
/// locked (`plan lock`). Kept stops keep their agent and their times; the checker accepts
/// them as they are (they were checked when first stored) and only rechecks the travel
/// between them and what is planned around them.
public struct KeptRoute: Sendable, Hashable {
    /// The kept part: for a locked route the whole route; otherwise its start and the kept
    /// stops in order (visits and, if it came before the last of them, the break).
    public var route: AgentRoute
    /// A locked route gets nothing new; an unlocked one is planned on after its last kept stop.
    public var locked: Bool
    /// Where kept stops took place when the account no longer has a location (a MOVED or
    /// WRONG_ADDRESS visit clears it): the address the stop was planned at.
    public var stopLocations: [String: Coordinate]

    public init(route: AgentRoute, locked: Bool, stopLocations: [String: Coordinate] = [:]) {
        self.route = route
        self.locked = locked
        self.stopLocations = stopLocations
    }

    public var agentID: String { route.agentID }
    public var accountIDs: [String] { route.stops.compactMap(\.accountID) }
    /// When the agent is free again after the kept stops.
    public var freeAt: Int { route.stops.last?.etd ?? route.start }
    public var keepsBreak: Bool { route.stops.contains { $0.accountID == nil } }
}

extension KeptRoute {
    /// The part of a stored route that a forced re-plan keeps: every visit whose account has
    /// an outcome today, at its planned times, and the break if it came before the last of
    /// them. Visits in between without an outcome are dropped from the kept part (they go
    /// back to the candidates), so the legs between kept visits are recomputed; times stay,
    /// since the direct trip is never longer than the trip through the dropped stops.
    /// With `until` (a re-plan from that time), a planned break that started before it is
    /// past and kept too, even after the last visited stop or on a route with none.
    /// - Returns: nil when nothing of the route is kept.
    /// - Throws: the travel model's error.
    /// - Complexity: O(stops).
    public static func started(_ route: AgentRoute, visited: Set<String>, base: Coordinate,
                               locations: [String: Coordinate], model: any TravelMatrixSource, until: Int? = nil) throws -> KeptRoute? {
        let lastVisited = route.stops.lastIndex(where: { $0.accountID.map(visited.contains) ?? false })
        let pastBreak = until.flatMap { t in route.stops.lastIndex(where: { $0.accountID == nil && $0.eta < t }) }
        guard let last = [lastVisited, pastBreak].compactMap({ $0 }).max() else { return nil }
        var stops: [PlannedStop] = []
        var position = base
        var metres = 0, seconds = 0, priority = 0
        for stop in route.stops[...last] {
            guard let id = stop.accountID else { stops.append(stop); continue }
            guard visited.contains(id), let at = locations[id] else { continue }
            var s = stop
            let leg = try model.leg(from: position, to: at)
            s.legMetres = leg.metres
            s.legSeconds = leg.seconds
            metres += s.legMetres
            seconds += s.legSeconds
            priority += s.priority
            position = at
            stops.append(s)
        }
        for i in stops.indices { stops[i].seq = i + 1 }
        let kept = AgentRoute(agentID: route.agentID, start: route.start, end: stops.last?.etd ?? route.start, travelMetres: metres,
                              travelSeconds: seconds, priority: priority, stops: stops)
        let ids = Set(stops.compactMap(\.accountID))
        return KeptRoute(route: kept, locked: false, stopLocations: locations.filter { ids.contains($0.key) })
    }
}
