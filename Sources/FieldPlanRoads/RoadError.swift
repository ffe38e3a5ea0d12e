import FieldPlanCore

/// Why a road model cannot answer.
public enum RoadError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A point farther from any usable road than the snap limit.
    case offRoad(Coordinate, nearestMetres: Double?, limitMetres: Int)
    /// The stored network cannot be read back.
    case damagedNetwork(String)

    public var description: String {
        switch self {
        case .offRoad(let c, let nearest, let limit):
            "\(c.lat),\(c.lon) is " + (nearest.map { "\(Int($0.rounded())) m" } ?? "more than \(limit) m")
                + " from the nearest usable road (snap_limit_m \(limit))"
        case .damagedNetwork(let why): "the stored road network is damaged: \(why)"
        }
    }
}
