import FieldPlanCore

/// Turns the ways of an extract into a `RoadGraph` for one profile: keeps the ways the
/// profile may use, cuts them at junctions (a node shared by two ways, or a way's end),
/// measures each piece (great circle between shape points) and times it at the way's speed,
/// then keeps the largest strongly connected part.
/// - Complexity: O(nodes log nodes + way nodes) time; the nodes' positions are held once.
public struct RoadGraphBuilder: Sendable {
    public let profile: RoadProfile
    var nodeIDs: [Int64] = []
    var nodeLat: [Double] = []
    var nodeLon: [Double] = []
    var ways: [(refs: [Int64], use: RoadProfile.Use)] = []
    var restrictions = 0
    var sorted = true

    public init(profile: RoadProfile) { self.profile = profile }

    public mutating func addNode(_ id: Int64, lat: Double, lon: Double) {
        if let last = nodeIDs.last, id <= last { sorted = false }
        nodeIDs.append(id)
        nodeLat.append(lat)
        nodeLon.append(lon)
    }

    public mutating func addWay(_ way: OSMWay) {
        guard way.refs.count >= 2, let use = profile.use(way.tags), use.forward || use.backward else { return }
        ways.append((way.refs, use))
    }

    public mutating func addRelation(_ relation: OSMRelation) {
        if relation.tags["type"] == "restriction" { restrictions += 1 }
    }

    /// The ways kept so far.
    public var wayCount: Int { ways.count }

    /// The graph; empty when no usable way has its nodes in the extract.
    public mutating func build() -> RoadGraph {
        if !sorted {
            let order = nodeIDs.indices.sorted { nodeIDs[$0] < nodeIDs[$1] }
            nodeIDs = order.map { nodeIDs[$0] }
            nodeLat = order.map { nodeLat[$0] }
            nodeLon = order.map { nodeLon[$0] }
            sorted = true
        }
        func lookup(_ id: Int64) -> Int? {
            var lo = 0, hi = nodeIDs.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if nodeIDs[mid] < id { lo = mid + 1 } else { hi = mid }
            }
            return lo < nodeIDs.count && nodeIDs[lo] == id ? lo : nil
        }
        // Resolve references; a reference to a node missing from the extract cuts the way.
        var resolved: [(nodes: [Int], use: RoadProfile.Use)] = []
        var uses = [UInt8](repeating: 0, count: nodeIDs.count)
        for w in ways {
            var run: [Int] = []
            func flush() {
                if run.count >= 2 {
                    uses[run.first!] = 2
                    uses[run.last!] = 2
                    for n in run.dropFirst().dropLast() { uses[n] = min(2, uses[n] + 1) }
                    resolved.append((run, w.use))
                }
                run = []
            }
            for ref in w.refs {
                if let n = lookup(ref) {
                    if run.last == n { continue }
                    run.append(n)
                } else {
                    flush()
                }
            }
            flush()
        }
        ways = []
        // Vertices: nodes used twice or at a way's end.
        var vertexOf = [Int32](repeating: -1, count: nodeIDs.count)
        var vLat: [Double] = [], vLon: [Double] = []
        func vertex(_ n: Int) -> Int32 {
            if vertexOf[n] < 0 {
                vertexOf[n] = Int32(vLat.count)
                vLat.append(nodeLat[n])
                vLon.append(nodeLon[n])
            }
            return vertexOf[n]
        }
        struct Piece { var from: Int32; var to: Int32; var points: Range<Int>; var metres: Double; var use: RoadProfile.Use }
        var pieces: [Piece] = []
        var pLat: [Double] = [], pLon: [Double] = []
        for (nodes, use) in resolved {
            var start = 0
            for i in 1..<nodes.count where uses[nodes[i]] >= 2 || i == nodes.count - 1 {
                let u = vertex(nodes[start]), v = vertex(nodes[i])
                if u != v {
                    let first = pLat.count
                    var metres = 0.0
                    for k in start...i {
                        pLat.append(nodeLat[nodes[k]])
                        pLon.append(nodeLon[nodes[k]])
                        if k > start {
                            metres += Self.metres(nodeLat[nodes[k - 1]], nodeLon[nodes[k - 1]], nodeLat[nodes[k]], nodeLon[nodes[k]])
                        }
                    }
                    pieces.append(Piece(from: u, to: v, points: first..<pLat.count, metres: metres, use: use))
                }
                start = i
            }
        }
        // Directed edges, then the largest strongly connected part.
        let vCount = vLat.count
        var src: [Int32] = [], dst: [Int32] = []
        for p in pieces {
            if p.use.forward { src.append(p.from); dst.append(p.to) }
            if p.use.backward { src.append(p.to); dst.append(p.from) }
        }
        let keep = Self.largestComponent(vertexCount: vCount, sources: src, targets: dst)
        // Renumber what is kept.
        var newVertex = [Int32](repeating: -1, count: vCount)
        var outLat: [Double] = [], outLon: [Double] = []
        for v in 0..<vCount where keep[v] {
            newVertex[v] = Int32(outLat.count)
            outLat.append(vLat[v])
            outLon.append(vLon[v])
        }
        var pieceStart: [Int32] = [0], pointLat: [Double] = [], pointLon: [Double] = []
        var pieceFrom: [Int32] = [], pieceTo: [Int32] = []
        var edges: [(source: Int32, target: Int32, seconds: Double, metres: Double, piece: Int32, forward: Bool)] = []
        for p in pieces where keep[Int(p.from)] && keep[Int(p.to)] {
            let id = Int32(pieceFrom.count)
            let u = newVertex[Int(p.from)], v = newVertex[Int(p.to)]
            pieceFrom.append(u)
            pieceTo.append(v)
            pointLat.append(contentsOf: pLat[p.points])
            pointLon.append(contentsOf: pLon[p.points])
            pieceStart.append(Int32(pointLat.count))
            let seconds = p.metres / (p.use.kmh / 3.6)
            if p.use.forward { edges.append((u, v, seconds, p.metres, id, true)) }
            if p.use.backward { edges.append((v, u, seconds, p.metres, id, false)) }
        }
        edges.sort { ($0.source, $0.piece, $0.forward ? 0 : 1) < ($1.source, $1.piece, $1.forward ? 0 : 1) }
        var edgeStart = [Int32](repeating: 0, count: outLat.count + 1)
        for e in edges { edgeStart[Int(e.source) + 1] += 1 }
        for v in 0..<outLat.count { edgeStart[v + 1] += edgeStart[v] }
        var forward = [Int32](repeating: -1, count: pieceFrom.count), backward = forward
        for (i, e) in edges.enumerated() {
            if e.forward { forward[Int(e.piece)] = Int32(i) } else { backward[Int(e.piece)] = Int32(i) }
        }
        return RoadGraph(profile: profile, vertexLat: outLat, vertexLon: outLon, edgeStart: edgeStart,
                         edgeTarget: edges.map(\.target), edgeSeconds: edges.map(\.seconds), edgeMetres: edges.map(\.metres),
                         edgePiece: edges.map(\.piece), pieceStart: pieceStart, pointLat: pointLat, pointLon: pointLon,
                         pieceFrom: pieceFrom, pieceTo: pieceTo, pieceForward: forward, pieceBackward: backward,
                         restrictionCount: restrictions)
    }

    /// Great-circle metres, as `Coordinate.greatCircleMetres` (without building coordinates).
    static func metres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        guard let a = Coordinate(lat: lat1, lon: lon1), let b = Coordinate(lat: lat2, lon: lon2) else { return 0 }
        return a.greatCircleMetres(to: b)
    }

    /// The vertices of the largest strongly connected component (Tarjan, iterative).
    /// - Complexity: O(V + E).
    static func largestComponent(vertexCount n: Int, sources: [Int32], targets: [Int32]) -> [Bool] {
        var start = [Int](repeating: 0, count: n + 1)
        for s in sources { start[Int(s) + 1] += 1 }
        for v in 0..<n { start[v + 1] += start[v] }
        var fill = start
        var adjacency = [Int32](repeating: 0, count: sources.count)
        for (s, t) in zip(sources, targets) { adjacency[fill[Int(s)]] = t; fill[Int(s)] += 1 }
        var index = [Int32](repeating: -1, count: n), low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int32] = []
        var calls: [(v: Int32, next: Int)] = []
        var counter: Int32 = 0
        var component = [Int32](repeating: -1, count: n)
        var sizes: [Int] = []
        for s in 0..<n where index[s] < 0 {
            index[s] = counter; low[s] = counter; counter += 1
            stack.append(Int32(s)); onStack[s] = true
            calls.append((Int32(s), start[s]))
            while let (v, next) = calls.last {
                let vi = Int(v)
                if next < start[vi + 1] {
                    calls[calls.count - 1].next += 1
                    let w = Int(adjacency[next])
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(Int32(w)); onStack[w] = true
                        calls.append((Int32(w), start[w]))
                    } else if onStack[w] {
                        low[vi] = min(low[vi], index[w])
                    }
                } else {
                    calls.removeLast()
                    if let parent = calls.last { low[Int(parent.v)] = min(low[Int(parent.v)], low[vi]) }
                    if low[vi] == index[vi] {
                        let id = Int32(sizes.count)
                        var size = 0
                        while true {
                            let w = Int(stack.removeLast())
                            onStack[w] = false
                            component[w] = id
                            size += 1
                            if w == vi { break }
                        }
                        sizes.append(size)
                    }
                }
            }
        }
        guard let best = sizes.indices.max(by: { (sizes[$0], -$0) < (sizes[$1], -$1) }), sizes[best] > 1 else {
            return [Bool](repeating: false, count: n)
        }
        return component.map { $0 == Int32(best) }
    }
}
