import FieldPlanCore

/// An instant the store kept as written (a device's `visited_at`, a bank's `paid_at`, in
/// whatever offset they used) shown in the agency's time zone, as every time fieldplan
/// prints. Text that is not an instant is shown as it is.
public enum AgencyTime {
    /// `2026-12-01T09:30:00+03:00`, for JSON.
    public static func full(_ text: String, _ clock: AgencyClock) -> String {
        Instant(text).map { clock.instant($0.epochSeconds).text } ?? text
    }

    /// `2026-12-01 09:30`, for tables.
    public static func short(_ text: String, _ clock: AgencyClock) -> String {
        Instant(text).map { clock.shortText($0.epochSeconds) } ?? text
    }
}
