/// A WGS84 position in decimal degrees. Valid by construction: latitude within ±90,
/// longitude within ±180, and never the 0,0 of a missing geocode.
public struct Coordinate: Hashable, Sendable {
    public let lat: Double
    public let lon: Double

    public init?(lat: Double, lon: Double) {
        guard lat.isFinite, lon.isFinite, (-90...90).contains(lat), (-180...180).contains(lon),
              !(lat == 0 && lon == 0) else { return nil }
        self.lat = lat
        self.lon = lon
    }

    /// Why a pair of numbers is not a coordinate, for error messages.
    public static func problem(lat: Double, lon: Double) -> (field: String, reason: String)? {
        func show(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v) }
        if !lat.isFinite || !(-90...90).contains(lat) { return ("lat", "must be between -90 and 90, got \(show(lat))") }
        if !lon.isFinite || !(-180...180).contains(lon) { return ("lon", "must be between -180 and 180, got \(show(lon))") }
        if lat == 0 && lon == 0 { return ("lat", "0,0 is not a location (a missing geocode?)") }
        return nil
    }

    /// Great-circle distance in metres (haversine, mean Earth radius 6,371,008.8 m).
    /// - Complexity: O(1).
    public func greatCircleMetres(to other: Coordinate) -> Double {
        let r = 6_371_008.8
        let toRad = Double.pi / 180
        let dLat = (other.lat - lat) * toRad
        let dLon = (other.lon - lon) * toRad
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat * toRad) * cos(other.lat * toRad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, a.squareRoot()))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
