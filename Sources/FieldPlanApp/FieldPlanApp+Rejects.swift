import FieldPlanCore
import FieldPlanStore

extension FieldPlanApp {
    /// `rejects`: the rejected lines kept for correction, oldest first (open ones, or all),
    /// with the clock their moments are shown in.
    public func rejections(includeResolved: Bool = false, limit: Int = 1000) throws -> AgencyListing<FieldPlanStore.StoredRejection> {
        AgencyListing(items: try store.rejections(includeResolved: includeResolved, limit: limit), clock: try store.clock())
    }

    /// `rejects clear --before X`: deletes the rejected lines recorded before `X`, an ISO 8601
    /// instant with offset or a date (its start in the agency's time zone).
    /// - Returns: how many were deleted and the cutoff as an instant in the agency's time zone.
    /// - Throws: `AppError.invalid` when `before` is neither.
    public func clearRejections(before: String) throws -> (count: Int, before: String) {
        let clock = try store.clock()
        let instant: Instant
        if let i = Instant(before) {
            instant = i
        } else if let date = CivilDate(before) {
            let utcMidnight = Int64(date.dayNumber) * 86_400
            instant = Instant(date: date, secondsOfDay: 0, offsetSeconds: clock.offsetSeconds(at: utcMidnight))
        } else {
            throw AppError.invalid("before: expected an instant like 2026-11-01T00:00:00+03:00 or a date YYYY-MM-DD, got \"\(before)\"")
        }
        let count = try store.clearRejections(before: instant.epochSeconds)
        return (count, clock.instant(instant.epochSeconds).text)
    }
}
