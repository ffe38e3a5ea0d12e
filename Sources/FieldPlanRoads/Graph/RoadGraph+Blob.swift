/// The network as one blob for the store: a magic and version, the profile, the counts, then
/// each array's bytes as they lie in memory (little-endian on every machine Swift targets
/// here), and since version 2 the contraction hierarchy's arrays the same way. Loading is a
/// copy per array, no parsing and no contraction, so a plan on roads starts in milliseconds.
/// A version 1 blob (no hierarchy) still loads; its hierarchy is then built on loading.
extension RoadGraph {
    static let magic: [UInt8] = Array("FPROADS2".utf8)
    static let magicWithoutHierarchy: [UInt8] = Array("FPROADS1".utf8)

    public func blob(hierarchy: ContractionHierarchy? = nil) -> [UInt8] {
        var out = BlobWriter(magic: hierarchy == nil ? Self.magicWithoutHierarchy : Self.magic)
        out.int(RoadProfile.allCases.firstIndex(of: profile)!)
        out.int(restrictionCount)
        out.array(vertexLat); out.array(vertexLon)
        out.array(edgeStart); out.array(edgeTarget); out.array(edgeSeconds); out.array(edgeMetres); out.array(edgePiece)
        out.array(pieceStart); out.array(pointLat); out.array(pointLon)
        out.array(pieceFrom); out.array(pieceTo); out.array(pieceForward); out.array(pieceBackward)
        if let h = hierarchy {
            out.array(h.rank)
            out.array(h.upStart); out.array(h.upTarget); out.array(h.upSeconds); out.array(h.upMetres)
            out.array(h.downStart); out.array(h.downSource); out.array(h.downSeconds); out.array(h.downMetres)
        }
        return out.bytes
    }

    /// - Throws: `RoadError.damagedNetwork` when the blob is not one this build wrote.
    public init(blob: [UInt8]) throws(RoadError) {
        self = try Self.network(blob: blob).graph
    }

    /// The graph and, when the blob carries it, its hierarchy.
    /// - Throws: `RoadError.damagedNetwork` when the blob is not one this build wrote.
    public static func network(blob: [UInt8]) throws(RoadError) -> (graph: RoadGraph, hierarchy: ContractionHierarchy?) {
        var reader = BlobReader(blob)
        let withHierarchy: Bool
        if reader.starts(with: magic) {
            withHierarchy = true
        } else if reader.starts(with: magicWithoutHierarchy) {
            withHierarchy = false
        } else {
            throw .damagedNetwork("not a road network of this version")
        }
        let p = try reader.int()
        guard RoadProfile.allCases.indices.contains(p) else { throw .damagedNetwork("unknown profile \(p)") }
        let restrictions = try reader.int()
        let g = RoadGraph(profile: RoadProfile.allCases[p], vertexLat: try reader.array(Double.self), vertexLon: try reader.array(Double.self),
                          edgeStart: try reader.array(Int32.self), edgeTarget: try reader.array(Int32.self),
                          edgeSeconds: try reader.array(Double.self), edgeMetres: try reader.array(Double.self),
                          edgePiece: try reader.array(Int32.self), pieceStart: try reader.array(Int32.self),
                          pointLat: try reader.array(Double.self), pointLon: try reader.array(Double.self),
                          pieceFrom: try reader.array(Int32.self), pieceTo: try reader.array(Int32.self),
                          pieceForward: try reader.array(Int32.self), pieceBackward: try reader.array(Int32.self),
                          restrictionCount: restrictions)
        guard g.edgeStart.count == g.vertexCount + 1, g.pieceStart.count == g.pieceCount + 1,
              g.edgeSeconds.count == g.edgeCount, g.edgeMetres.count == g.edgeCount, g.edgePiece.count == g.edgeCount,
              g.pointLat.count == g.pointLon.count, g.pieceTo.count == g.pieceCount,
              g.pieceForward.count == g.pieceCount, g.pieceBackward.count == g.pieceCount else {
            throw .damagedNetwork("inconsistent sizes")
        }
        var hierarchy: ContractionHierarchy?
        if withHierarchy {
            let h = ContractionHierarchy(rank: try reader.array(Int32.self), upStart: try reader.array(Int32.self),
                                         upTarget: try reader.array(Int32.self), upSeconds: try reader.array(Double.self),
                                         upMetres: try reader.array(Double.self), downStart: try reader.array(Int32.self),
                                         downSource: try reader.array(Int32.self), downSeconds: try reader.array(Double.self),
                                         downMetres: try reader.array(Double.self))
            let n = g.vertexCount
            guard h.rank.count == n, h.upStart.count == n + 1, h.downStart.count == n + 1,
                  h.upStart.last.map(Int.init) == h.upTarget.count, h.downStart.last.map(Int.init) == h.downSource.count,
                  h.upSeconds.count == h.upTarget.count, h.upMetres.count == h.upTarget.count,
                  h.downSeconds.count == h.downSource.count, h.downMetres.count == h.downSource.count,
                  h.upTarget.allSatisfy({ (0..<Int32(n)).contains($0) }), h.downSource.allSatisfy({ (0..<Int32(n)).contains($0) }) else {
                throw .damagedNetwork("inconsistent hierarchy")
            }
            hierarchy = h
        }
        guard reader.atEnd else { throw .damagedNetwork("unexpected bytes after the network") }
        return (g, hierarchy)
    }
}
