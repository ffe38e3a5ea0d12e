/// The standard benchmark file formats `fieldplan solve` reads.
public enum InstanceFormat: String, Sendable, CaseIterable {
    /// Solomon / Gehring–Homberger VRPTW text files.
    case solomon
    /// VRPLIB (CVRPLIB) `.vrp` files: CVRP, optionally with time windows and service times.
    case vrplib
    /// TSPLIB `.tsp` files with `TYPE: TSP`.
    case tsplib
}
