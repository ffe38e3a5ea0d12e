extension RoadGraph {
    /// The graph with only the edges marked kept: a piece with neither direction left goes,
    /// a vertex with no piece left goes, and bans on a dropped edge go. Order is kept, so the
    /// edges stay sorted by source. Used by the import to drop what turns cannot reach.
    /// - Complexity: O(V + E + points).
    func keeping(edges kept: [Bool]) -> RoadGraph {
        var pieceKept = [Bool](repeating: false, count: pieceCount)
        for e in 0..<edgeCount where kept[e] { pieceKept[Int(edgePiece[e])] = true }
        var vertexKept = [Bool](repeating: false, count: vertexCount)
        for p in 0..<pieceCount where pieceKept[p] { vertexKept[Int(pieceFrom[p])] = true; vertexKept[Int(pieceTo[p])] = true }
        var newVertex = [Int32](repeating: -1, count: vertexCount)
        var out = RoadGraph(profile: profile, vertexLat: [], vertexLon: [], edgeStart: [0], edgeTarget: [], edgeSeconds: [],
                            edgeMetres: [], edgePiece: [], pieceStart: [0], pointLat: [], pointLon: [], pieceFrom: [], pieceTo: [],
                            pieceForward: [], pieceBackward: [], restrictionCount: restrictionCount)
        for v in 0..<vertexCount where vertexKept[v] {
            newVertex[v] = Int32(out.vertexLat.count)
            out.vertexLat.append(vertexLat[v])
            out.vertexLon.append(vertexLon[v])
            out.vertexDelay.append(vertexDelay[v])
            out.vertexRoads.append(vertexRoads[v])
        }
        var newPiece = [Int32](repeating: -1, count: pieceCount)
        for p in 0..<pieceCount where pieceKept[p] {
            newPiece[p] = Int32(out.pieceFrom.count)
            out.pieceFrom.append(newVertex[Int(pieceFrom[p])])
            out.pieceTo.append(newVertex[Int(pieceTo[p])])
            out.pieceFlags.append(pieceFlags[p])
            let points = Int(pieceStart[p])..<Int(pieceStart[p + 1])
            out.pointLat.append(contentsOf: pointLat[points])
            out.pointLon.append(contentsOf: pointLon[points])
            out.pieceStart.append(Int32(out.pointLat.count))
            out.pieceForward.append(-1)
            out.pieceBackward.append(-1)
        }
        var newEdge = [Int32](repeating: -1, count: edgeCount)
        for v in 0..<vertexCount where vertexKept[v] {
            for e in Int(edgeStart[v])..<Int(edgeStart[v + 1]) where kept[e] {
                let id = Int32(out.edgeTarget.count)
                newEdge[e] = id
                let p = Int(edgePiece[e])
                out.edgeTarget.append(newVertex[Int(edgeTarget[e])])
                out.edgeSeconds.append(edgeSeconds[e])
                out.edgeMetres.append(edgeMetres[e])
                out.edgePiece.append(newPiece[p])
                if pieceForward[p] == Int32(e) { out.pieceForward[Int(newPiece[p])] = id } else { out.pieceBackward[Int(newPiece[p])] = id }
            }
            out.edgeStart.append(Int32(out.edgeTarget.count))
        }
        for (f, t) in zip(bannedFrom, bannedTo) where newEdge[Int(f)] >= 0 && newEdge[Int(t)] >= 0 {
            out.bannedFrom.append(newEdge[Int(f)])
            out.bannedTo.append(newEdge[Int(t)])
        }
        return out
    }
}
