import FieldPlanStore

extension FieldPlanApp {
    /// The zone map as data (`GET /api/zones/map`): `zoneMap()` with the stored zones and the
    /// agents. Two small reads more than `zoneMap()`; the cost is that of the zone figures.
    public func zoneMapView() throws -> ZoneMapView {
        let input = try zoneMap()
        return ZoneMapView(input: input, zones: try store.zones(), agents: try store.agents())
    }
}
