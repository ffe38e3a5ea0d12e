/// The road network in the store: what was imported, and the graph as its blob
/// (`FieldPlanRoads.RoadGraph(blob:)` reads it; the store does not interpret it).
public struct StoredRoadNetwork: Sendable {
    public var profile: String
    /// The file it was imported from (its name only).
    public var source: String
    /// Seconds since 1970.
    public var importedAt: Int64
    public var vertices: Int
    public var edges: Int
    /// Length of the usable network, each way once.
    public var km: Double
    /// Nil when only the summary was read.
    public var graph: [UInt8]?

    public init(profile: String, source: String, importedAt: Int64, vertices: Int, edges: Int, km: Double, graph: [UInt8]?) {
        self.profile = profile
        self.source = source
        self.importedAt = importedAt
        self.vertices = vertices
        self.edges = edges
        self.km = km
        self.graph = graph
    }
}
