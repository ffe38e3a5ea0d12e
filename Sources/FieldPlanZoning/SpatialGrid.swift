/// A uniform bucket grid over planar points, for k-nearest-neighbour queries.
///
/// Zoning needs every point's few nearest neighbours (local density for the travel estimate,
/// the zone adjacency for boundary moves, the contiguity measure). A grid sized to about two
/// points per cell answers each query by scanning a few rings of cells. The grid spans the
/// 0.5–99.5 % quantiles of the points, outliers are clamped into border cells, so one
/// mis-geocoded account far away does not crowd the whole city into one cell.
/// - Complexity: build O(n log n) (quantiles); a query about O(k) on spread-out data.
struct SpatialGrid {
    let xs: [Double]
    let ys: [Double]
    private let minX: Double, minY: Double, cell: Double
    private let columns: Int, rows: Int
    private let cellStart: [Int32]
    private let cellPoints: [Int32]

    init(xs: [Double], ys: [Double]) {
        self.xs = xs
        self.ys = ys
        let n = xs.count
        var lowX = 0.0, highX = 1.0, lowY = 0.0, highY = 1.0
        if n > 0 {
            let sx = xs.sorted(), sy = ys.sorted()
            let lo = Int(Double(n - 1) * 0.005), hi = Int((Double(n - 1) * 0.995).rounded(.up))
            lowX = sx[lo]; highX = sx[hi]; lowY = sy[lo]; highY = sy[hi]
        }
        let width = max(highX - lowX, 1), height = max(highY - lowY, 1)
        let targetCells = max(1.0, Double(n) / 2)
        var cell = (width * height / targetCells).squareRoot()
        cell = max(cell, max(width, height) / 2048, 1e-3)
        let columns = min(Int(width / cell) + 1, 4096), rows = min(Int(height / cell) + 1, 4096)
        self.minX = lowX; self.minY = lowY; self.cell = cell
        self.columns = columns; self.rows = rows
        var counts = [Int32](repeating: 0, count: columns * rows + 1)
        var cellOf = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let c = Self.cellIndex(xs[i], ys[i], minX: lowX, minY: lowY, cell: cell, columns: columns, rows: rows)
            cellOf[i] = Int32(c)
            counts[c + 1] += 1
        }
        for c in 0..<(columns * rows) { counts[c + 1] += counts[c] }
        var fill = counts
        var points = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let c = Int(cellOf[i])
            points[Int(fill[c])] = Int32(i)
            fill[c] += 1
        }
        cellStart = counts
        cellPoints = points
    }

    private static func cellIndex(_ x: Double, _ y: Double, minX: Double, minY: Double, cell: Double,
                                  columns: Int, rows: Int) -> Int {
        let cx = min(max(Int(((x - minX) / cell).rounded(.down)), 0), columns - 1)
        let cy = min(max(Int(((y - minY) / cell).rounded(.down)), 0), rows - 1)
        return cy * columns + cx
    }

    /// The `k` nearest other points of every point, flattened: entry `i * k + t` is the
    /// `t`-th nearest neighbour of point `i` (nearest first) and its distance in metres.
    /// Fewer than `k + 1` points leave `-1` and `.infinity` in the missing slots.
    /// - Complexity: about O(n·k log k) on spread-out data.
    func nearestNeighbours(k: Int) -> (index: [Int32], distance: [Double]) {
        let n = xs.count
        var index = [Int32](repeating: -1, count: n * k)
        var distance = [Double](repeating: .infinity, count: n * k)
        guard k > 0 else { return (index, distance) }
        var bestI = [Int32](repeating: -1, count: k)
        var bestD = [Double](repeating: .infinity, count: k)
        for i in 0..<n {
            query(i, k: k, bestI: &bestI, bestD: &bestD)
            for t in 0..<k { index[i * k + t] = bestI[t]; distance[i * k + t] = bestD[t] }
        }
        return (index, distance)
    }

    /// Fills `bestI`/`bestD` (length k) with the k nearest neighbours of point `i`, squared
    /// distances turned into metres on return.
    private func query(_ i: Int, k: Int, bestI: inout [Int32], bestD: inout [Double]) {
        for t in 0..<k { bestI[t] = -1; bestD[t] = .infinity }
        let x = xs[i], y = ys[i]
        let home = Self.cellIndex(x, y, minX: minX, minY: minY, cell: cell, columns: columns, rows: rows)
        let hx = home % columns, hy = home / columns
        let maxRing = max(columns, rows)
        var ring = 0
        xs.withUnsafeBufferPointer { px in
            ys.withUnsafeBufferPointer { py in
                cellStart.withUnsafeBufferPointer { starts in
                    cellPoints.withUnsafeBufferPointer { members in
                        while ring <= maxRing {
                            // Every point in ring r is at least (r - 1) cells away.
                            let bound = Double(max(ring - 1, 0)) * cell
                            if bestD[k - 1] <= bound * bound { break }
                            let y0 = hy - ring, y1 = hy + ring, x0 = hx - ring, x1 = hx + ring
                            func scan(_ c: Int) {
                                for s in Int(starts[c])..<Int(starts[c + 1]) {
                                    let j = Int(members[s])
                                    if j == i { continue }
                                    let dx = px[j] - x, dy = py[j] - y
                                    let d = dx * dx + dy * dy
                                    if d < bestD[k - 1] || (d == bestD[k - 1] && Int32(j) < bestI[k - 1]) {
                                        var t = k - 1
                                        while t > 0 && (bestD[t - 1] > d || (bestD[t - 1] == d && bestI[t - 1] > Int32(j))) {
                                            bestD[t] = bestD[t - 1]; bestI[t] = bestI[t - 1]; t -= 1
                                        }
                                        bestD[t] = d; bestI[t] = Int32(j)
                                    }
                                }
                            }
                            for cy in max(y0, 0)...min(y1, rows - 1) {
                                if cy == y0 || cy == y1 {
                                    for cx in max(x0, 0)...min(x1, columns - 1) { scan(cy * columns + cx) }
                                } else {
                                    // Inside rows only the two edge cells belong to the ring.
                                    if x0 >= 0 { scan(cy * columns + x0) }
                                    if x1 < columns && x1 != x0 { scan(cy * columns + x1) }
                                }
                            }
                            ring += 1
                        }
                    }
                }
            }
        }
        for t in 0..<k where bestD[t].isFinite { bestD[t] = bestD[t].squareRoot() }
    }
}
