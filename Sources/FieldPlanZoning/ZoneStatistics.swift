/// Figures of zones as they stand, for listing, exporting and drawing them between builds
/// (accounts get paid, added or moved by hand after a build, so stored figures would age).
public enum ZoneStatistics {
    /// One summary per id in `zones`, in that order, from the points whose `currentZone` is
    /// that id. Every point counts for the density (travel) estimate, zoned or not, exactly
    /// as in `ZoneBuilder.build`.
    /// - Complexity: O(n log n).
    public static func summarize(points: [ZonePoint], zones: [String], lockedZones: Set<String> = [],
                                 roadFactor: Double = 1.3, speedKmh: Double = 25) -> [ZoneSummary] {
        let n = points.count
        let projection = PlanarProjection(around: points.map { ($0.latitude, $0.longitude) })
        var xs = [Double](repeating: 0, count: n), ys = xs
        for i in 0..<n {
            (xs[i], ys[i]) = projection.project(latitude: points[i].latitude, longitude: points[i].longitude)
        }
        let (_, travel) = ZoneBuilder.neighboursAndTravel(xs: xs, ys: ys, roadFactor: roadFactor, speedKmh: speedKmh)
        var index: [String: Int] = [:]
        for (t, id) in zones.enumerated() where index[id] == nil { index[id] = t }
        var members = [[Int]](repeating: [], count: zones.count)
        for i in 0..<n { if let z = points[i].currentZone, let t = index[z] { members[t].append(i) } }
        return zones.indices.map { t in
            ZoneBuilder.summary(id: zones[t], locked: lockedZones.contains(zones[t]), members: members[t], points: points,
                                travel: travel, xs: xs, ys: ys, projection: projection)
        }
    }
}
