import FieldPlanCore
import FieldPlanRendering
import FieldPlanStore
import FieldPlanZoning

extension ZoneView {
    /// The nearest-base assignment of `zones` (summaries in the same order) to `agents`.
    static func nearest(agents: [Agent], zones: [StoredZone], summaries: [ZoneSummary]) -> [AgentZoneAssignment.Pair] {
        AgentZoneAssignment.nearest(
            agents: agents.map { AgentZoneAssignment.Site(id: $0.id, latitude: $0.base.lat, longitude: $0.base.lon) },
            zones: zip(zones, summaries).map { z, s in
                (z.id, s.centroid.map { AgentZoneAssignment.Site(id: z.id, latitude: $0.latitude, longitude: $0.longitude) })
            })
    }

    /// Each agent's zone and the straight-line distance from the base to the zone's centre.
    static func assignmentTable(_ pairs: [AgentZoneAssignment.Pair], agents: [Agent]) -> String {
        let names = Dictionary(agents.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var table = TextTable(["agent", "zone", "km to centre"])
        for p in pairs {
            table.add([names[p.agentID].map { "\(p.agentID) \($0)" } ?? p.agentID, p.zoneID,
                       p.metres.map { String(format1: $0 / 1000) } ?? "(no accounts)"])
        }
        let total = pairs.compactMap(\.metres).reduce(0, +)
        table.add(["total", "", String(format1: total / 1000)])
        return table.render()
    }
}
