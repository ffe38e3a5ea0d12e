import FieldPlanCore
import GRDB

extension FieldPlanStore {
    /// The days from `from` to `to` (both included) that have a stored plan, in date order,
    /// each with its latest version: what a calendar of plans shows.
    /// - Complexity: one read; the `(date, version)` index finds the versions, and each
    ///   latest version's visits and routes are counted by their primary keys.
    public func planDays(from: CivilDate, to: CivilDate) throws -> [PlanDay] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.date, p.version, p.created_at, p.made_by,
                       (SELECT COUNT(*) FROM plan_visit v WHERE v.plan_id = p.id AND v.account_id IS NOT NULL) AS visits,
                       (SELECT COUNT(*) FROM plan_route r WHERE r.plan_id = p.id) AS agents,
                       (SELECT COUNT(*) FROM plan_lock l WHERE l.date = p.date) AS locked
                FROM plan p
                WHERE p.date BETWEEN ? AND ?
                  AND p.version = (SELECT MAX(q.version) FROM plan q WHERE q.date = p.date)
                ORDER BY p.date
                """, arguments: [from.description, to.description]).map {
                PlanDay(date: $0["date"], version: $0["version"], createdAt: $0["created_at"], madeBy: $0["made_by"],
                        visits: $0["visits"], agents: $0["agents"], locked: $0["locked"])
            }
        }
    }
}
