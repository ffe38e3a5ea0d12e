/// A validated zoning problem: the accounts, the zones to build, the zones to leave alone and
/// the options.
///
/// Valid by construction: `init` checks every coordinate, service time, id and option once and
/// names the offending item, so the builder never meets bad input.
public struct ZoningProblem: Sendable, Hashable {
    public let points: [ZonePoint]
    /// The zones to (re)build. Their order is the order of `ZoningResult.zones`.
    public let zones: [ZoneSpec]
    /// Zones that this build leaves exactly as they are: their accounts keep their zone and
    /// are not balanced; no other account joins them.
    public let lockedZones: [String]
    public let options: ZoningOptions

    /// - Complexity: O(n + z) with hashing.
    public init(points: [ZonePoint], zones: [ZoneSpec], lockedZones: [String] = [],
                options: ZoningOptions = ZoningOptions()) throws(ZoningError) {
        guard !zones.isEmpty else { throw .noZones }
        var zoneIDs = Set<String>()
        for zone in zones {
            guard zoneIDs.insert(zone.id).inserted else { throw .duplicateZone(zone.id) }
            if let a = zone.anchor, !Self.isValid(latitude: a.latitude, longitude: a.longitude) {
                throw .invalidAnchor(zoneID: zone.id)
            }
        }
        for id in lockedZones where zoneIDs.contains(id) { throw .lockedZoneAlsoBuilt(id) }
        var pointIDs = Set<String>()
        for p in points {
            guard pointIDs.insert(p.id).inserted else { throw .duplicatePoint(p.id) }
            guard Self.isValid(latitude: p.latitude, longitude: p.longitude) else {
                throw .invalidCoordinate(pointID: p.id)
            }
            guard p.serviceMinutes.isFinite, p.serviceMinutes >= 0 else { throw .invalidServiceTime(pointID: p.id) }
        }
        guard options.tolerance > 0, options.tolerance < 1 else {
            throw .invalidOption("tolerance must be in (0, 1), got \(options.tolerance)")
        }
        guard options.roadFactor.isFinite, options.roadFactor >= 1 else {
            throw .invalidOption("road factor must be at least 1, got \(options.roadFactor)")
        }
        guard options.speedKmh.isFinite, options.speedKmh > 0 else {
            throw .invalidOption("speed must be positive, got \(options.speedKmh)")
        }
        guard options.maxRounds >= 1 else { throw .invalidOption("max rounds must be at least 1") }
        self.points = points
        self.zones = zones
        self.lockedZones = lockedZones
        self.options = options
    }

    static func isValid(latitude: Double, longitude: Double) -> Bool {
        latitude.isFinite && longitude.isFinite && abs(latitude) <= 90 && abs(longitude) <= 180
            && !(latitude == 0 && longitude == 0)
    }
}
