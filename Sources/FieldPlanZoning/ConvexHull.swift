/// Convex hull of planar points (Andrew's monotone chain), for zone outlines and areas.
/// - Complexity: O(n log n).
enum ConvexHull {
    /// Indices into `xs`/`ys` of the hull, counter-clockwise, no repeated first point.
    static func indices(of subset: [Int], xs: [Double], ys: [Double]) -> [Int] {
        let sorted = subset.sorted { a, b in xs[a] != xs[b] ? xs[a] < xs[b] : (ys[a] != ys[b] ? ys[a] < ys[b] : a < b) }
        guard sorted.count > 2 else { return sorted }
        func cross(_ o: Int, _ a: Int, _ b: Int) -> Double {
            (xs[a] - xs[o]) * (ys[b] - ys[o]) - (ys[a] - ys[o]) * (xs[b] - xs[o])
        }
        var hull: [Int] = []
        for p in sorted {
            while hull.count >= 2 && cross(hull[hull.count - 2], hull[hull.count - 1], p) <= 0 { hull.removeLast() }
            hull.append(p)
        }
        let lowerCount = hull.count + 1
        for p in sorted.reversed().dropFirst() {
            while hull.count >= lowerCount && cross(hull[hull.count - 2], hull[hull.count - 1], p) <= 0 { hull.removeLast() }
            hull.append(p)
        }
        hull.removeLast()
        return hull
    }

    /// Shoelace area of a polygon given by indices.
    static func area(_ polygon: [Int], xs: [Double], ys: [Double]) -> Double {
        guard polygon.count > 2 else { return 0 }
        var sum = 0.0
        for t in polygon.indices {
            let a = polygon[t], b = polygon[(t + 1) % polygon.count]
            sum += xs[a] * ys[b] - xs[b] * ys[a]
        }
        return abs(sum) / 2
    }
}
