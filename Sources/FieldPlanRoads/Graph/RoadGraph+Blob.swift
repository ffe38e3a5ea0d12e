/// The network as one blob for the store: a magic and version, the profile, the counts, then
/// each array's bytes as they lie in memory (little-endian on every machine Swift targets
/// here); since version 3 the turn data (junction delays, roundabouts, banned turns) and,
/// when given, the contraction hierarchy of the turn graph. Loading is a copy per array, no
/// parsing and no contraction, so a plan on roads starts in milliseconds.
///
/// A blob of version 1 or 2 (written before turns were modelled) still loads: its network
/// has no obstacles at junctions and no restrictions, and its hierarchy (of junctions, not of
/// turns) is dropped, so the model contracts the turn graph when it is made. Re-running
/// `roads import` stores both.
extension RoadGraph {
    static let magic: [UInt8] = Array("FPROADS3".utf8)
    static let magicJunctionHierarchy: [UInt8] = Array("FPROADS2".utf8)
    static let magicWithoutHierarchy: [UInt8] = Array("FPROADS1".utf8)

    public func blob(hierarchy: ContractionHierarchy? = nil) -> [UInt8] {
        var out = BlobWriter(magic: Self.magic)
        out.int(RoadProfile.allCases.firstIndex(of: profile)!)
        out.int(restrictionCount)
        out.array(vertexLat); out.array(vertexLon)
        out.array(edgeStart); out.array(edgeTarget); out.array(edgeSeconds); out.array(edgeMetres); out.array(edgePiece)
        out.array(pieceStart); out.array(pointLat); out.array(pointLon)
        out.array(pieceFrom); out.array(pieceTo); out.array(pieceForward); out.array(pieceBackward)
        out.array(vertexDelay); out.array(vertexRoads); out.array(pieceFlags); out.array(bannedFrom); out.array(bannedTo)
        out.int(hierarchy == nil ? 0 : 1)
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
        let version: Int
        if reader.starts(with: magic) {
            version = 3
        } else if reader.starts(with: magicJunctionHierarchy) {
            version = 2
        } else if reader.starts(with: magicWithoutHierarchy) {
            version = 1
        } else {
            throw .damagedNetwork("not a road network of this version")
        }
        let p = try reader.int()
        guard RoadProfile.allCases.indices.contains(p) else { throw .damagedNetwork("unknown profile \(p)") }
        let restrictions = try reader.int()
        var g = RoadGraph(profile: RoadProfile.allCases[p], vertexLat: try reader.array(Double.self), vertexLon: try reader.array(Double.self),
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
        var withHierarchy = version == 2
        if version == 3 {
            g.vertexDelay = try reader.array(Double.self)
            g.vertexRoads = try reader.array(UInt8.self)
            g.pieceFlags = try reader.array(UInt8.self)
            g.bannedFrom = try reader.array(Int32.self)
            g.bannedTo = try reader.array(Int32.self)
            guard g.vertexDelay.count == g.vertexCount, g.vertexRoads.count == g.vertexCount, g.pieceFlags.count == g.pieceCount, g.bannedFrom.count == g.bannedTo.count,
                  (g.bannedFrom + g.bannedTo).allSatisfy({ (0..<Int32(g.edgeCount)).contains($0) }) else {
                throw .damagedNetwork("inconsistent turns")
            }
            withHierarchy = try reader.int() == 1
        }
        var hierarchy: ContractionHierarchy?
        if withHierarchy {
            let h = ContractionHierarchy(rank: try reader.array(Int32.self), upStart: try reader.array(Int32.self),
                                         upTarget: try reader.array(Int32.self), upSeconds: try reader.array(Double.self),
                                         upMetres: try reader.array(Double.self), downStart: try reader.array(Int32.self),
                                         downSource: try reader.array(Int32.self), downSeconds: try reader.array(Double.self),
                                         downMetres: try reader.array(Double.self))
            let n = version == 3 ? g.edgeCount : g.vertexCount
            guard h.rank.count == n, h.upStart.count == n + 1, h.downStart.count == n + 1,
                  h.upStart.last.map(Int.init) == h.upTarget.count, h.downStart.last.map(Int.init) == h.downSource.count,
                  h.upSeconds.count == h.upTarget.count, h.upMetres.count == h.upTarget.count,
                  h.downSeconds.count == h.downSource.count, h.downMetres.count == h.downSource.count,
                  h.upTarget.allSatisfy({ (0..<Int32(n)).contains($0) }), h.downSource.allSatisfy({ (0..<Int32(n)).contains($0) }) else {
                throw .damagedNetwork("inconsistent hierarchy")
            }
            if version == 3 { hierarchy = h }    // version 2's is of junctions: contracted again
        }
        guard reader.atEnd else { throw .damagedNetwork("unexpected bytes after the network") }
        return (g, hierarchy)
    }
}
