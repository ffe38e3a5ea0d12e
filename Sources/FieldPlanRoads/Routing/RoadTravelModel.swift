import Dispatch
import FieldPlanCore

/// SPEC §11's `roads` model: travel on the imported network, computed by fieldplan. Each
/// point joins the network at its nearest usable road (within the snap limit); a trip is the
/// fastest route between the two joins, and its figures are that route's seconds and metres
/// rounded to whole units (the walk from the door to the road is not counted).
///
/// A matrix is answered by the network's contraction hierarchy (many-to-many upward
/// searches with buckets, on `threads` threads); one Dijkstra search per origin
/// (`searchMatrix`) gives the same figures and is kept as the reference the tests and the
/// benchmark compare with. Paths for drawing come from one plain search.
public struct RoadTravelModel: TravelMatrixSource {
    public let graph: RoadGraph
    public let hierarchy: ContractionHierarchy
    /// The edge-based graph the searches run on (built from `graph` when the model is made).
    public let turns: TurnGraph
    public let index: SegmentIndex
    public let snapLimitMetres: Int
    public var threads: Int

    public var name: String { "roads" }

    /// - Parameter hierarchy: the network's hierarchy when it was stored with it; built
    ///   here otherwise (a second or so for a large city, milliseconds for a small one).
    public init(graph: RoadGraph, hierarchy: ContractionHierarchy? = nil, snapLimitMetres: Int, threads: Int = 2) {
        self.graph = graph
        let turns = TurnGraph(graph)
        self.turns = turns
        self.hierarchy = hierarchy ?? ContractionHierarchy(turns)
        self.index = SegmentIndex(graph)
        self.snapLimitMetres = snapLimitMetres
        self.threads = threads
    }

    /// Where `point` joins the network, or why it cannot.
    public func snap(_ point: Coordinate) throws(RoadError) -> RoadSnap {
        if let s = index.snap(point, in: graph, limitMetres: Double(snapLimitMetres)) { return s }
        let nearest = index.nearestMetres(point, in: graph, searchMetres: Double(max(snapLimitMetres * 20, 10_000)))
        throw .offRoad(point, nearestMetres: nearest, limitMetres: snapLimitMetres)
    }

    /// - Throws: `RoadError.offRoad` for the first point beyond the snap limit.
    /// - Complexity: one upward search per origin and per destination, plus the buckets read.
    public func matrix(from origins: [Coordinate], to destinations: [Coordinate]) throws -> TravelMatrix {
        let from = try origins.map { p throws(RoadError) in try snap(p) }
        let to = try destinations.map { p throws(RoadError) in try snap(p) }
        return matrix(from: from, to: to)
    }

    /// The matrix between joins already found, from the contraction hierarchy.
    public func matrix(from: [RoadSnap], to: [RoadSnap]) -> TravelMatrix {
        hierarchy.matrix(on: graph, turns: turns, from: from, to: to, threads: threads)
    }

    /// The same matrix by one Dijkstra search per origin, stopped once every destination is
    /// reached: the reference for the hierarchy. Threads write their own rows straight into
    /// the two result arrays.
    /// - Complexity: O(V log V) per origin.
    public func searchMatrix(from: [RoadSnap], to: [RoadSnap]) -> TravelMatrix {
        let columns = to.count
        var seconds = [Int](repeating: 0, count: from.count * columns)
        var metres = [Int](repeating: 0, count: from.count * columns)
        let workers = max(1, min(threads, from.count))
        let graph = self.graph, turns = self.turns
        seconds.withUnsafeMutableBufferPointer { sp in
            metres.withUnsafeMutableBufferPointer { mp in
                let out = RowsOut(seconds: sp.baseAddress, metres: mp.baseAddress)
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    var search = RoadSearch(graph, turns: turns)
                    var r = w
                    while r < from.count {
                        for (c, t) in search.trips(from: from[r], to: to).enumerated() {
                            out.seconds?[r * columns + c] = Self.whole(t.seconds)
                            out.metres?[r * columns + c] = Self.whole(t.metres)
                        }
                        r += workers
                    }
                }
            }
        }
        return TravelMatrix(rows: from.count, columns: columns, seconds: seconds, metres: metres)
    }

    /// The fastest route's path from `a`'s join to `b`'s, with its figures.
    public func route(from a: Coordinate, to b: Coordinate) throws(RoadError) -> (leg: TravelLeg, path: [Coordinate], from: RoadSnap, to: RoadSnap) {
        let s = try snap(a), t = try snap(b)
        var search = RoadSearch(graph, turns: turns)
        let trip = search.trips(from: s, to: [t])[0]
        let path = search.path(from: s, to: t, trip: trip)
        return (TravelLeg(seconds: Self.whole(trip.seconds), metres: Self.whole(trip.metres)), path, s, t)
    }

    /// A figure rounded to a whole unit. The import keeps only the part of the network in
    /// which every edge reaches every other, so no trip is infinite; should one be, it counts
    /// as `Int32.max` (68 years) rather than trap.
    static func whole(_ x: Double) -> Int { x.isFinite ? Int(x.rounded()) : Int(Int32.max) }

    public func path(from a: Coordinate, to b: Coordinate) throws -> [Coordinate] {
        try route(from: a, to: b).path
    }
}

/// Where the threads of one matrix write their rows, each thread its own rows (so no two
/// threads touch the same entry).
struct RowsOut: @unchecked Sendable {
    let seconds: UnsafeMutablePointer<Int>?
    let metres: UnsafeMutablePointer<Int>?
}
