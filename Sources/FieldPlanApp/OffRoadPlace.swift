import FieldPlanCore

/// An account or a base that the road model cannot reach: farther than `snap_limit_m` from
/// any usable road (`fieldplan roads unreachable`).
public struct OffRoadPlace: Hashable, Sendable {
    /// `account` or `base`.
    public var kind: String
    /// The account's id, or the agent's for a base.
    public var id: String
    public var at: Coordinate
    /// Metres to the nearest usable road, when one is within 20 × the limit (10 km at least).
    public var nearestMetres: Int?

    /// The reason a plan gives for leaving an account out.
    public func reason(limit: Int) -> String {
        "off the road network: " + (nearestMetres.map { "\($0) m" } ?? "more than \(max(limit * 20, 10_000)) m") + " from the nearest usable road (snap_limit_m \(limit))"
    }
}
