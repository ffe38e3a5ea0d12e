import FieldPlanCore
import FieldPlanRendering
import FieldPlanZoning

extension ZoneView {
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
