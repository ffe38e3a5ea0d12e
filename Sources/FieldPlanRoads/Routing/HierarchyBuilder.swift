/// Contracts the nodes of a turn graph (the vertices below) one by one, least important first, into a
/// `ContractionHierarchy`. Contracting `v` removes it from the remaining graph; for each pair
/// of remaining neighbours `u → v → w` whose fastest route goes through `v` a shortcut
/// `u → w` is added, unless a *witness* search finds a route from `u` to `w` around `v` that
/// is no slower. Importance is the usual cheap estimate: the edge difference (shortcuts
/// added minus edges removed), plus the neighbours already contracted and the depth in the
/// hierarchy, so that contraction spreads evenly over the city; it is recomputed when a
/// vertex comes to the front of the queue (lazy updates).
///
/// A witness search is bounded (it settles at most `witnessLimit` vertices); stopping early
/// only adds a shortcut that was not needed, never loses a route, so trips stay exact.
struct HierarchyBuilder {
    struct Arc {
        var other: Int32
        var seconds: Double
        var metres: Double
    }

    var outs: [[Arc]]
    var ins: [[Arc]]
    var contracted: [Bool]
    var deletedNeighbours: [Int32]
    var depth: [Int32]
    var rank: [Int32]
    // The witness search's workspace, reused by a version stamp.
    var distance: [Double]
    var stamp: [UInt32]
    var version: UInt32 = 0
    var heap = MinHeap()
    /// Vertices settled by a witness search when estimating importance, and when contracting.
    let estimateLimit = 60
    let witnessLimit = 400

    init(_ graph: TurnGraph) {
        let n = graph.nodeCount
        outs = Array(repeating: [], count: n)
        ins = Array(repeating: [], count: n)
        contracted = Array(repeating: false, count: n)
        deletedNeighbours = Array(repeating: 0, count: n)
        depth = deletedNeighbours
        rank = Array(repeating: -1, count: n)
        distance = Array(repeating: 0, count: n)
        stamp = Array(repeating: 0, count: n)
        for v in 0..<n {
            for a in Int(graph.arcStart[v])..<Int(graph.arcStart[v + 1]) {
                let t = Int(graph.arcTarget[a])
                if t != v { add(v, t, graph.arcSeconds[a], graph.arcMetres[a]) }
            }
        }
    }

    /// Adds the edge `u → w`, or makes the existing one faster (parallel edges are one).
    mutating func add(_ u: Int, _ w: Int, _ seconds: Double, _ metres: Double) {
        if let i = outs[u].firstIndex(where: { $0.other == Int32(w) }) {
            guard seconds < outs[u][i].seconds else { return }
            outs[u][i].seconds = seconds
            outs[u][i].metres = metres
            let j = ins[w].firstIndex { $0.other == Int32(u) }!
            ins[w][j].seconds = seconds
            ins[w][j].metres = metres
            return
        }
        outs[u].append(Arc(other: Int32(w), seconds: seconds, metres: metres))
        ins[w].append(Arc(other: Int32(u), seconds: seconds, metres: metres))
    }

    func known(_ v: Int) -> Double { stamp[v] == version ? distance[v] : .infinity }

    /// Fastest times from `u` over the remaining graph without `v`, up to `bound` seconds
    /// and `limit` settled vertices.
    mutating func witnessSearch(from u: Int, avoiding v: Int, bound: Double, limit: Int) {
        version &+= 1
        if version == 0 {
            stamp = Array(repeating: 0, count: stamp.count)
            version = 1
        }
        heap.removeAll()
        distance[u] = 0
        stamp[u] = version
        heap.push(0, Int32(u))
        var settled = 0
        while let (d, x32) = heap.pop() {
            let x = Int(x32)
            guard d == distance[x] else { continue }
            if d > bound { break }
            settled += 1
            if settled > limit { break }
            for a in outs[x] {
                let y = Int(a.other)
                if y == v || contracted[y] { continue }
                let nd = d + a.seconds
                if nd < known(y) {
                    distance[y] = nd
                    stamp[y] = version
                    heap.push(nd, a.other)
                }
            }
        }
    }

    /// The shortcuts contracting `v` needs now, and how many edges it removes.
    mutating func shortcuts(of v: Int, limit: Int) -> (shortcuts: [(Int32, Int32, Double, Double)], removed: Int) {
        let inArcs = ins[v].filter { !contracted[Int($0.other)] }
        let outArcs = outs[v].filter { !contracted[Int($0.other)] }
        var found: [(Int32, Int32, Double, Double)] = []
        guard !inArcs.isEmpty, !outArcs.isEmpty else { return (found, inArcs.count + outArcs.count) }
        for a in inArcs {
            var bound = -1.0
            for b in outArcs where b.other != a.other { bound = max(bound, a.seconds + b.seconds) }
            guard bound >= 0 else { continue }
            witnessSearch(from: Int(a.other), avoiding: v, bound: bound, limit: limit)
            for b in outArcs where b.other != a.other {
                let via = a.seconds + b.seconds
                if known(Int(b.other)) <= via { continue }
                found.append((a.other, b.other, via, a.metres + b.metres))
            }
        }
        return (found, inArcs.count + outArcs.count)
    }

    mutating func importance(_ v: Int) -> Double {
        let (s, removed) = shortcuts(of: v, limit: estimateLimit)
        return 2 * Double(s.count - removed) + Double(deletedNeighbours[v]) + Double(depth[v])
    }

    mutating func contract(_ v: Int, rank r: Int) {
        for (u, w, s, m) in shortcuts(of: v, limit: witnessLimit).shortcuts { add(Int(u), Int(w), s, m) }
        contracted[v] = true
        rank[v] = Int32(r)
        for a in outs[v] + ins[v] where !contracted[Int(a.other)] {
            let n = Int(a.other)
            deletedNeighbours[n] += 1
            depth[n] = max(depth[n], depth[v] + 1)
        }
    }

    mutating func build() -> ContractionHierarchy {
        let n = outs.count
        var queue = MinHeap()
        for v in 0..<n { queue.push(importance(v), Int32(v)) }
        var next = 0
        while let (key, v32) = queue.pop() {
            let v = Int(v32)
            let now = importance(v)
            if now > key, let top = queue.minimum, now > top {
                queue.push(now, v32)
                continue
            }
            contract(v, rank: next)
            next += 1
        }
        // Every edge ever present (graph edges and shortcuts) goes up from its lower end.
        var upStart = [Int32](repeating: 0, count: n + 1)
        var downStart = upStart
        for v in 0..<n {
            upStart[v + 1] = upStart[v] + Int32(outs[v].count { rank[Int($0.other)] > rank[v] })
            downStart[v + 1] = downStart[v] + Int32(ins[v].count { rank[Int($0.other)] > rank[v] })
        }
        var upTarget: [Int32] = [], upSeconds: [Double] = [], upMetres: [Double] = []
        var downSource: [Int32] = [], downSeconds: [Double] = [], downMetres: [Double] = []
        upTarget.reserveCapacity(Int(upStart[n]))
        downSource.reserveCapacity(Int(downStart[n]))
        for v in 0..<n {
            for a in outs[v] where rank[Int(a.other)] > rank[v] {
                upTarget.append(a.other); upSeconds.append(a.seconds); upMetres.append(a.metres)
            }
            for a in ins[v] where rank[Int(a.other)] > rank[v] {
                downSource.append(a.other); downSeconds.append(a.seconds); downMetres.append(a.metres)
            }
        }
        return ContractionHierarchy(rank: rank, upStart: upStart, upTarget: upTarget, upSeconds: upSeconds, upMetres: upMetres,
                                    downStart: downStart, downSource: downSource, downSeconds: downSeconds, downMetres: downMetres)
    }
}
