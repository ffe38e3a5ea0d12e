/// The JSON `fieldplan solve` prints (SPEC §9): exactly these keys.
public struct BenchmarkSolution: Sendable, Encodable {
    public var instance: String
    public var format: String
    public var vehicles: Int
    /// Recomputed from the routes in the format's convention (Solomon: double precision).
    public var distance: Double
    public var seconds: Double
    /// Customer ids of the file per route, depot left out. For TSPLIB, the whole tour in
    /// visiting order starting with node 1 (a TSP has no depot).
    public var routes: [[Int]]
    public init(instance: String, format: String, vehicles: Int, distance: Double, seconds: Double, routes: [[Int]]) {
        self.instance = instance; self.format = format; self.vehicles = vehicles
        self.distance = distance; self.seconds = seconds; self.routes = routes
    }
}
