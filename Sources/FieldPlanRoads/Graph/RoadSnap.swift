import FieldPlanCore

/// Where a point joins the road network: the nearest point of the nearest usable piece.
public struct RoadSnap: Hashable, Sendable {
    public var piece: Int32
    /// Distance along the piece from its first point to the join, in metres.
    public var offsetMetres: Double
    /// The piece's length, in metres.
    public var pieceMetres: Double
    /// The join itself.
    public var point: Coordinate
    /// From the point asked for to the join, in metres (the walk from the door to the road,
    /// not counted in travel).
    public var distanceMetres: Double

    /// How far along the piece the join is, 0 at its first point and 1 at its last.
    /// Within a nanometre of an end counts as at that end (the vertex itself).
    public var fraction: Double {
        guard pieceMetres > 0 else { return 0 }
        let f = offsetMetres / pieceMetres
        return f < 1e-12 ? 0 : f > 1 - 1e-12 ? 1 : f
    }
}
