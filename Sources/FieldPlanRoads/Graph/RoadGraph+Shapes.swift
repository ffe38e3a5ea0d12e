import FieldPlanCore

extension RoadGraph {
    /// The credit a map or a route drawn from an OpenStreetMap extract must carry (ODbL).
    public static let credit = "© OpenStreetMap contributors"

    /// Each piece's shape points, first to last: the streets, for drawing under a map.
    /// - Complexity: O(shape points).
    public func pieceShapes() -> [[Coordinate]] {
        (0..<pieceCount).map { p in (Int(pieceStart[p])..<Int(pieceStart[p + 1])).map(point) }
    }
}
