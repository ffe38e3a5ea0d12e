/// Quality figures of a partition, for benchmarks and tests: how compact and how contiguous.
public struct ZoningMetrics: Sendable, Hashable {
    /// Mean distance of a point to its zone's centroid, in metres.
    public var spreadMeters: Double
    /// Fraction of points whose nearest neighbour lies in another zone (0 for one zone).
    /// Even ideal convex zones score above 0 because of points on shared borders; compare it
    /// with plain k-means on the same points.
    public var contiguity: Double

    /// Measures any labelling of the points (zone labels are arbitrary integers).
    /// - Complexity: O(n log n).
    public static func measure(latitudes: [Double], longitudes: [Double], labels: [Int]) -> ZoningMetrics {
        let n = latitudes.count
        guard n > 0 else { return ZoningMetrics(spreadMeters: 0, contiguity: 0) }
        let projection = PlanarProjection(around: (0..<n).map { (latitudes[$0], longitudes[$0]) })
        var xs = [Double](repeating: 0, count: n), ys = xs
        for i in 0..<n { (xs[i], ys[i]) = projection.project(latitude: latitudes[i], longitude: longitudes[i]) }
        var order = Array(Set(labels)).sorted()
        var index: [Int: Int] = [:]
        for (t, l) in order.enumerated() { index[l] = t }
        order = []
        let k = index.count
        var sx = [Double](repeating: 0, count: k), sy = sx, c = sx
        let z = labels.map { index[$0]! }
        for i in 0..<n { sx[z[i]] += xs[i]; sy[z[i]] += ys[i]; c[z[i]] += 1 }
        var spread = 0.0
        for i in 0..<n {
            let dx = xs[i] - sx[z[i]] / c[z[i]], dy = ys[i] - sy[z[i]] / c[z[i]]
            spread += (dx * dx + dy * dy).squareRoot()
        }
        let near = SpatialGrid(xs: xs, ys: ys).nearestNeighbours(k: 1)
        var across = 0
        for i in 0..<n where near.index[i] >= 0 && z[Int(near.index[i])] != z[i] { across += 1 }
        return ZoningMetrics(spreadMeters: spread / Double(n), contiguity: Double(across) / Double(n))
    }

    /// Measures a zoning result (labels are zone ids).
    public static func measure(points: [ZonePoint], zoneOfPoint: [String]) -> ZoningMetrics {
        let ids = Array(Set(zoneOfPoint)).sorted()
        var index: [String: Int] = [:]
        for (t, id) in ids.enumerated() { index[id] = t }
        return measure(latitudes: points.map(\.latitude), longitudes: points.map(\.longitude),
                       labels: zoneOfPoint.map { index[$0]! })
    }
}
