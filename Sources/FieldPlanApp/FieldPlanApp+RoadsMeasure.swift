import FieldPlanCore
import FieldPlanRoads
import Foundation

extension FieldPlanApp {
    /// `roads measure` (for `scripts/bench-roads`, against osrm-routed on the same points):
    /// the built-in road model's trip between each pair of points, nil for a pair with an end
    /// off the network, and the seconds it took (the network's loading not counted).
    /// - Complexity: one search per pair.
    public func measureRoadPairs(_ pairs: [(Coordinate, Coordinate)]) throws -> (legs: [TravelLeg?], seconds: Double) {
        let roads = try roadModel()
        let started = Date()
        let legs = pairs.map { try? roads.leg(from: $0.0, to: $0.1) }
        return (legs, Date().timeIntervalSince(started))
    }

    /// `roads measure --matrix`: the built-in model's matrix between `points` and the seconds
    /// it took (snapping included, the network's loading not).
    public func measureRoadMatrix(_ points: [Coordinate]) throws -> (matrix: TravelMatrix, seconds: Double) {
        let roads = try roadModel()
        let started = Date()
        let matrix = try AppError.mapping { try roads.matrix(from: points, to: points) }
        return (matrix, Date().timeIntervalSince(started))
    }
}
