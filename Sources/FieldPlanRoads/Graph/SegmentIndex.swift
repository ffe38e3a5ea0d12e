import FieldPlanCore

/// A uniform grid over the network's segments (consecutive shape points of a piece), for
/// finding the nearest usable road to a point: each segment is listed in every cell its
/// bounding box touches, and a query looks at rings of cells outward until no nearer segment
/// can lie farther out. Positions are projected to metres about the network's mean latitude
/// (equirectangular), exact enough within a city; the distance reported is the great circle.
/// - Complexity: O(segments) to build; a query O(segments in the cells looked at).
public struct SegmentIndex: Sendable {
    let originLat: Double
    let originLon: Double
    var metresPerDegreeLat: Double { 111_194.93 }
    let metresPerDegreeLon: Double
    let cell: Double
    let columns: Int
    let rows: Int
    /// Segments of cell `c`: `cellStart[c]..<cellStart[c + 1]` of `cellSegments` (a point
    /// index `i`: the segment from point `i` to `i + 1`).
    let cellStart: [Int32]
    let cellSegments: [Int32]
    /// The piece of each point's segment (-1 for a piece's last point).
    let segmentPiece: [Int32]

    public init(_ graph: RoadGraph) {
        let lats = graph.pointLat, lons = graph.pointLon
        let minLat = lats.min() ?? 0, maxLat = lats.max() ?? 0, minLon = lons.min() ?? 0, maxLon = lons.max() ?? 0
        originLat = minLat
        originLon = minLon
        let perLon = 111_194.93 * cos((minLat + maxLat) / 2 * .pi / 180), perLat = 111_194.93
        metresPerDegreeLon = perLon
        let width = max(1, (maxLon - minLon) * perLon), height = max(1, (maxLat - minLat) * perLat)
        // 150 m cells, coarser for a large extract so the grid stays under ~4 million cells.
        let size = max(150, (width * height / 4_000_000).squareRoot())
        let columns = Int(width / size) + 1, rows = Int(height / size) + 1
        cell = size
        self.columns = columns
        self.rows = rows
        var piece = [Int32](repeating: -1, count: lats.count)
        for p in 0..<graph.pieceCount {
            for i in Int(graph.pieceStart[p])..<Int(graph.pieceStart[p + 1]) - 1 { piece[i] = Int32(p) }
        }
        segmentPiece = piece
        var counts = [Int32](repeating: 0, count: columns * rows + 1)
        func cells(_ i: Int, _ body: (Int) -> Void) {
            let x1 = (lons[i] - minLon) * perLon, y1 = (lats[i] - minLat) * perLat
            let x2 = (lons[i + 1] - minLon) * perLon, y2 = (lats[i + 1] - minLat) * perLat
            let c1 = max(0, Int(min(x1, x2) / size)), c2 = min(columns - 1, Int(max(x1, x2) / size))
            let r1 = max(0, Int(min(y1, y2) / size)), r2 = min(rows - 1, Int(max(y1, y2) / size))
            for r in r1...r2 { for c in c1...c2 { body(r * columns + c) } }
        }
        for i in 0..<max(0, lats.count - 1) where piece[i] >= 0 { cells(i) { counts[$0 + 1] += 1 } }
        for c in 0..<columns * rows { counts[c + 1] += counts[c] }
        var fill = counts
        var list = [Int32](repeating: 0, count: Int(counts[columns * rows]))
        for i in 0..<max(0, lats.count - 1) where piece[i] >= 0 {
            cells(i) { c in list[Int(fill[c])] = Int32(i); fill[c] += 1 }
        }
        cellStart = counts
        cellSegments = list
    }

    /// The nearest join within `limitMetres`, or nil.
    public func snap(_ at: Coordinate, in graph: RoadGraph, limitMetres: Double) -> RoadSnap? {
        let px = (at.lon - originLon) * metresPerDegreeLon, py = (at.lat - originLat) * metresPerDegreeLat
        let cx = Int((px / cell).rounded(.down)), cy = Int((py / cell).rounded(.down))
        var best: (d2: Double, segment: Int, t: Double)?
        let maxRing = Int(limitMetres / cell) + 2
        var ring = 0
        while ring <= maxRing {
            for r in (cy - ring)...(cy + ring) where r >= 0 && r < rows {
                for c in (cx - ring)...(cx + ring) where c >= 0 && c < columns {
                    guard abs(r - cy) == ring || abs(c - cx) == ring else { continue }
                    let cellIndex = r * columns + c
                    for k in Int(cellStart[cellIndex])..<Int(cellStart[cellIndex + 1]) {
                        let i = Int(cellSegments[k])
                        let ax = (graph.pointLon[i] - originLon) * metresPerDegreeLon, ay = (graph.pointLat[i] - originLat) * metresPerDegreeLat
                        let bx = (graph.pointLon[i + 1] - originLon) * metresPerDegreeLon, by = (graph.pointLat[i + 1] - originLat) * metresPerDegreeLat
                        let dx = bx - ax, dy = by - ay
                        let len2 = dx * dx + dy * dy
                        let t = len2 > 0 ? min(1, max(0, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0
                        let fx = ax + t * dx - px, fy = ay + t * dy - py
                        let d2 = fx * fx + fy * fy
                        if best == nil || d2 < best!.d2 || (d2 == best!.d2 && i < best!.segment) { best = (d2, i, t) }
                    }
                }
            }
            // Every segment within `ring` cells has been seen: a nearer one cannot lie beyond.
            if let b = best, b.d2.squareRoot() <= Double(ring) * cell { break }
            ring += 1
        }
        guard let b = best else { return nil }
        let i = b.segment
        let piece = Int(segmentPiece[i])
        let join: Coordinate
        if b.t <= 0 { join = graph.point(i) } else if b.t >= 1 { join = graph.point(i + 1) } else {
            guard let c = Coordinate(lat: graph.pointLat[i] + b.t * (graph.pointLat[i + 1] - graph.pointLat[i]),
                                     lon: graph.pointLon[i] + b.t * (graph.pointLon[i + 1] - graph.pointLon[i])) else { return nil }
            join = c
        }
        let distance = at.greatCircleMetres(to: join)
        guard distance <= limitMetres else { return nil }
        var offset = 0.0
        for k in Int(graph.pieceStart[piece])..<i { offset += graph.point(k).greatCircleMetres(to: graph.point(k + 1)) }
        offset += graph.point(i).greatCircleMetres(to: join)
        let e = graph.pieceForward[piece] >= 0 ? graph.pieceForward[piece] : graph.pieceBackward[piece]
        return RoadSnap(piece: Int32(piece), offsetMetres: offset, pieceMetres: graph.edgeMetres[Int(e)], point: join, distanceMetres: distance)
    }

    /// The distance to the nearest usable road when it is beyond the limit: searched up to
    /// `searchMetres`; nil when nothing is that near either.
    public func nearestMetres(_ at: Coordinate, in graph: RoadGraph, searchMetres: Double) -> Double? {
        snap(at, in: graph, limitMetres: searchMetres)?.distanceMetres
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
