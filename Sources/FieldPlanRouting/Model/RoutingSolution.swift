/// A plan for a `RoutingProblem`: the used vehicles' routes (in vehicle order), the jobs
/// left out with their reasons, and the objective the solver computed. Check it against the
/// problem with `RoutingProblem.check(_:)`, which recomputes everything from scratch.
public struct RoutingSolution: Sendable, Hashable, Codable {
    public var routes: [VehicleRoute]
    public var unassigned: [UnassignedJob]
    public var objective: RoutingObjective
    public init(routes: [VehicleRoute], unassigned: [UnassignedJob], objective: RoutingObjective) {
        self.routes = routes; self.unassigned = unassigned; self.objective = objective
    }
}
