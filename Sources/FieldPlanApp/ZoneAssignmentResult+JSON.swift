import FieldPlanInterchange
import FieldPlanStore
import FieldPlanZoning

extension ZoneAssignmentResult {
    /// `POST /api/zones/assign-nearest`: `{assignment: [{agent_id, zone_id, km}], unassigned:
    /// [zone ids], zones: [each zone line as GET /api/zones gives it]}`; `km` is the
    /// straight line from the agent's base to the zone's centre (absent for an empty zone).
    public func json(zones: [StoredZone]) -> String {
        var w = JSONWriter()
        w.raw("assignment", Self.json(pairs))
        w.array("unassigned", strings: unassigned)
        w.raw("zones", "[" + zones.map(\.json).joined(separator: ",") + "]")
        return w.finish()
    }

    /// `[{agent_id, zone_id, km}]`, as `zones build` and `zones assign --nearest` give it.
    static func json(_ pairs: [AgentZoneAssignment.Pair]) -> String {
        "[" + pairs.map { p in
            var a = JSONWriter()
            a.string("agent_id", p.agentID)
            a.string("zone_id", p.zoneID)
            a.double("km", p.metres.map { ZoneFigures.round($0 / 1000, 1) })
            return a.finish()
        }.joined(separator: ",") + "]"
    }
}
