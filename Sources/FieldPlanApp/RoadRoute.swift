import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRoads

/// One route of `fieldplan roads route` (SPEC §11): time and distance measured from where
/// both ends join the road, and the path along the roads.
public struct RoadRoute: Sendable, Hashable {
    public var seconds: Int
    public var metres: Int
    public var path: [Coordinate]
    /// How far each end is from where it joins the road.
    public var fromJoinMetres: Double
    public var toJoinMetres: Double

    public init(seconds: Int, metres: Int, path: [Coordinate], fromJoinMetres: Double, toJoinMetres: Double) {
        self.seconds = seconds
        self.metres = metres
        self.path = path
        self.fromJoinMetres = fromJoinMetres
        self.toJoinMetres = toJoinMetres
    }

    /// `[[lon, lat], …]` with 6 decimals (about 10 cm).
    var pathJSON: String {
        "[" + path.map { "[\(Self.degrees($0.lon)),\(Self.degrees($0.lat))]" }.joined(separator: ",") + "]"
    }

    static func degrees(_ v: Double) -> String { JSONWriter.number((v * 1e6).rounded() / 1e6) }

    /// SPEC §11: `{"seconds", "metres", "path": [[lon, lat], …]}`.
    public var json: String {
        var w = JSONWriter()
        w.int("seconds", seconds)
        w.int("metres", metres)
        w.raw("path", pathJSON)
        return w.finish()
    }

    /// A GeoJSON Feature: the path as a LineString, the figures as properties.
    public var geoJSON: String {
        var props = JSONWriter()
        props.int("seconds", seconds)
        props.int("metres", metres)
        props.string("attribution", RoadGraph.credit)
        var geometry = JSONWriter()
        geometry.string("type", "LineString")
        geometry.raw("coordinates", pathJSON)
        var w = JSONWriter()
        w.string("type", "Feature")
        w.raw("properties", props.finish())
        w.raw("geometry", geometry.finish())
        return w.finish()
    }
}
