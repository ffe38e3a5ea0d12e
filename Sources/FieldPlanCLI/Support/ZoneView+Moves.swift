import FieldPlanApp
import FieldPlanRendering

extension ZoneView {
    /// What a build moves: each zone's accounts gained and lost, then the totals.
    static func movesTable(_ moves: ZoneMoves) -> String {
        guard !moves.zones.isEmpty else { return "no account changes zone" }
        var table = TextTable(["zone", "gained", "lost"])
        for z in moves.zones { table.add([z.zoneID, String(z.gained), String(z.lost)]) }
        table.add(["moved", String(moves.moved), ""])
        table.add(["newly zoned", String(moves.newlyZoned), ""])
        return table.render()
    }
}
