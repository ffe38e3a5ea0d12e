/// What a zone looks like after a build: where its centre is, how much work it holds and how
/// spread out it is.
public struct ZoneSummary: Sendable, Hashable, Codable {
    public struct Coordinate: Sendable, Hashable, Codable {
        public var latitude: Double
        public var longitude: Double
        public init(latitude: Double, longitude: Double) {
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    public var id: String
    /// Locked zones are reported too, unchanged by the build.
    public var locked: Bool
    /// Mean position of the zone's accounts; `nil` for an empty zone.
    public var centroid: Coordinate?
    public var accounts: Int
    /// Sum of the service times.
    public var serviceHours: Double
    /// Estimated travel to visit every account once (see `WorkloadModel`).
    public var travelHours: Double
    /// `serviceHours + travelHours`.
    public var workloadHours: Double
    /// Mean distance of the accounts to the centroid, in metres.
    public var spreadMeters: Double
    /// Convex hull of the accounts, counter-clockwise; fewer than three points for tiny zones.
    public var hull: [Coordinate]
}
