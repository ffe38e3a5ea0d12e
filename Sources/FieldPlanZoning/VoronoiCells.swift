/// Voronoi cells of distinct planar sites, clipped to a convex polygon, one cell at a time.
///
/// A cell starts as the clip polygon and is cut by the perpendicular bisector between its
/// site and every other site close enough to matter: sites are scanned ring by ring of a
/// bucket grid, and the scan stops once the next ring lies farther than twice the distance
/// from the site to its cell's farthest vertex (no site beyond can cut the cell). Each edge
/// remembers which site's bisector made it (or -1 for the clip polygon), which is what
/// `ZoneOutlines` needs to tell a zone's inner edges from its borders without comparing
/// coordinates.
/// - Complexity: about O(c·v) per cell for c scanned sites and v vertices; O(n) to build.
struct VoronoiCells {
    struct Cell {
        /// Counter-clockwise.
        var vertices: [ZoneOutlines.Vertex]
        /// `sources[t]`: the site across edge `vertices[t] → vertices[t + 1]`, -1 for the clip polygon.
        var sources: [Int]
    }

    let xs: [Double]
    let ys: [Double]
    let clip: [ZoneOutlines.Vertex]
    private let minX: Double, minY: Double, size: Double
    private let columns: Int, rows: Int
    private let start: [Int32]
    private let members: [Int32]

    init(xs: [Double], ys: [Double], clip: [ZoneOutlines.Vertex]) {
        self.xs = xs; self.ys = ys; self.clip = clip
        let n = xs.count
        let lowX = xs.min() ?? 0, lowY = ys.min() ?? 0
        let width = max((xs.max() ?? 0) - lowX, 1), height = max((ys.max() ?? 0) - lowY, 1)
        var size = (width * height / max(Double(n) / 2, 1)).squareRoot()
        size = max(size, max(width, height) / 2048, 1e-3)
        let columns = min(Int(width / size) + 1, 4096), rows = min(Int(height / size) + 1, 4096)
        minX = lowX; minY = lowY; self.size = size; self.columns = columns; self.rows = rows
        var counts = [Int32](repeating: 0, count: columns * rows + 1)
        var bucket = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let cx = min(Int((xs[i] - lowX) / size), columns - 1), cy = min(Int((ys[i] - lowY) / size), rows - 1)
            bucket[i] = Int32(cy * columns + cx)
            counts[Int(bucket[i]) + 1] += 1
        }
        for c in 0..<(columns * rows) { counts[c + 1] += counts[c] }
        var fill = counts
        var members = [Int32](repeating: 0, count: n)
        for i in 0..<n { members[Int(fill[Int(bucket[i])])] = Int32(i); fill[Int(bucket[i])] += 1 }
        start = counts
        self.members = members
    }

    /// The clipped Voronoi cell of site `i`.
    func cell(_ i: Int) -> Cell {
        var vertices = clip
        var sources = [Int](repeating: -1, count: clip.count)
        let x = xs[i], y = ys[i]
        let hx = min(Int((x - minX) / size), columns - 1), hy = min(Int((y - minY) / size), rows - 1)
        var ring = 0
        let maxRing = max(columns, rows)
        while ring <= maxRing {
            for cy in (hy - ring)...(hy + ring) where cy >= 0 && cy < rows {
                let edge = cy == hy - ring || cy == hy + ring
                let step = edge ? 1 : max(2 * ring, 1)
                var cx = hx - ring
                while cx <= hx + ring {
                    if cx >= 0 && cx < columns {
                        let b = cy * columns + cx
                        for s in Int(start[b])..<Int(start[b + 1]) {
                            let j = Int(members[s])
                            if j != i { Self.cut(&vertices, &sources, site: (x, y), other: (xs[j], ys[j]), tag: j) }
                        }
                    }
                    cx += step
                }
            }
            // Sites beyond this ring are at least `ring · size` away.
            var reach = 0.0
            for v in vertices { reach = max(reach, (v.x - x) * (v.x - x) + (v.y - y) * (v.y - y)) }
            let beyond = Double(ring) * size
            if beyond * beyond >= 4 * reach || vertices.isEmpty { break }
            ring += 1
        }
        return Cell(vertices: vertices, sources: sources)
    }

    /// Keeps the part of a convex polygon nearer to `site` than to `other` (Sutherland–Hodgman
    /// against one half-plane), tagging the new edge with `tag`.
    static func cut(_ vertices: inout [ZoneOutlines.Vertex], _ sources: inout [Int], site: (Double, Double),
                    other: (Double, Double), tag: Int) {
        let nx = other.0 - site.0, ny = other.1 - site.1
        let mx = (site.0 + other.0) / 2, my = (site.1 + other.1) / 2
        func side(_ v: ZoneOutlines.Vertex) -> Double { (v.x - mx) * nx + (v.y - my) * ny }
        let n = vertices.count
        var anyOutside = false
        var sideOf = [Double](repeating: 0, count: n)
        for t in 0..<n { sideOf[t] = side(vertices[t]); if sideOf[t] > 0 { anyOutside = true } }
        guard anyOutside else { return }
        var outV: [ZoneOutlines.Vertex] = [], outS: [Int] = []
        outV.reserveCapacity(n + 1); outS.reserveCapacity(n + 1)
        for t in 0..<n {
            let p = vertices[t], q = vertices[(t + 1) % n]
            let sp = sideOf[t], sq = sideOf[(t + 1) % n]
            if sp <= 0 {
                outV.append(p); outS.append(sources[t])
                if sq > 0 {
                    let f = sp / (sp - sq)
                    outV.append(ZoneOutlines.Vertex(x: p.x + f * (q.x - p.x), y: p.y + f * (q.y - p.y))); outS.append(tag)
                }
            } else if sq <= 0 {
                let f = sp / (sp - sq)
                outV.append(ZoneOutlines.Vertex(x: p.x + f * (q.x - p.x), y: p.y + f * (q.y - p.y))); outS.append(sources[t])
            }
        }
        vertices = outV
        sources = outS
    }
}
