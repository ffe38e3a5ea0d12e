/// A trip that stays on one piece, shared by the plain search and the contraction
/// hierarchy's (the searches themselves start and end on `TurnGraph`'s nodes).
extension RoadGraph {
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
