import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanZoning
import Foundation

/// The zones and their figures (`FieldPlanApp.zoneFigures`) for the terminal and for
/// spreadsheets: `zones list`, `zones build`.
struct ZoneView {
    let figures: ZoneFigures

    init(_ figures: ZoneFigures) { self.figures = figures }

    func table() -> String {
        let names = figures.agentNames
        var table = TextTable(["id", "name", "agent", "accounts", "workload h", "spread m", "locked"])
        for (z, s) in zip(figures.zones, figures.summaries) {
            let agent = z.agentID.map { id in names[id].map { "\(id) \($0)" } ?? id } ?? ""
            table.add([z.id, z.name ?? "", agent, String(s.accounts), Self.hours(s.workloadHours),
                       String(Int(s.spreadMeters.rounded())), z.locked ? "locked" : ""])
        }
        return table.render()
    }

    /// `id,name,agent_id,accounts,workload_hours,spread_m,locked` with a header line.
    func csvLines() -> [String] {
        ["id,name,agent_id,accounts,workload_hours,spread_m,locked"] + zip(figures.zones, figures.summaries).map { z, s in
            [z.id, z.name ?? "", z.agentID ?? "", String(s.accounts), Self.hours(s.workloadHours),
             String(Int(s.spreadMeters.rounded())), z.locked ? "yes" : ""].map(CSV.cell).joined(separator: ",")
        }
    }

    static func hours(_ h: Double) -> String { String(format: "%.1f", h) }
}
