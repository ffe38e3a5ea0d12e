import FieldPlanCore
import FieldPlanStore

extension FieldPlanApp {
    /// `promises`: the promises that fall due. With no day, range or state, those due today
    /// (the agency's date); with a state and no dates, those of every date.
    /// - Returns: the list and the filter it answers (for the empty-list line).
    /// - Throws: `AppError.invalid` for a day and a range at once, or an unknown state.
    public func promises(_ query: PromiseQuery, now: Int64? = nil) throws -> (list: PromiseList, filter: PromiseList.Filter) {
        if query.due != nil && (query.from != nil || query.to != nil) { throw AppError.invalid("give either a due day or a range, not both") }
        if let state = query.state, !PromiseState.all.contains(state) {
            throw AppError.invalid("state: unknown state \"\(state)\" (accepted: \(PromiseState.all.joined(separator: ", ")))")
        }
        var filter = PromiseList.Filter(from: query.from, to: query.to, state: query.state, agentID: query.agentID)
        if let due = query.due {
            filter.from = due
            filter.to = due
        } else if query.from == nil && query.to == nil && query.state == nil {
            let today = try store.agencyToday(now: now)
            filter.from = today
            filter.to = today
        }
        return (try store.promises(filter, now: now), filter)
    }

    /// `callbacks`: the appointments and call-backs booked for `date` (nil: the agency's today).
    public func callbacks(date: CivilDate?, now: Int64? = nil) throws -> (date: CivilDate, list: CallbackList) {
        let day = try date ?? store.agencyToday(now: now)
        return (day, try store.callbacks(date: day))
    }

    /// `accounts show` / `GET /api/accounts/{id}`: the account with its history and audit
    /// (never the national id when rendered).
    /// - Throws: `AppError.notFound` for an unknown account.
    public func accountDetail(id: String) throws -> AccountDetail {
        guard let detail = try store.accountDetail(id: id) else { throw AppError.notFound("no account \"\(id)\" in the store") }
        return detail
    }
}
