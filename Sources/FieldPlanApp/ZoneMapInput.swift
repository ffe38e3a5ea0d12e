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
}
