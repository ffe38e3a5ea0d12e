import FieldPlanCore

/// Rechecks the plans of consecutive days made together (`plan --from D --days N`): each day
/// with `DayPlanChecker` as `plan --date` day after day would have planned it, its input
/// carrying the earlier days' visits as made (`PlanningInput.carrying`: so the minimum gap,
/// the monthly limit and each stop's points count them, booked visits included), and across
/// the days the minimum gap between two visits of an account named as such.
public struct MultiDayPlanChecker: Sendable {
    public let inputs: [PlanningInput]

    public init(inputs: [PlanningInput]) { self.inputs = inputs }

    /// The violations found, each prefixed with its day; empty when every rule holds.
    /// - Complexity: O(stops + candidates) per day.
    public func violations(of plans: [DayPlan]) -> [String] {
        guard plans.count == inputs.count else { return ["\(plans.count) plans for \(inputs.count) days"] }
        var v: [String] = []
        for (k, (input, plan)) in zip(inputs, plans).enumerated() {
            if plan.date != input.date { v.append("\(plan.date): plan for the wrong day (expected \(input.date))") }
            v += DayPlanChecker(input: input.carrying(Array(plans[..<k]))).violations(of: plan).map { "\(input.date): \($0)" }
        }
        guard let first = inputs.first else { return v }
        let gap = first.settings.minGapDays
        // Each account's visits over the horizon: the day and whether it was booked.
        var visits: [String: [(date: CivilDate, booked: Bool)]] = [:]
        for plan in plans {
            for r in plan.routes {
                for s in r.stops {
                    guard let id = s.accountID else { continue }
                    visits[id, default: []].append((plan.date, s.reason == .appointment || s.reason == .callback))
                }
            }
        }
        for (id, days) in visits.sorted(by: { $0.key < $1.key }) where days.count > 1 {
            for (a, b) in zip(days, days.dropFirst()) where !b.booked && b.date.dayNumber - a.date.dayNumber < gap {
                v.append("\(id): visited on \(a.date) and again on \(b.date), less than min_gap_days \(gap) apart")
            }
        }
        return v
    }

    /// Max and mean visits per agent-day over the days an agent works (the evenness figure).
    public static func evenness(_ plans: [DayPlan]) -> (max: Int, mean: Double) {
        let counts = plans.flatMap { $0.routes.map(\.visitCount) }
        guard !counts.isEmpty else { return (0, 0) }
        return (counts.max()!, Double(counts.reduce(0, +)) / Double(counts.count))
    }
}
