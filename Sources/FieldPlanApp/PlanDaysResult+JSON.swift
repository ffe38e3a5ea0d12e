import FieldPlanInterchange

extension PlanDaysResult {
    /// `plan --from D --days N --format json`: `{from, days, visits, priority, travel_minutes,
    /// max_visits_per_agent_day, mean_visits_per_agent_day, plans: [the daily plan JSON of each
    /// day planned]}`.
    public var json: String {
        let even = evenness
        var w = JSONWriter()
        w.string("from", plans.first?.date.description)
        w.int("days", plans.count)
        w.int("visits", visitCount)
        w.int("priority", totalPriority)
        w.raw("travel_minutes", JSONWriter.number((Double(travelSeconds) / 6).rounded() / 10))
        w.int("max_visits_per_agent_day", even.max)
        w.raw("mean_visits_per_agent_day", JSONWriter.number((even.mean * 100).rounded() / 100))
        w.raw("plans", "[" + zip(plans, changes).map { PlanDayResult(plan: $0, changes: $1, kept: []).json }.joined(separator: ",") + "]")
        return w.finish()
    }
}
