import FieldPlanRoads

/// What `roads import` read and kept.
public struct RoadImportResult: Sendable {
    public var file: String
    public var profile: RoadProfile
    public var counts: OSMPBFReader.Counts
    /// Ways the profile may use.
    public var usableWays: Int
    public var graph: RoadGraph
    public var seconds: Double

    public var summary: String {
        let km = (graph.pieceMetres / 1000 * 10).rounded() / 10
        return "\(file): \(counts.nodes) nodes, \(counts.ways) ways, \(counts.relations) relations in \(counts.blocks) blocks; "
            + "\(usableWays) ways usable by \(profile.rawValue): \(graph.vertexCount) junctions, \(graph.edgeCount) one-way edges, \(km) km of road"
            + (graph.restrictionCount > 0 ? "; \(graph.restrictionCount) turn restrictions read, \(graph.bannedFrom.count) turns banned" : "")
    }
}
