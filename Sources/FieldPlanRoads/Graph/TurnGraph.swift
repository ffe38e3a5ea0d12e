import Foundation

/// The edge-based graph of a `RoadGraph`, on which trips are searched: a node per directed
/// edge (a piece driven one way), an arc per turn allowed from one edge into the next at
/// their common vertex, weighted with the next edge's seconds and metres plus the turn's
/// cost. Reaching node `e` means having driven edge `e` to its end. This is how a search
/// knows which way a trip enters a junction, which a turn cost and a turn restriction need.
///
/// The turn cost is `car.lua`'s (OSRM's car profile), for car and motorbike; on foot turns
/// are free:
/// - at a junction of more than two roads, or for a U-turn: `turn_penalty` (7.5 s) scaled by
///   a sigmoid of the turn angle, with `turn_bias` (1.075) making a left turn dearer than a
///   right one (traffic drives on the right), plus up to 2 s for a left turn across oncoming
///   traffic (not on a roundabout);
/// - a U-turn costs 20 s more, and is allowed only where an edge has no other way on (a dead
///   end), as OSRM does;
/// - the junction's obstacles (`RoadGraph.vertexDelay`) on every turn through it;
/// - a banned turn (a restriction) has no arc.
///
/// The angle is that between the two roads' bearings 10 m from the junction (or at the far
/// end of a shorter piece), as OSRM measures roads a few metres out.
/// - Complexity: O(E · junction degree) to build; two CSR arrays of arcs.
public struct TurnGraph: Sendable, Hashable {
    /// Arcs out of node `e`: `arcStart[e]..<arcStart[e + 1]` (count E + 1).
    public var arcStart: [Int32]
    public var arcTarget: [Int32]
    /// The turn's cost plus the target edge's seconds.
    public var arcSeconds: [Double]
    /// The target edge's metres.
    public var arcMetres: [Double]
    /// Arcs into node `e`: `inStart[e]..<inStart[e + 1]`, each the index of an arc above.
    public var inStart: [Int32]
    public var inArc: [Int32]
    public var inSource: [Int32]

    public var nodeCount: Int { arcStart.count - 1 }
    public var arcCount: Int { arcTarget.count }

    /// `car.lua`'s constants.
    static let turnPenalty = 7.5, turnBias = 1.075, uTurnPenalty = 20.0, oncomingPenalty = 2.0
    /// How far from the junction a road's bearing is taken, in metres.
    static let bearingMetres = 10.0

    public init(_ g: RoadGraph) {
        let n = g.edgeCount
        let turnCosts = g.profile != .foot
        var roads = [Int32](repeating: 0, count: g.vertexCount)
        for p in 0..<g.pieceCount { roads[Int(g.pieceFrom[p])] += 1; roads[Int(g.pieceTo[p])] += 1 }
        for v in 0..<g.vertexCount { roads[v] = max(roads[v], Int32(g.vertexRoads[v])) }
        var arriving = [Double](repeating: 0, count: n), leaving = arriving
        for e in 0..<n {
            arriving[e] = Self.bearing(g, edge: e, atEnd: true)
            leaving[e] = Self.bearing(g, edge: e, atEnd: false)
        }
        var start: [Int32] = [0], target: [Int32] = [], seconds: [Double] = [], metres: [Double] = []
        var ban = 0
        for e in 0..<n {
            let v = Int(g.edgeTarget[e])
            let p = Int(g.edgePiece[e])
            let reverse = g.pieceForward[p] == Int32(e) ? g.pieceBackward[p] : g.pieceForward[p]
            while ban < g.bannedFrom.count && g.bannedFrom[ban] < Int32(e) { ban += 1 }
            var banned: [Int32] = []
            var b = ban
            while b < g.bannedFrom.count && g.bannedFrom[b] == Int32(e) { banned.append(g.bannedTo[b]); b += 1 }
            let outs = (Int(g.edgeStart[v])..<Int(g.edgeStart[v + 1])).filter { !banned.contains(Int32($0)) }
            let others = outs.filter { Int32($0) != reverse }
            let allowed = others.isEmpty ? outs : others
            for e2 in allowed {
                let uTurn = Int32(e2) == reverse
                var cost = 0.0
                if turnCosts {
                    let p2 = Int(g.edgePiece[e2])
                    cost = g.vertexDelay[v] + Self.turnSeconds(angle: uTurn ? 180 : Self.angle(from: arriving[e], to: leaving[e2]),
                                                               roads: Int(roads[v]), uTurn: uTurn,
                                                               roundabout: g.isRoundabout(p) || g.isRoundabout(p2))
                }
                target.append(Int32(e2))
                seconds.append(cost + g.edgeSeconds[e2])
                metres.append(g.edgeMetres[e2])
            }
            start.append(Int32(target.count))
        }
        var inStart = [Int32](repeating: 0, count: n + 1)
        for t in target { inStart[Int(t) + 1] += 1 }
        for x in 0..<n { inStart[x + 1] += inStart[x] }
        var fill = inStart
        var inArc = [Int32](repeating: 0, count: target.count), inSource = inArc
        for x in 0..<n {
            for a in Int(start[x])..<Int(start[x + 1]) {
                let t = Int(target[a])
                inArc[Int(fill[t])] = Int32(a)
                inSource[Int(fill[t])] = Int32(x)
                fill[t] += 1
            }
        }
        arcStart = start
        arcTarget = target
        arcSeconds = seconds
        arcMetres = metres
        self.inStart = inStart
        self.inArc = inArc
        self.inSource = inSource
    }

    /// `car.lua`'s `process_turn` for a turn of `angle` degrees (0 straight on, positive to
    /// the right, negative to the left) at a junction of `roads` roads; without obstacles.
    public static func turnSeconds(angle: Double, roads: Int, uTurn: Bool, roundabout: Bool) -> Double {
        guard roads > 2 || uTurn else { return 0 }
        var s: Double
        if angle >= 0 {
            s = turnPenalty / (1 + exp(-((13 / turnBias) * angle / 180 - 6.5 * turnBias)))
        } else {
            s = turnPenalty / (1 + exp(-((13 * turnBias) * -angle / 180 - 6.5 / turnBias)))
        }
        if angle < 0 && !uTurn && roads > 2 && !roundabout {
            s += oncomingPenalty / (1 + exp(-(13 * abs(angle) / 180 - 3.25)))
        }
        if uTurn { s += uTurnPenalty }
        return s
    }

    /// The turn from arriving on bearing `a` to leaving on bearing `b`, in (-180, 180].
    static func angle(from a: Double, to b: Double) -> Double {
        var d = (b - a).truncatingRemainder(dividingBy: 360)
        if d > 180 { d -= 360 }
        if d <= -180 { d += 360 }
        return d
    }

    /// The bearing of edge `e` in its direction of travel, at its end (arriving) or at its
    /// start (leaving), in degrees clockwise from north, from the point `bearingMetres` away.
    static func bearing(_ g: RoadGraph, edge e: Int, atEnd: Bool) -> Double {
        let p = Int(g.edgePiece[e])
        let forward = g.pieceForward[p] == Int32(e)
        let first = Int(g.pieceStart[p]), last = Int(g.pieceStart[p + 1]) - 1
        // Walk from the junction's end of the piece into it.
        let fromFirst = forward != atEnd   // the junction is the piece's first point
        let step = fromFirst ? 1 : -1
        let j = fromFirst ? first : last
        var i = j
        var along = 0.0
        var far = (lat: g.pointLat[j], lon: g.pointLon[j])
        while i != (fromFirst ? last : first) {
            let k = i + step
            let len = RoadGraphBuilder.metres(g.pointLat[i], g.pointLon[i], g.pointLat[k], g.pointLon[k])
            if along + len >= bearingMetres, len > 0 {
                let t = (bearingMetres - along) / len
                far = (g.pointLat[i] + t * (g.pointLat[k] - g.pointLat[i]), g.pointLon[i] + t * (g.pointLon[k] - g.pointLon[i]))
                break
            }
            along += len
            far = (g.pointLat[k], g.pointLon[k])
            i = k
        }
        let jl = (lat: g.pointLat[j], lon: g.pointLon[j])
        // Leaving: from the junction outward; arriving: from the far point to the junction.
        let (a, b) = atEnd ? (far, jl) : (jl, far)
        let dx = (b.lon - a.lon) * cos(a.lat * .pi / 180), dy = b.lat - a.lat
        return atan2(dx, dy) * 180 / .pi
    }
}
