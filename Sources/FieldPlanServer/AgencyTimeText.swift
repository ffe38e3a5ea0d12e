import FieldPlanCore

/// An instant the store kept as written shown in the agency's time zone, as the commands'
/// JSON shows it; text that is not an instant stays as it is.
enum AgencyTimeText {
    static func full(_ text: String, _ clock: AgencyClock) -> String {
        Instant(text).map { clock.instant($0.epochSeconds).text } ?? text
    }
}
