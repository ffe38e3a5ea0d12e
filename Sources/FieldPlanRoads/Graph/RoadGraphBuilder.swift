import FieldPlanCore

/// Turns the ways of an extract into a `RoadGraph` for one profile: keeps the ways the
/// profile may use, cuts them at junctions (a node shared by two ways, or a way's end),
/// measures each piece (great circle between shape points) and times it at the way's speed
/// plus the obstacles on it (traffic signals, stop and give-way signs, as `car.lua`),
/// resolves the turn restrictions to banned pairs of edges, then keeps the largest part in
/// which every edge can reach every other through allowed turns.
/// - Complexity: O(nodes log nodes + way nodes) time; the nodes' positions are held once.
public struct RoadGraphBuilder: Sendable {
    public let profile: RoadProfile
    var nodeIDs: [Int64] = []
    var nodeLat: [Double] = []
    var nodeLon: [Double] = []
    var ways: [(id: Int64, refs: [Int64], use: RoadProfile.Use, roundabout: Bool)] = []
    /// Ways a car may not use here but OSRM keeps as restricted (`access=private` and the
    /// like): they count among a junction's roads (a bend where one joins is a turn).
    var restrictedWays: [[Int64]] = []
    var restrictions = 0
    /// Turn restrictions with a via node: from way, via node, to way, `only_*`.
    var turnRules: [(from: Int64, via: Int64, to: Int64, only: Bool)] = []
    /// Obstacles by node: seconds, and the way direction they apply to (nil: both).
    var obstacles: [Int64: (seconds: Double, forward: Bool?)] = [:]
    /// Nodes no car may pass (bollards, blocks…): ways are cut there.
    var barriers: Set<Int64> = []
    /// `car.lua`'s barriers that do not stop a car.
    static let passableBarriers: Set<String> = ["cattle_grid", "border_control", "toll_booth", "sally_port", "no", "entrance",
                                                "height_restrictor", "arch"]
    /// Node access values that shut a node (`car.lua`'s blacklist less its restricted values).
    static let shutAccess: Set<String> = ["no", "agricultural", "forestry", "emergency", "psv", "taxi", "share_taxi", "minibus",
                                          "bus", "foot", "emergency_vehicle", "restricted", "military", "official"]
    var sorted = true

    public init(profile: RoadProfile) { self.profile = profile }

    public mutating func addNode(_ id: Int64, lat: Double, lon: Double) {
        if let last = nodeIDs.last, id <= last { sorted = false }
        nodeIDs.append(id)
        nodeLat.append(lat)
        nodeLon.append(lon)
    }

    /// A node's tags: what `car.lua` counts as an obstacle costs its seconds on every trip
    /// through the node (traffic signals and stop signs 2 s, give-way signs 1 s), in the
    /// direction `traffic_signals:direction` or `direction` names, else both. Not on foot.
    /// Barriers as `car.lua`: a node whose access tag shuts it, or a `barrier` other than
    /// the passable ones, cuts the ways through it (a trip turns round there, as OSRM allows
    /// only U-turns at a barrier); a gate or lift gate with no access tag costs 60 s.
    public mutating func addNodeTags(_ id: Int64, _ tags: [String: String]) {
        guard profile != .foot else { return }
        let keys = profile == .motorbike ? ["motorcycle", "motor_vehicle", "vehicle", "access"] : ["motorcar", "motor_vehicle", "vehicle", "access"]
        if let access = keys.lazy.compactMap({ tags[$0] }).first {
            if Self.shutAccess.contains(access) { barriers.insert(id) }
        } else if let barrier = tags["barrier"] {
            if barrier == "gate" || barrier == "lift_gate" {
                obstacles[id] = (60, nil)
                return
            }
            let rising = tags["bollard"] == "rising"
            let flatKerb = barrier == "kerb" && (tags["kerb"] == "lowered" || tags["kerb"] == "flush" || tags["highway"] == "crossing")
            let audible = barrier == "fence" && (tags["sensory"] == "audible" || tags["sensory"] == "audio")
            if !Self.passableBarriers.contains(barrier) && !rising && !flatKerb && !audible { barriers.insert(id) }
        }
        guard let highway = tags["highway"] else { return }
        let seconds: Double
        var direction = tags["direction"]
        switch highway {
        case "traffic_signals":
            seconds = 2
            direction = tags["traffic_signals:direction"] ?? direction
        case "stop": seconds = 2
        case "give_way": seconds = 1
        default: return
        }
        let forward: Bool? = switch direction { case "forward": true; case "backward": false; default: nil }
        obstacles[id] = (seconds, forward)
    }

    public mutating func addWay(_ way: OSMWay) {
        guard way.refs.count >= 2 else { return }
        guard let use = profile.use(way.tags), use.forward || use.backward else {
            if profile != .foot, let highway = way.tags["highway"], RoadProfile.motorSpeeds[highway] != nil,
               profile.use(way.tags.filter { !["access", "motor_vehicle", "motorcar", "motorcycle", "vehicle"].contains($0.key) }) != nil,
               ["private", "permit", "residents"].contains(way.tags["motorcar"] ?? way.tags["motor_vehicle"] ?? way.tags["vehicle"] ?? way.tags["access"] ?? "") {
                restrictedWays.append(way.refs)
            }
            return
        }
        let junction = way.tags["junction"]
        ways.append((way.id, way.refs, use, junction == "roundabout" || junction == "circular"))
    }

    /// Counts `type=restriction` relations and keeps those this profile obeys with one
    /// `from` way, a `via` node and one `to` way (`restriction`, or the vehicle-specific
    /// `restriction:motorcar` and the like; not when `except` names the vehicle). Via-way
    /// restrictions are counted but not applied.
    public mutating func addRelation(_ relation: OSMRelation) {
        guard relation.tags["type"] == "restriction" else { return }
        restrictions += 1
        guard profile != .foot else { return }
        let vehicles = profile == .motorbike ? ["motorcycle", "motor_vehicle", "vehicle"] : ["motorcar", "motor_vehicle", "vehicle"]
        guard let value = vehicles.lazy.compactMap({ relation.tags["restriction:\($0)"] }).first ?? relation.tags["restriction"] else { return }
        if let except = relation.tags["except"], except.split(separator: ";").contains(where: { vehicles.contains(String($0.filter { $0 != " " })) }) { return }
        let from = relation.members.filter { $0.role == "from" && $0.type == .way }
        let to = relation.members.filter { $0.role == "to" && $0.type == .way }
        let via = relation.members.filter { $0.role == "via" }
        guard from.count == 1, to.count == 1, via.count == 1, via[0].type == .node else { return }
        if value.hasPrefix("only_") {
            turnRules.append((from[0].id, via[0].id, to[0].id, true))
        } else if value.hasPrefix("no_") {
            turnRules.append((from[0].id, via[0].id, to[0].id, false))
        }
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
        let originalCount = nodeIDs.count
        func lookup(_ id: Int64) -> Int? {
            var lo = 0, hi = originalCount
            while lo < hi {
                let mid = (lo + hi) / 2
                if nodeIDs[mid] < id { lo = mid + 1 } else { hi = mid }
            }
            return lo < originalCount && nodeIDs[lo] == id ? lo : nil
        }
        // Resolve references; a reference to a node missing from the extract cuts the way.
        var resolved: [(nodes: [Int], use: RoadProfile.Use, way: Int64, roundabout: Bool)] = []
        var uses = [UInt8](repeating: 0, count: nodeIDs.count)
        for w in ways {
            var run: [Int] = []
            func flush() {
                if run.count >= 2 {
                    uses[run.first!] = 2
                    uses[run.last!] = 2
                    for n in run.dropFirst().dropLast() { uses[n] = min(2, uses[n] + 1) }
                    resolved.append((run, w.use, w.id, w.roundabout))
                }
                run = []
            }
            for ref in w.refs {
                if let n = lookup(ref) {
                    if run.last == n { continue }
                    if barriers.contains(ref) {
                        // A barrier cuts the way: each side ends at its own copy of the node.
                        func copy() -> Int {
                            nodeIDs.append(ref); nodeLat.append(nodeLat[n]); nodeLon.append(nodeLon[n]); uses.append(0)
                            return nodeIDs.count - 1
                        }
                        if !run.isEmpty { run.append(copy()); flush() }
                        run = [copy()]
                        continue
                    }
                    run.append(n)
                } else {
                    flush()
                }
            }
            flush()
        }
        ways = []
        // An obstacle for both directions is made a vertex, so that its seconds count exactly
        // where it stands (a trip from or to a point before it does not pay them); one for
        // a single direction stays inside its piece, whose edge that way pays it.
        for (id, o) in obstacles where o.forward == nil {
            if let n = lookup(id), uses[n] > 0 { uses[n] = 2 }
        }
        // Vertices: nodes used twice or at a way's end, and obstacles.
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
        struct Piece {
            var from: Int32; var to: Int32; var points: Range<Int>; var metres: Double; var use: RoadProfile.Use
            var way: Int64; var roundabout: Bool; var delayForward: Double; var delayBackward: Double
        }
        var pieces: [Piece] = []
        var pLat: [Double] = [], pLon: [Double] = []
        var nodeDelay: [Int: Double] = [:]     // obstacles on vertices, by node index
        for (nodes, use, way, roundabout) in resolved {
            var start = 0
            for i in 1..<nodes.count where uses[nodes[i]] >= 2 || i == nodes.count - 1 {
                let u = vertex(nodes[start]), v = vertex(nodes[i])
                if u != v {
                    let first = pLat.count
                    var metres = 0.0
                    var delayForward = 0.0, delayBackward = 0.0
                    for k in start + 1..<i {
                        guard let o = obstacles[nodeIDs[nodes[k]]] else { continue }
                        if o.forward != false { delayForward += o.seconds }
                        if o.forward != true { delayBackward += o.seconds }
                    }
                    for k in start...i {
                        pLat.append(nodeLat[nodes[k]])
                        pLon.append(nodeLon[nodes[k]])
                        if k > start {
                            metres += Self.metres(nodeLat[nodes[k - 1]], nodeLon[nodes[k - 1]], nodeLat[nodes[k]], nodeLon[nodes[k]])
                        }
                    }
                    pieces.append(Piece(from: u, to: v, points: first..<pLat.count, metres: metres, use: use, way: way,
                                        roundabout: roundabout, delayForward: delayForward, delayBackward: delayBackward))
                }
                for end in [nodes[start], nodes[i]] { if let o = obstacles[nodeIDs[end]] { nodeDelay[end] = o.seconds } }
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
        // The roads at each vertex as OSRM counts them: every piece, kept or not, and the
        // restricted ways through or ending at it.
        var roadsAt = [Int](repeating: 0, count: vCount)
        for p in pieces { roadsAt[Int(p.from)] += 1; roadsAt[Int(p.to)] += 1 }
        for refs in restrictedWays {
            for (k, ref) in refs.enumerated() {
                guard let n = lookup(ref), vertexOf[n] >= 0 else { continue }
                roadsAt[Int(vertexOf[n])] += k == 0 || k == refs.count - 1 ? 1 : 2
            }
        }
        restrictedWays = []
        // Renumber what is kept.
        var newVertex = [Int32](repeating: -1, count: vCount)
        var outLat: [Double] = [], outLon: [Double] = []
        var delayOfVertex = [Double](repeating: 0, count: vCount)
        for (n, d) in nodeDelay where vertexOf[n] >= 0 { delayOfVertex[Int(vertexOf[n])] = d }
        var vertexDelay: [Double] = [], vertexRoads: [UInt8] = []
        for v in 0..<vCount where keep[v] {
            vertexRoads.append(UInt8(min(255, roadsAt[v])))
            newVertex[v] = Int32(outLat.count)
            outLat.append(vLat[v])
            outLon.append(vLon[v])
            vertexDelay.append(delayOfVertex[v])
        }
        var pieceStart: [Int32] = [0], pointLat: [Double] = [], pointLon: [Double] = []
        var pieceFrom: [Int32] = [], pieceTo: [Int32] = []
        var pieceFlags: [UInt8] = [], pieceWay: [Int64] = []
        var edges: [(source: Int32, target: Int32, seconds: Double, metres: Double, piece: Int32, forward: Bool)] = []
        for p in pieces where keep[Int(p.from)] && keep[Int(p.to)] {
            let id = Int32(pieceFrom.count)
            let u = newVertex[Int(p.from)], v = newVertex[Int(p.to)]
            pieceFrom.append(u)
            pieceTo.append(v)
            pointLat.append(contentsOf: pLat[p.points])
            pointLon.append(contentsOf: pLon[p.points])
            pieceStart.append(Int32(pointLat.count))
            pieceFlags.append(p.roundabout ? 1 : 0)
            pieceWay.append(p.way)
            let seconds = p.metres / (p.use.kmh / 3.6)
            if p.use.forward { edges.append((u, v, seconds + p.delayForward, p.metres, id, true)) }
            if p.use.backward { edges.append((v, u, seconds + p.delayBackward, p.metres, id, false)) }
        }
        edges.sort { ($0.source, $0.piece, $0.forward ? 0 : 1) < ($1.source, $1.piece, $1.forward ? 0 : 1) }
        var edgeStart = [Int32](repeating: 0, count: outLat.count + 1)
        for e in edges { edgeStart[Int(e.source) + 1] += 1 }
        for v in 0..<outLat.count { edgeStart[v + 1] += edgeStart[v] }
        var forward = [Int32](repeating: -1, count: pieceFrom.count), backward = forward
        for (i, e) in edges.enumerated() {
            if e.forward { forward[Int(e.piece)] = Int32(i) } else { backward[Int(e.piece)] = Int32(i) }
        }
        // Turn restrictions: the edges of the `from` way entering the via vertex, those of the
        // `to` way leaving it.
        var banned: Set<Int64> = []
        func viaVertex(_ id: Int64) -> Int32? {
            guard let n = lookup(id), vertexOf[n] >= 0, newVertex[Int(vertexOf[n])] >= 0 else { return nil }
            return newVertex[Int(vertexOf[n])]
        }
        var entering: [Int32: [Int]] = [:]
        for rule in turnRules { if let v = viaVertex(rule.via) { entering[v] = [] } }
        for (i, e) in edges.enumerated() where entering[e.target] != nil { entering[e.target]!.append(i) }
        for rule in turnRules {
            guard let v = viaVertex(rule.via) else { continue }
            let via = Int(v)
            let into = entering[v, default: []].filter { pieceWay[Int(edges[$0].piece)] == rule.from }
            let out = Int(edgeStart[via])..<Int(edgeStart[via + 1])
            let onto = out.filter { pieceWay[Int(edges[$0].piece)] == rule.to }
            guard !into.isEmpty, !onto.isEmpty else { continue }
            for f in into {
                for t in out where rule.only ? !onto.contains(t) : onto.contains(t) { banned.insert(Int64(f) << 32 | Int64(t)) }
            }
        }
        let bans = banned.sorted()
        var graph = RoadGraph(profile: profile, vertexLat: outLat, vertexLon: outLon, edgeStart: edgeStart,
                              edgeTarget: edges.map(\.target), edgeSeconds: edges.map(\.seconds), edgeMetres: edges.map(\.metres),
                              edgePiece: edges.map(\.piece), pieceStart: pieceStart, pointLat: pointLat, pointLon: pointLon,
                              pieceFrom: pieceFrom, pieceTo: pieceTo, pieceForward: forward, pieceBackward: backward,
                              restrictionCount: restrictions, vertexDelay: vertexDelay, vertexRoads: vertexRoads, pieceFlags: pieceFlags,
                              bannedFrom: bans.map { Int32($0 >> 32) }, bannedTo: bans.map { Int32(truncatingIfNeeded: $0) })
        // Without U-turns but at dead ends, and with the restrictions, a few pieces may be
        // left with no way on or no way in. A trip may leave its join either way, so a piece
        // with one edge in the largest part every edge of it reaches is enough (a ring of
        // two-way streets is two such parts, one each way round): keep those pieces, both
        // ways, and drop the others. Dropping them only adds U-turns, so the part stays.
        let turns = TurnGraph(graph)
        var sources: [Int32] = [], targets: [Int32] = []
        for x in 0..<graph.edgeCount {
            for a in Int(turns.arcStart[x])..<Int(turns.arcStart[x + 1]) { sources.append(Int32(x)); targets.append(turns.arcTarget[a]) }
        }
        let part = Self.largestComponent(vertexCount: graph.edgeCount, sources: sources, targets: targets)
        var pieceKept = [Bool](repeating: false, count: graph.pieceCount)
        for e in 0..<graph.edgeCount where part[e] { pieceKept[Int(graph.edgePiece[e])] = true }
        let kept = (0..<graph.edgeCount).map { pieceKept[Int(graph.edgePiece[$0])] }
        if kept.contains(true) && !kept.allSatisfy({ $0 }) { graph = graph.keeping(edges: kept) }
        return graph
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
