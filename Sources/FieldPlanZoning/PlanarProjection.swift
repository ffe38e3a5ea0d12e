import Foundation

/// An equirectangular projection around a reference point, in metres.
///
/// Zoning works in a local plane because every step (centroids, squared distances, hulls,
/// areas) is then plain arithmetic. Over a city (tens of kilometres) the distortion against the
/// great circle is far below the accuracy of a workload estimate.
/// - Complexity: O(1) per point.
public struct PlanarProjection: Sendable, Hashable {
    /// The mean Earth radius used by the projection, in metres.
    public static let earthRadius = 6_371_000.0

    public let referenceLatitude: Double
    public let referenceLongitude: Double
    private let metresPerDegreeLatitude: Double
    private let metresPerDegreeLongitude: Double

    public init(referenceLatitude: Double, referenceLongitude: Double) {
        self.referenceLatitude = referenceLatitude
        self.referenceLongitude = referenceLongitude
        metresPerDegreeLatitude = Self.earthRadius * Double.pi / 180
        metresPerDegreeLongitude = metresPerDegreeLatitude * max(cos(referenceLatitude * Double.pi / 180), 1e-6)
    }

    /// Centred on the mean latitude and longitude of the given coordinates.
    /// - Complexity: O(n).
    public init(around coordinates: [(latitude: Double, longitude: Double)]) {
        var lat = 0.0, lon = 0.0
        for c in coordinates { lat += c.latitude; lon += c.longitude }
        let n = Double(max(coordinates.count, 1))
        self.init(referenceLatitude: lat / n, referenceLongitude: lon / n)
    }

    /// (x east, y north) in metres.
    public func project(latitude: Double, longitude: Double) -> (x: Double, y: Double) {
        ((longitude - referenceLongitude) * metresPerDegreeLongitude,
         (latitude - referenceLatitude) * metresPerDegreeLatitude)
    }

    public func unproject(x: Double, y: Double) -> (latitude: Double, longitude: Double) {
        (referenceLatitude + y / metresPerDegreeLatitude, referenceLongitude + x / metresPerDegreeLongitude)
    }
}
