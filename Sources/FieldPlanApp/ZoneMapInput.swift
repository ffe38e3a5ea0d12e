import FieldPlanRendering
import FieldPlanZoning

/// What `ZoneMapRenderer` draws the zone map from: accounts coloured by zone, the zones'
/// figures and labels (`Z01 · Name · Agent`), the active agents' bases.
public struct ZoneMapInput: Sendable {
    public var points: [ZonePoint]
    /// Each point's zone id ("" for none).
    public var zoneOfPoint: [String]
    public var zones: [ZoneSummary]
    public var labels: [String: String]
    public var bases: [ZoneMapRenderer.Base]
    /// Zone id → the zone's outline rings (`ZoneOutlines`): the zones' shares of one
    /// partition of the accounts' area, so outlines never overlap and each covers every account
    /// of its zone. Several rings when a zone is in pieces or holds another zone's enclave
    /// (outer rings counter-clockwise, holes clockwise).
    public var outlines: [String: [[ZoneSummary.Coordinate]]]
    /// The streets of the imported road network around the accounts (its pieces' shapes),
    /// empty without a network.
    public var streets: [[ZoneSummary.Coordinate]] = []
    /// The credit the street data needs ("© OpenStreetMap contributors"), nil without streets.
    public var credit: String?

    /// The outline of a zone as `[[[lat, lon], …], …]` rings, for JSON (`outlines`); empty for
    /// a zone without accounts.
    public func outlineRings(of zoneID: String) -> [[[Double]]] {
        (outlines[zoneID] ?? []).map { ring in ring.map { [Self.round($0.latitude), Self.round($0.longitude)] } }
    }

    /// Six decimals of a degree: about 0.1 m.
    static func round(_ v: Double) -> Double { (v * 1e6).rounded() / 1e6 }
}
