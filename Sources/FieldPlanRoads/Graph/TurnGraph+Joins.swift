/// How a trip leaves and reaches a point joined to the network (a `RoadSnap`), in nodes of
/// the turn graph, shared by the plain search and the contraction hierarchy's. A trip may
/// leave a join either way the piece may be driven, at no turn cost (as OSRM starts a route
/// on its segment); it reaches a join by turning into the piece and driving part of it.
extension TurnGraph {
    /// Where a search from a join starts: the piece's edge in each direction it may be
    /// driven, with the seconds and metres from the join to that edge's end.
    public func departures(_ o: RoadSnap, in g: RoadGraph) -> [(Int32, Double, Double)] {
        let p = Int(o.piece), f = o.fraction
        var out: [(Int32, Double, Double)] = []
        if g.pieceForward[p] >= 0 {
            let e = Int(g.pieceForward[p])
            out.append((Int32(e), (1 - f) * g.edgeSeconds[e], (1 - f) * g.edgeMetres[e]))
        }
        if g.pieceBackward[p] >= 0 {
            let e = Int(g.pieceBackward[p])
            out.append((Int32(e), f * g.edgeSeconds[e], f * g.edgeMetres[e]))
        }
        return out
    }

    /// How a search reaches a join: from a node (an edge driven to the piece's end), plus
    /// the turn into the piece and the stretch of it up to the join; and the piece's edge
    /// the trip enters by.
    public func arrivals(_ d: RoadSnap, in g: RoadGraph) -> [(node: Int32, seconds: Double, metres: Double, enter: Int32)] {
        let p = Int(d.piece), t = d.fraction
        var out: [(node: Int32, seconds: Double, metres: Double, enter: Int32)] = []
        for (e, left) in [(g.pieceForward[p], 1 - t), (g.pieceBackward[p], t)] where e >= 0 {
            let rest = left * g.edgeSeconds[Int(e)], restMetres = left * g.edgeMetres[Int(e)]
            for i in Int(inStart[Int(e)])..<Int(inStart[Int(e) + 1]) {
                let a = Int(inArc[i])
                out.append((inSource[i], max(0, arcSeconds[a] - rest), max(0, arcMetres[a] - restMetres), e))
            }
        }
        return out
    }
}
