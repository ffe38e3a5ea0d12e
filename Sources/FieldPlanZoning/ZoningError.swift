/// Why a zoning problem was refused. Each case names the offending item.
public enum ZoningError: Error, Sendable, Hashable, CustomStringConvertible {
    case noZones
    case duplicateZone(String)
    case lockedZoneAlsoBuilt(String)
    case duplicatePoint(String)
    case invalidCoordinate(pointID: String)
    case invalidServiceTime(pointID: String)
    case invalidAnchor(zoneID: String)
    case invalidOption(String)

    public var description: String {
        switch self {
        case .noZones: "zones: at least one zone to build is needed"
        case .duplicateZone(let id): "zones: zone \(id) is listed twice"
        case .lockedZoneAlsoBuilt(let id): "zones: zone \(id) is locked and cannot be rebuilt"
        case .duplicatePoint(let id): "points: account \(id) is listed twice"
        case .invalidCoordinate(let id): "points: account \(id): lat/lon out of range"
        case .invalidServiceTime(let id): "points: account \(id): service minutes must be finite and not negative"
        case .invalidAnchor(let id): "zones: zone \(id): anchor lat/lon out of range"
        case .invalidOption(let what): "options: \(what)"
        }
    }
}
