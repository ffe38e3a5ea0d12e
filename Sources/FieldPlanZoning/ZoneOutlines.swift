import Foundation

/// Zone outlines that never overlap: each zone's outline is the union of the Voronoi cells of
/// its accounts, clipped to the accounts' area (their convex hull, buffered).
///
/// Voronoi cells partition the plane, so the outlines of different zones share borders but
/// never overlap, and every account lies inside its own zone's outline, whatever the
/// assignment (a fresh build, a stable rebuild, accounts moved by hand). Convex hulls of the
/// accounts, drawn before, overlapped wherever a zone's border bends. A zone may come out as
/// several rings: outer rings run counter-clockwise, holes (another zone's enclave) clockwise,
/// in (east, north) order; with the non-zero or even-odd rule they fill the same area.
///
/// Accounts at exactly the same position share one cell, which goes to the zone most of them
/// are in (the lowest zone on a tie); accounts without a zone own no cell (their area goes to
/// the neighbouring zones).
/// - Complexity: O(n log n) for the hull and the grid, then about O(n·c·v) for c nearby
///   accounts (≈ 50) and v cell vertices (≈ 6) per account; memory O(n).
public enum ZoneOutlines {
    /// One planar point, metres east and north.
    struct Vertex: Hashable {
        var x: Double
        var y: Double
    }

    /// The outline rings of every zone that has accounts, by zone id, in latitude/longitude.
    public static func outlines(points: [ZonePoint], zoneOfPoint: [String]) -> [String: [[ZoneSummary.Coordinate]]] {
        let projection = PlanarProjection(around: points.map { ($0.latitude, $0.longitude) })
        var ids: [String] = []
        var index: [String: Int32] = [:]
        var labels = [Int32](repeating: -1, count: points.count)
        var xs = [Double](repeating: 0, count: points.count), ys = xs
        for i in points.indices {
            (xs[i], ys[i]) = projection.project(latitude: points[i].latitude, longitude: points[i].longitude)
            let id = zoneOfPoint[i]
            guard !id.isEmpty else { continue }
            if index[id] == nil { index[id] = Int32(ids.count); ids.append(id) }
            labels[i] = index[id]!
        }
        let planar = rings(xs: xs, ys: ys, labels: labels, labelCount: ids.count)
        var out: [String: [[ZoneSummary.Coordinate]]] = [:]
        for (t, id) in ids.enumerated() where !planar.rings[t].isEmpty {
            out[id] = planar.rings[t].map { ring in
                ring.map { v in
                    let c = projection.unproject(x: v.x, y: v.y)
                    return ZoneSummary.Coordinate(latitude: c.latitude, longitude: c.longitude)
                }
            }
        }
        return out
    }

    /// The planar rings of every label (`labels[i]` in 0..<labelCount, -1 for no zone) and the
    /// clip polygon (counter-clockwise).
    static func rings(xs: [Double], ys: [Double], labels: [Int32], labelCount: Int)
        -> (rings: [[[Vertex]]], clip: [Vertex]) {
        var empty = [[[Vertex]]](repeating: [], count: labelCount)
        // Sites: distinct positions of zoned accounts, each with the label most of its accounts carry.
        let zoned = (0..<xs.count).filter { labels[$0] >= 0 }
        guard !zoned.isEmpty else { return (empty, []) }
        let order = zoned.sorted { xs[$0] != xs[$1] ? xs[$0] < xs[$1] : (ys[$0] != ys[$1] ? ys[$0] < ys[$1] : $0 < $1) }
        var sx: [Double] = [], sy: [Double] = [], siteLabel: [Int32] = []
        var votes = [Int](repeating: 0, count: labelCount)
        var s = 0
        while s < order.count {
            var e = s
            while e < order.count && xs[order[e]] == xs[order[s]] && ys[order[e]] == ys[order[s]] { e += 1 }
            var best: Int32 = -1
            for t in s..<e {
                let l = Int(labels[order[t]])
                votes[l] += 1
                if best < 0 || votes[l] > votes[Int(best)] || (votes[l] == votes[Int(best)] && Int32(l) < best) { best = Int32(l) }
            }
            for t in s..<e { votes[Int(labels[order[t]])] = 0 }
            sx.append(xs[order[s]]); sy.append(ys[order[s]]); siteLabel.append(best)
            s = e
        }
        let clip = clipPolygon(xs: sx, ys: sy)
        let cells = VoronoiCells(xs: sx, ys: sy, clip: clip)

        // Zone borders: cell edges facing another zone or the clip polygon; edges between two
        // cells of the same zone are inside it. Vertices computed from different cells are
        // snapped together (1 mm).
        var snap = VertexSnap(tolerance: 1e-3)
        var edges = [[(from: Int, to: Int)]](repeating: [], count: labelCount)
        for site in 0..<sx.count {
            let cell = cells.cell(site)
            let label = Int(siteLabel[site])
            for t in cell.vertices.indices {
                let other = cell.sources[t]
                if other >= 0 && siteLabel[other] == siteLabel[site] { continue }
                let a = snap.id(cell.vertices[t]), b = snap.id(cell.vertices[(t + 1) % cell.vertices.count])
                if a != b { edges[label].append((a, b)) }
            }
        }
        for label in 0..<labelCount {
            empty[label] = trace(edges[label], vertices: snap.vertices)
        }
        return (empty, clip)
    }

    /// The convex hull of the sites, buffered by 2 % of the larger side of their bounding box
    /// (at least 100 m): every border account then keeps some area around it.
    static func clipPolygon(xs: [Double], ys: [Double]) -> [Vertex] {
        let spanX = xs.max()! - xs.min()!, spanY = ys.max()! - ys.min()!
        let r = max(100, 0.02 * max(spanX, spanY))
        let hull = ConvexHull.indices(of: Array(xs.indices), xs: xs, ys: ys)
        var bx: [Double] = [], by: [Double] = []
        for i in hull {
            for a in 0..<16 {
                let angle = Double(a) * .pi / 8
                bx.append(xs[i] + r * cos(angle)); by.append(ys[i] + r * sin(angle))
            }
        }
        return ConvexHull.indices(of: Array(bx.indices), xs: bx, ys: by).map { Vertex(x: bx[$0], y: by[$0]) }
    }

    /// Closed rings from directed border edges: from each unused edge, follow the unused edge
    /// leaving its end, turning as far left as possible where a zone touches itself at a
    /// point, so pinched parts come out as separate rings.
    static func trace(_ edges: [(from: Int, to: Int)], vertices: [Vertex]) -> [[Vertex]] {
        guard !edges.isEmpty else { return [] }
        // A stray pair of opposite edges (from nearly degenerate cells) cancels out.
        var count: [Int64: Int] = [:]
        func key(_ a: Int, _ b: Int) -> Int64 { Int64(a) << 32 | Int64(b) }
        for e in edges { count[key(e.from, e.to), default: 0] += 1 }
        var kept: [(from: Int, to: Int)] = []
        for e in edges {
            let back = key(e.to, e.from)
            if let c = count[back], c > 0 { count[back] = c - 1; continue }
            kept.append(e)
        }
        var outgoing: [Int: [Int]] = [:]
        for (t, e) in kept.enumerated() { outgoing[e.from, default: []].append(t) }
        var used = [Bool](repeating: false, count: kept.count)
        var rings: [[Vertex]] = []
        for start in kept.indices where !used[start] {
            var ring: [Vertex] = []
            var t = start
            while !used[t] {
                used[t] = true
                let e = kept[t]
                ring.append(vertices[e.from])
                let candidates = (outgoing[e.to] ?? []).filter { !used[$0] }
                guard !candidates.isEmpty else { break }
                if candidates.count == 1 { t = candidates[0]; continue }
                let p = vertices[e.from], q = vertices[e.to]
                let inAngle = atan2(q.y - p.y, q.x - p.x)
                // The sharpest left turn (the smallest clockwise angle from the reversed
                // incoming direction) keeps to the part being traced.
                t = candidates.min { a, b in
                    func turn(_ c: Int) -> Double {
                        let r = vertices[kept[c].to]
                        var d = (inAngle + .pi) - atan2(r.y - q.y, r.x - q.x)
                        while d <= 0 { d += 2 * .pi }
                        while d > 2 * .pi { d -= 2 * .pi }
                        return d
                    }
                    return turn(a) != turn(b) ? turn(a) < turn(b) : a < b
                }!
            }
            if ring.count >= 3 { rings.append(ring) }
        }
        return rings
    }

    /// Signed shoelace area (positive counter-clockwise).
    static func signedArea(_ ring: [Vertex]) -> Double {
        var sum = 0.0
        for t in ring.indices {
            let a = ring[t], b = ring[(t + 1) % ring.count]
            sum += a.x * b.y - b.x * a.y
        }
        return sum / 2
    }

    /// Whether `p` is inside the rings (even-odd rule).
    static func contains(_ rings: [[Vertex]], _ p: Vertex) -> Bool {
        var inside = false
        for ring in rings {
            var j = ring.count - 1
            for i in ring.indices {
                let a = ring[i], b = ring[j]
                if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
        }
        return inside
    }
}
