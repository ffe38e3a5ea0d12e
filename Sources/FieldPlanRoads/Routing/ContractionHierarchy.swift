/// A contraction hierarchy of a road network's `TurnGraph` by travel time (its vertices are
/// the turn graph's nodes, one per directed edge, so turn costs and restrictions count): every vertex has a rank, and
/// shortcuts stand for the fastest routes through the vertices of lower rank, so that the
/// fastest trip between any two vertices goes up the ranks from the origin and down them to
/// the destination. A search then looks only *upward* from each end — a few hundred vertices
/// in a city instead of the whole network — which is what makes large matrices cheap: one
/// upward search per destination leaves its distances in buckets, one upward search per
/// origin reads them (the many-to-many method OSRM's `/table` uses as well).
///
/// Shortcuts carry the seconds and the metres of the route they stand for (metres are those
/// of the fastest route, as in a plain search); they are never unpacked here, since paths
/// for drawing come from one ordinary search (`RoadSearch`).
public struct ContractionHierarchy: Sendable, Hashable {
    /// The order in which vertices were contracted (0 first, the least important).
    public var rank: [Int32]
    /// Edges from `v` to vertices of higher rank: `upStart[v]..<upStart[v + 1]` (count V + 1).
    public var upStart: [Int32]
    public var upTarget: [Int32]
    public var upSeconds: [Double]
    public var upMetres: [Double]
    /// Edges *into* `v` from vertices of higher rank, stored at `v` with their source:
    /// `downStart[v]..<downStart[v + 1]`. A backward search from a destination follows them.
    public var downStart: [Int32]
    public var downSource: [Int32]
    public var downSeconds: [Double]
    public var downMetres: [Double]

    public init(rank: [Int32], upStart: [Int32], upTarget: [Int32], upSeconds: [Double], upMetres: [Double],
                downStart: [Int32], downSource: [Int32], downSeconds: [Double], downMetres: [Double]) {
        self.rank = rank
        self.upStart = upStart
        self.upTarget = upTarget
        self.upSeconds = upSeconds
        self.upMetres = upMetres
        self.downStart = downStart
        self.downSource = downSource
        self.downSeconds = downSeconds
        self.downMetres = downMetres
    }

    public var vertexCount: Int { rank.count }
    /// Upward and downward edges together: the graph's edges plus the shortcuts.
    public var edgeCount: Int { upTarget.count + downSource.count }

    /// Builds the hierarchy of `graph`'s turn graph.
    /// - Complexity: roughly O(E · witness searches) (docs/roads.md has the figures).
    public init(_ graph: RoadGraph) {
        self.init(TurnGraph(graph))
    }

    public init(_ turns: TurnGraph) {
        var builder = HierarchyBuilder(turns)
        self = builder.build()
    }
}
