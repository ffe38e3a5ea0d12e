/// What `RoutingProblem.check(_:)` found: the violations (empty when the solution is
/// feasible and its reported figures are right) and the objective recomputed from scratch.
public struct SolutionCheck: Sendable, Hashable {
    public var violations: [String]
    public var objective: RoutingObjective
    public var isValid: Bool { violations.isEmpty }
}
