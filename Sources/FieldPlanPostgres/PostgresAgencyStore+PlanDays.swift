import FieldPlanCore
import FieldPlanStore
import PostgresNIO

extension PostgresAgencyStore {
    /// The days from `from` to `to` (both included) that have a stored plan, in date order,
    /// each with its latest version (`FieldPlanStore.planDays`).
    public func planDays(from: CivilDate, to: CivilDate) throws -> [PlanDay] {
        try read { connection in
            var days: [PlanDay] = []
            for try await (date, version, createdAt, madeBy, visits, agents, locked) in try await connection.query("""
                SELECT p.date, p.version, p.created_at, p.made_by,
                       (SELECT count(*) FROM plan_visit v WHERE v.plan_id = p.id AND v.account_id IS NOT NULL),
                       (SELECT count(*) FROM plan_route r WHERE r.plan_id = p.id),
                       (SELECT count(*) FROM plan_lock l WHERE l.date = p.date)
                FROM plan p
                WHERE p.date BETWEEN \(from.description) AND \(to.description)
                  AND p.version = (SELECT max(q.version) FROM plan q WHERE q.date = p.date)
                ORDER BY p.date
                """, logger: self.logger).decode((String, Int64, Int64, String?, Int64, Int64, Int64).self) {
                days.append(PlanDay(date: date, version: Int(version), createdAt: createdAt, madeBy: madeBy,
                                    visits: Int(visits), agents: Int(agents), locked: Int(locked)))
            }
            return days
        }
    }

    /// The same days handed to `each`. A calendar holds one row per day (a year is 366 small
    /// rows), so they are read in one statement and then handed on, rather than held open
    /// on the server while the caller writes them out.
    public func planDays(from: CivilDate, to: CivilDate, _ each: (PlanDay) throws -> Void) throws {
        for day in try planDays(from: from, to: to) { try each(day) }
    }
}
