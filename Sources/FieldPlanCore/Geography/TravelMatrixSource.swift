/// Where every travel figure of fieldplan comes from (SPEC §4 and §11): the planner, the
/// checker, the plan editor, the sheets and the exports all ask one source, so a plan can be
/// recomputed by anyone with the same model. A source answers many-to-many at once because a
/// road network answers a whole matrix for little more than the cost of one row per origin,
/// where pair by pair it would search the network n² times.
///
/// Three sources exist or are planned, chosen by the application layer from the `travel`
/// setting: `GreatCircleTravelModel` (`straight`, the default), `RoadTravelModel` of
/// `FieldPlanRoads` (`roads`), and an OSRM `/table` client (`osrm`). A source is a value
/// handed to the pure modules: it does no I/O of its own except a remote one (OSRM), whose
/// failure is a thrown error, so that nothing is planned from half a matrix.
public protocol TravelMatrixSource: Sendable {
    /// How the model is named in exports and messages: `great_circle`, `roads`, `osrm`.
    var name: String { get }

    /// Time and distance from every origin to every destination.
    /// - Throws: when the figures cannot be had (a remote server fails); never a partial matrix.
    func matrix(from origins: [Coordinate], to destinations: [Coordinate]) throws -> TravelMatrix

    /// The way a trip goes, for drawing: the points from `a` to `b`, both included. A
    /// straight-line model answers the two ends.
    func path(from a: Coordinate, to b: Coordinate) throws -> [Coordinate]
}

extension TravelMatrixSource {
    /// One trip (a 1 × 1 matrix). For a road model, one search of the network.
    public func leg(from a: Coordinate, to b: Coordinate) throws -> TravelLeg {
        try matrix(from: [a], to: [b])[0, 0]
    }
}
