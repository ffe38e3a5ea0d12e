import FieldPlanCore

/// Dijkstra's search on a network's `TurnGraph` from one join to many (a node per directed
/// edge, so turns cost and restrictions hold), with the workspace of one thread (distances,
/// the node each node was reached from, a binary heap), reused from one origin to the next by
/// a version stamp rather than cleared. A search stops once every node from which a
/// destination can be entered is settled; the figures of a trip do
/// not depend on when it stops (the search settles vertices in the same order). It draws a
/// route's path (`roads route`, the sheets) and is the reference the contraction
/// hierarchy's matrices are tested against (`RoadTravelModel.searchMatrix`).
///
/// Times are the fastest route's; metres are those of the route taken, not the shortest.
struct RoadSearch {
    let graph: RoadGraph
    let turns: TurnGraph
    var seconds: [Double]
    var metres: [Double]
    /// The node each node was reached from, -1 for a start.
    var parent: [Int32]
    var stamp: [UInt32]
    var version: UInt32 = 0
    var needed: [UInt32]
    var heap = MinHeap()

    init(_ graph: RoadGraph, turns: TurnGraph) {
        self.graph = graph
        self.turns = turns
        let n = turns.nodeCount
        seconds = [Double](repeating: 0, count: n)
        metres = seconds
        parent = [Int32](repeating: -1, count: n)
        stamp = [UInt32](repeating: 0, count: n)
        needed = stamp
    }

    /// A trip's figures and how it ends: entirely on the origin's piece, or entering the
    /// destination's piece by edge `enter` from the node `via`.
    struct Trip {
        var seconds: Double
        var metres: Double
        var via: Int32      // -1: along the shared piece, no turn
        var enter: Int32
    }

    mutating func reach(_ v: Int32, _ s: Double, _ m: Double, from node: Int32) {
        let i = Int(v)
        if stamp[i] != version || s < seconds[i] {
            stamp[i] = version
            seconds[i] = s
            metres[i] = m
            parent[i] = node
            heap.push(s, v)
        }
    }

    /// Searches from `origin` to every destination.
    mutating func trips(from origin: RoadSnap, to destinations: [RoadSnap]) -> [Trip] {
        version &+= 1
        if version == 0 {
            stamp = [UInt32](repeating: 0, count: stamp.count)
            needed = stamp
            version = 1
        }
        heap.removeAll()
        let g = graph, t = turns
        for (v, s, m) in t.departures(origin, in: g) { reach(v, s, m, from: -1) }
        let entries = destinations.map { t.arrivals($0, in: g) }
        var remaining = 0
        for list in entries {
            for a in list where needed[Int(a.node)] != version {
                needed[Int(a.node)] = version
                remaining += 1
            }
        }
        while remaining > 0, let (key, v) = heap.pop() {
            let i = Int(v)
            guard key == seconds[i] else { continue }     // a stale entry
            if needed[i] == version { needed[i] = version &- 1; remaining -= 1 }
            for a in Int(t.arcStart[i])..<Int(t.arcStart[i + 1]) {
                reach(t.arcTarget[a], key + t.arcSeconds[a], metres[i] + t.arcMetres[a], from: v)
            }
        }
        return destinations.indices.map { k in
            let along = g.alongSharedPiece(from: origin, to: destinations[k])
            var best = Trip(seconds: along.seconds, metres: along.metres, via: -1, enter: -1)
            for a in entries[k] where stamp[Int(a.node)] == version {
                let s = seconds[Int(a.node)] + a.seconds
                if s < best.seconds { best = Trip(seconds: s, metres: metres[Int(a.node)] + a.metres, via: a.node, enter: a.enter) }
            }
            return best
        }
    }

    /// The path of a trip just searched to `destination`: the join of the origin, the shape
    /// points of every piece driven, the join of the destination.
    func path(from origin: RoadSnap, to destination: RoadSnap, trip: Trip) -> [Coordinate] {
        guard trip.via >= 0 else { return Self.withoutRepeats(piecePoints(Int(origin.piece), from: origin.offsetMetres, to: destination.offsetMetres)) }
        var nodes: [Int32] = []
        var v = trip.via
        while v >= 0 {
            nodes.append(v)
            v = parent[Int(v)]
        }
        nodes.reverse()
        // The first node is an edge of the origin's piece, the direction the trip left in.
        let op = Int(origin.piece)
        let leftForward = graph.pieceForward[op] == nodes[0]
        var points = piecePoints(op, from: origin.offsetMetres, to: leftForward ? origin.pieceMetres : 0)
        for e in nodes.dropFirst() {
            let piece = Int(graph.edgePiece[Int(e)])
            let whole = piecePoints(piece, from: 0, to: graph.edgeMetres[Int(e)] + 1)
            let along = graph.pieceForward[piece] == e ? whole : whole.reversed()
            points.append(contentsOf: along.dropFirst())
        }
        let dp = Int(destination.piece)
        let entersAtStart = graph.pieceForward[dp] == trip.enter
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
