/// How a trip leaves and reaches a point joined to the network (a `RoadSnap`), shared by the
/// plain search and the contraction hierarchy's: the vertices at the ends of the joined
/// piece, with the seconds and metres of the stretch of piece between the join and each.
extension RoadGraph {
    /// Where a search from a join starts: the piece's end ahead in each direction the piece
    /// may be driven, and the vertex itself when the join is at one.
    public func departures(_ o: RoadSnap) -> [(Int32, Double, Double)] {
        let g = self, p = Int(o.piece), f = o.fraction
        var out: [(Int32, Double, Double)] = []
        if f <= 0 { out.append((g.pieceFrom[p], 0, 0)) }
        if f >= 1 { out.append((g.pieceTo[p], 0, 0)) }
        if g.pieceForward[p] >= 0 && f < 1 {
            let e = Int(g.pieceForward[p])
            out.append((g.pieceTo[p], (1 - f) * g.edgeSeconds[e], (1 - f) * g.edgeMetres[e]))
        }
        if g.pieceBackward[p] >= 0 && f > 0 {
            let e = Int(g.pieceBackward[p])
            out.append((g.pieceFrom[p], f * g.edgeSeconds[e], f * g.edgeMetres[e]))
        }
        return out
    }

    /// How a search reaches a join: from a vertex, plus the stretch of the piece after it.
    public func arrivals(_ d: RoadSnap) -> [(Int32, Double, Double)] {
        let g = self, p = Int(d.piece), t = d.fraction
        var out: [(Int32, Double, Double)] = []
        if t <= 0 { out.append((g.pieceFrom[p], 0, 0)) }
        if t >= 1 { out.append((g.pieceTo[p], 0, 0)) }
        if g.pieceForward[p] >= 0 && t > 0 {
            let e = Int(g.pieceForward[p])
            out.append((g.pieceFrom[p], t * g.edgeSeconds[e], t * g.edgeMetres[e]))
        }
        if g.pieceBackward[p] >= 0 && t < 1 {
            let e = Int(g.pieceBackward[p])
            out.append((g.pieceTo[p], (1 - t) * g.edgeSeconds[e], (1 - t) * g.edgeMetres[e]))
        }
        return out
    }

    /// The trip from `o` to `d` along their common piece without leaving it, where the
    /// piece may be driven that way; infinite otherwise (or on different pieces).
    public func alongSharedPiece(from o: RoadSnap, to d: RoadSnap) -> (seconds: Double, metres: Double) {
        var best = (seconds: Double.infinity, metres: Double.infinity)
        guard o.piece == d.piece else { return best }
        let p = Int(d.piece), f = o.fraction, t = d.fraction
        if pieceForward[p] >= 0, t >= f {
            let e = Int(pieceForward[p])
            best = ((t - f) * edgeSeconds[e], (t - f) * edgeMetres[e])
        }
        if pieceBackward[p] >= 0, t <= f {
            let e = Int(pieceBackward[p])
            let s = (f - t) * edgeSeconds[e]
            if s < best.seconds { best = (s, (f - t) * edgeMetres[e]) }
        }
        return best
    }
}
