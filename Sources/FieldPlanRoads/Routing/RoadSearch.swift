import FieldPlanCore

/// Dijkstra's search on a `RoadGraph` from one join to many, with the workspace of one
/// thread (distances, the edge each vertex was reached by, a binary heap), reused from one
/// origin to the next by a version stamp rather than cleared. A search stops once every
/// vertex through which a destination can be entered is settled; the figures of a trip do
/// not depend on when it stops (the search settles vertices in the same order). It draws a
/// route's path (`roads route`, the sheets) and is the reference the contraction
/// hierarchy's matrices are tested against (`RoadTravelModel.searchMatrix`).
///
/// Times are the fastest route's; metres are those of the route taken, not the shortest.
struct RoadSearch {
    let graph: RoadGraph
    var seconds: [Double]
    var metres: [Double]
    var parent: [Int32]
    var stamp: [UInt32]
    var version: UInt32 = 0
    var needed: [UInt32]
    var heap = MinHeap()

    init(_ graph: RoadGraph) {
        self.graph = graph
        let n = graph.vertexCount
        seconds = [Double](repeating: 0, count: n)
        metres = seconds
        parent = [Int32](repeating: -1, count: n)
        stamp = [UInt32](repeating: 0, count: n)
        needed = stamp
    }

    /// A trip's figures and how it ends: entirely on the origin's piece, or entering the
    /// destination's piece from the vertex `via`.
    struct Trip {
        var seconds: Double
        var metres: Double
        var via: Int32      // -1: along the shared piece, no vertex
    }

    mutating func reach(_ v: Int32, _ s: Double, _ m: Double, from edge: Int32) {
        let i = Int(v)
        if stamp[i] != version || s < seconds[i] {
            stamp[i] = version
            seconds[i] = s
            metres[i] = m
            parent[i] = edge
            heap.push(s, v)
        }
    }

    func seeds(_ o: RoadSnap) -> [(Int32, Double, Double)] { graph.departures(o) }

    func entries(_ d: RoadSnap) -> [(Int32, Double, Double)] { graph.arrivals(d) }

    /// Searches from `origin` to every destination.
    mutating func trips(from origin: RoadSnap, to destinations: [RoadSnap]) -> [Trip] {
        version &+= 1
        if version == 0 {
            stamp = [UInt32](repeating: 0, count: stamp.count)
            needed = stamp
            version = 1
        }
        heap.removeAll()
        let g = graph
        for (v, s, m) in seeds(origin) { reach(v, s, m, from: -1) }
        var remaining = 0
        for d in destinations {
            for (v, _, _) in entries(d) where needed[Int(v)] != version {
                needed[Int(v)] = version
                remaining += 1
            }
        }
        while remaining > 0, let (key, v) = heap.pop() {
            let i = Int(v)
            guard key == seconds[i] else { continue }     // a stale entry
            if needed[i] == version { needed[i] = version &- 1; remaining -= 1 }
            for e in Int(g.edgeStart[i])..<Int(g.edgeStart[i + 1]) {
                reach(g.edgeTarget[e], key + g.edgeSeconds[e], metres[i] + g.edgeMetres[e], from: Int32(e))
            }
        }
        return destinations.map { d in
            let along = g.alongSharedPiece(from: origin, to: d)
            var best = Trip(seconds: along.seconds, metres: along.metres, via: -1)
            for (v, extraSeconds, extraMetres) in entries(d) where stamp[Int(v)] == version {
                let s = seconds[Int(v)] + extraSeconds
                if s < best.seconds { best = Trip(seconds: s, metres: metres[Int(v)] + extraMetres, via: v) }
            }
            return best
        }
    }

    /// The path of a trip just searched to `destination`: the join of the origin, the shape
    /// points of every piece driven, the join of the destination.
    func path(from origin: RoadSnap, to destination: RoadSnap, trip: Trip) -> [Coordinate] {
        guard trip.via >= 0 else { return Self.withoutRepeats(piecePoints(Int(origin.piece), from: origin.offsetMetres, to: destination.offsetMetres)) }
        var edges: [Int32] = []
        var v = Int(trip.via)
        while parent[v] >= 0 {
            let e = parent[v]
            edges.append(e)
            let piece = Int(graph.edgePiece[Int(e)])
            v = Int(graph.pieceForward[piece] == e ? graph.pieceFrom[piece] : graph.pieceTo[piece])
        }
        edges.reverse()
        // `v` is the vertex the search started from: an end of the origin's piece (its two
        // ends are distinct vertices, so the end says which way the trip left).
        let op = Int(origin.piece)
        var points = piecePoints(op, from: origin.offsetMetres, to: Int32(v) == graph.pieceTo[op] ? origin.pieceMetres : 0)
        for e in edges {
            let piece = Int(graph.edgePiece[Int(e)])
            let whole = piecePoints(piece, from: 0, to: graph.edgeMetres[Int(e)] + 1)
            let along = graph.pieceForward[piece] == e ? whole : whole.reversed()
            points.append(contentsOf: along.dropFirst())
        }
        let dp = Int(destination.piece)
        let entersAtStart = trip.via == graph.pieceFrom[dp]
        let last = piecePoints(dp, from: entersAtStart ? 0 : destination.pieceMetres, to: destination.offsetMetres)
        points.append(contentsOf: last.dropFirst())
        return Self.withoutRepeats(points)
    }

    /// The points without one repeated in place (where a piece's part has no length).
    static func withoutRepeats(_ points: [Coordinate]) -> [Coordinate] {
        var out: [Coordinate] = []
        for p in points where out.last.map({ abs($0.lat - p.lat) > 1e-10 || abs($0.lon - p.lon) > 1e-10 }) ?? true { out.append(p) }
        if out.count == 1 { out.append(out[0]) }
        return out
    }

    /// The points of piece `p` between two distances along it (in either order), ends
    /// included and interpolated.
    func piecePoints(_ p: Int, from a: Double, to b: Double) -> [Coordinate] {
        let lo = min(a, b), hi = max(a, b)
        let first = Int(graph.pieceStart[p]), end = Int(graph.pieceStart[p + 1])
        var out: [Coordinate] = []
        var along = 0.0
        func at(_ i: Int, _ d: Double, _ len: Double) -> Coordinate {
            let t = len > 0 ? max(0, min(1, d / len)) : 0
            return Coordinate(lat: graph.pointLat[i] + t * (graph.pointLat[i + 1] - graph.pointLat[i]),
                              lon: graph.pointLon[i] + t * (graph.pointLon[i + 1] - graph.pointLon[i])) ?? graph.point(i)
        }
        for i in first..<end - 1 {
            let len = graph.point(i).greatCircleMetres(to: graph.point(i + 1))
            let next = along + len
            if out.isEmpty && lo <= next { out.append(at(i, lo - along, len)) }
            if !out.isEmpty && next < hi && i + 1 < end - 1 { out.append(graph.point(i + 1)) }
            if !out.isEmpty && hi <= next { out.append(at(i, hi - along, len)); break }
            along = next
        }
        if out.isEmpty { out = [graph.point(end - 1)] }
        if out.count == 1 && hi > along { out.append(graph.point(end - 1)) }
        return a <= b ? out : out.reversed()
    }
}
