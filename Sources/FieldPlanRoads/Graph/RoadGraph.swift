import FieldPlanCore

/// The routable road network of one profile, compressed: vertices are the junctions and
/// ends of the usable ways, and a *piece* is the stretch of one way between two vertices with
/// its shape points. Each piece has a forward edge (its first point to its last) and a
/// backward edge where the way may be travelled that way. Only the largest strongly connected
/// part is kept, so every snapped point can reach every other (no infinite matrix entries;
/// islands and one-way dead ends are dropped at import).
///
/// Flat arrays rather than objects: the network of a city is a few hundred thousand edges,
/// searched thousands of times per matrix, and stored as one blob.
public struct RoadGraph: Sendable, Hashable {
    public var profile: RoadProfile
    /// Vertex positions.
    public var vertexLat: [Double]
    public var vertexLon: [Double]
    /// Outgoing edges of vertex `v` are `edgeStart[v]..<edgeStart[v + 1]` (count V + 1).
    public var edgeStart: [Int32]
    public var edgeTarget: [Int32]
    public var edgeSeconds: [Double]
    public var edgeMetres: [Double]
    public var edgePiece: [Int32]
    /// Shape points of piece `p` are `pieceStart[p]..<pieceStart[p + 1]` of `pointLat`/`pointLon`.
    public var pieceStart: [Int32]
    public var pointLat: [Double]
    public var pointLon: [Double]
    public var pieceFrom: [Int32]
    public var pieceTo: [Int32]
    /// The piece's edge from its first point to its last, or -1 (one-way the other way).
    public var pieceForward: [Int32]
    /// The piece's edge from its last point to its first, or -1.
    public var pieceBackward: [Int32]
    /// Turn restrictions read from the extract (`type=restriction` relations).
    public var restrictionCount: Int
    /// Seconds added to every turn through a vertex: the traffic signals, stop and give-way
    /// signs on the junction's node (`car.lua`'s obstacles); those between junctions are in
    /// the edges' seconds. Empty for a network stored before version 3.
    public var vertexDelay: [Double]
    /// The roads meeting at each vertex as OSRM counts them for a turn's cost (pieces the
    /// import dropped and restricted ways included); at least the pieces kept at it. Empty
    /// for a network stored before version 3, which counts the kept pieces only.
    public var vertexRoads: [UInt8]
    /// Per piece: bit 0 set on a roundabout (`junction=roundabout|circular`), where a left
    /// turn crosses no oncoming traffic. Empty for a network stored before version 3.
    public var pieceFlags: [UInt8]
    /// Forbidden turns from edge `bannedFrom[i]` into edge `bannedTo[i]`, sorted: the turn
    /// restrictions of the extract resolved to edges (an `only_*` one bans every other turn).
    public var bannedFrom: [Int32]
    public var bannedTo: [Int32]

    public var vertexCount: Int { vertexLat.count }
    public var edgeCount: Int { edgeTarget.count }
    public var pieceCount: Int { pieceFrom.count }

    public init(profile: RoadProfile, vertexLat: [Double], vertexLon: [Double], edgeStart: [Int32], edgeTarget: [Int32],
                edgeSeconds: [Double], edgeMetres: [Double], edgePiece: [Int32], pieceStart: [Int32], pointLat: [Double],
                pointLon: [Double], pieceFrom: [Int32], pieceTo: [Int32], pieceForward: [Int32], pieceBackward: [Int32],
                restrictionCount: Int, vertexDelay: [Double] = [], vertexRoads: [UInt8] = [], pieceFlags: [UInt8] = [],
                bannedFrom: [Int32] = [], bannedTo: [Int32] = []) {
        self.profile = profile
        self.vertexLat = vertexLat
        self.vertexLon = vertexLon
        self.edgeStart = edgeStart
        self.edgeTarget = edgeTarget
        self.edgeSeconds = edgeSeconds
        self.edgeMetres = edgeMetres
        self.edgePiece = edgePiece
        self.pieceStart = pieceStart
        self.pointLat = pointLat
        self.pointLon = pointLon
        self.pieceFrom = pieceFrom
        self.pieceTo = pieceTo
        self.pieceForward = pieceForward
        self.pieceBackward = pieceBackward
        self.restrictionCount = restrictionCount
        self.vertexDelay = vertexDelay.count == vertexLat.count ? vertexDelay : [Double](repeating: 0, count: vertexLat.count)
        self.vertexRoads = vertexRoads.count == vertexLat.count ? vertexRoads : [UInt8](repeating: 0, count: vertexLat.count)
        self.pieceFlags = pieceFlags.count == pieceFrom.count ? pieceFlags : [UInt8](repeating: 0, count: pieceFrom.count)
        self.bannedFrom = bannedFrom
        self.bannedTo = bannedTo
    }

    /// Whether piece `p` is part of a roundabout.
    public func isRoundabout(_ p: Int) -> Bool { pieceFlags[p] & 1 != 0 }

    /// The vertex an edge leaves (the graph stores edges by source).
    public func edgeSource(_ e: Int) -> Int32 {
        let p = Int(edgePiece[e])
        return pieceForward[p] == Int32(e) ? pieceFrom[p] : pieceTo[p]
    }

    /// Total length of the usable network, each piece once, in metres.
    public var pieceMetres: Double {
        var total = 0.0
        for p in 0..<pieceCount {
            let e = pieceForward[p] >= 0 ? pieceForward[p] : pieceBackward[p]
            total += edgeMetres[Int(e)]
        }
        return total
    }

    func point(_ i: Int) -> Coordinate { Coordinate(lat: pointLat[i], lon: pointLon[i])! }
}
