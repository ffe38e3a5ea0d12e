/// The outcome of a zoning build.
public struct ZoningResult: Sendable, Hashable {
    /// The zone id of every input point, parallel to `ZoningProblem.points`.
    public var zoneOfPoint: [String]
    /// The built zones in the order of `ZoningProblem.zones`, then the locked zones.
    public var zones: [ZoneSummary]
    /// Points that had a zone before (`currentZone != nil`) and now have another one.
    public var moved: Int
    /// Points that had a zone before.
    public var previouslyZoned: Int
    /// Largest and smallest balanced load (workload hours or account counts, as balanced)
    /// of a built zone over the mean of the built zones.
    public var maxLoadRatio: Double
    public var minLoadRatio: Double
    /// Balanced k-means rounds used (0 for a stable rebuild that only placed new accounts).
    public var rounds: Int
}
