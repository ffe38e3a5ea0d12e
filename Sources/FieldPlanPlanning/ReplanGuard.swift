import FieldPlanCore

/// Whether `plan --date D` may replace the day's plan without `--force`: not when outcomes
/// for D are already in (the day has started) or D is before the agency's today.
public enum ReplanGuard {
    /// The reason to refuse, or nil.
    public static func refusal(date: CivilDate, today: CivilDate, outcomesOnDate: Int) -> String? {
        if outcomesOnDate > 0 {
            return "\(date) has started: \(outcomesOnDate) visit\(outcomesOnDate == 1 ? " has" : "s have") an outcome already; "
                + "--force keeps those stops as they were and plans the rest after them"
        }
        if date < today { return "\(date) is in the past (today is \(today) in the agency's time zone); --force plans it anyway" }
        return nil
    }
}
