import FieldPlanCore

extension PlanningInput {
    /// This day's input once the visits of `earlier` (plans of days before this one) are taken
    /// as made: each visited account's history as `AccountHistory.afterPlannedVisit` folds it,
    /// in day order. So the minimum gap, the monthly limit and the priority of a later day of a
    /// horizon count the horizon's own visits, as `plan --date` day after day does.
    /// - Complexity: O(stops of `earlier`).
    public func carrying(_ earlier: [DayPlan]) -> PlanningInput {
        var input = self
        for plan in earlier.sorted(by: { $0.date < $1.date }) where plan.date < date {
            for route in plan.routes {
                for stop in route.stops {
                    guard let id = stop.accountID else { continue }
                    input.history[id] = (input.history[id] ?? .none).afterPlannedVisit(on: plan.date, planning: date)
                }
            }
        }
        return input
    }
}
