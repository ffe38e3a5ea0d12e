/// One zone that a build must fill.
///
/// The caller names the zones (the store keeps their ids, names and agents). An `anchor`
/// (an agent's base) is where the zone should be centred: zones start there and, on a fresh
/// build, zones are matched to anchors at least total distance, so that each agent gets the
/// zone nearest to their base.
public struct ZoneSpec: Sendable, Hashable, Codable {
    public var id: String
    public var anchor: Anchor?

    public struct Anchor: Sendable, Hashable, Codable {
        public var latitude: Double
        public var longitude: Double
        public init(latitude: Double, longitude: Double) {
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    public init(id: String, anchor: Anchor? = nil) {
        self.id = id
        self.anchor = anchor
    }
}
