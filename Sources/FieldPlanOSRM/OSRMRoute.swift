/// One `/route` answer: the fastest route's time, length and shape, and how far each end is
/// from where it joined the road.
public struct OSRMRoute: Sendable, Hashable {
    public var seconds: Double
    public var metres: Double
    /// `[lon, lat]` pairs from the origin's join to the destination's.
    public var path: [(lon: Double, lat: Double)]
    public var fromSnapMetres: Double
    public var toSnapMetres: Double

    public static func == (a: OSRMRoute, b: OSRMRoute) -> Bool {
        a.seconds == b.seconds && a.metres == b.metres && a.fromSnapMetres == b.fromSnapMetres && a.toSnapMetres == b.toSnapMetres
            && a.path.count == b.path.count && zip(a.path, b.path).allSatisfy { $0.lon == $1.lon && $0.lat == $1.lat }
    }

    public func hash(into h: inout Hasher) {
        h.combine(seconds); h.combine(metres); h.combine(path.count)
    }
}
