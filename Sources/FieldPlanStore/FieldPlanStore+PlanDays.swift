import FieldPlanCore
import GRDB

extension FieldPlanStore {
    /// The days from `from` to `to` (both included) that have a stored plan, in date order,
    /// each with its latest version: what a calendar of plans shows.
    /// - Complexity: one read; the `(date, version)` index finds the versions, and each
    ///   latest version's visits and routes are counted by their primary keys.
    public func planDays(from: CivilDate, to: CivilDate) throws -> [PlanDay] {
        var days: [PlanDay] = []
        try planDays(from: from, to: to) { days.append($0) }
        return days
    }

    /// The same days handed to `each` one at a time as a cursor reads them, in one read
    /// transaction, so a caller that streams them holds none.
    public func planDays(from: CivilDate, to: CivilDate, _ each: (PlanDay) throws -> Void) throws {
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT p.date, p.version, p.created_at, p.made_by,
                       (SELECT COUNT(*) FROM plan_visit v WHERE v.plan_id = p.id AND v.account_id IS NOT NULL) AS visits,
                       (SELECT COUNT(*) FROM plan_route r WHERE r.plan_id = p.id) AS agents,
                       (SELECT COUNT(*) FROM plan_lock l WHERE l.date = p.date) AS locked
                FROM plan p
                WHERE p.date BETWEEN ? AND ?
                  AND p.version = (SELECT MAX(q.version) FROM plan q WHERE q.date = p.date)
                ORDER BY p.date
                """, arguments: [from.description, to.description])
            while let row = try rows.next() {
                try each(PlanDay(date: row["date"], version: row["version"], createdAt: row["created_at"], madeBy: row["made_by"],
                                 visits: row["visits"], agents: row["agents"], locked: row["locked"]))
            }
        }
    }
}
