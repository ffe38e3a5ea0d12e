/// One account to place in a zone: where it is, how long a visit takes, and which zone it is
/// in now (if any).
///
/// `id` is the caller's stable identifier; it only serves validation (duplicates) and error
/// messages, the result is parallel to the input array.
public struct ZonePoint: Sendable, Hashable, Codable {
    public var id: String
    /// WGS84 degrees.
    public var latitude: Double
    public var longitude: Double
    /// Service time of one visit, in minutes.
    public var serviceMinutes: Double
    /// The zone the account is in before this build; `nil` for a new or unzoned account.
    public var currentZone: String?

    public init(id: String, latitude: Double, longitude: Double, serviceMinutes: Double = 20,
                currentZone: String? = nil) {
        self.id = id
        self.latitude = latitude
        self.longitude = longitude
        self.serviceMinutes = serviceMinutes
        self.currentZone = currentZone
    }
}
