import FieldPlanCore
import FieldPlanStore

extension FieldPlanApp {
    /// `review`: flagged outcomes and sync conflicts (open ones, or all), with the clock
    /// their moments are shown in.
    public func reviewItems(includeResolved: Bool = false) throws -> AgencyListing<FieldPlanStore.ReviewItem> {
        AgencyListing(items: try store.reviewItems(includeResolved: includeResolved), clock: try store.clock())
    }

    /// `review resolve ID`: closes one open item; returns it as it now is, resolved.
    /// - Throws: `AppError.notFound` when there is no open item with that id.
    @discardableResult
    public func resolveReview(_ id: String, note: String?) throws -> FieldPlanStore.ReviewItem {
        guard try store.resolveReview(id, note: note) else {
            throw AppError.notFound("no open review item \"\(id)\"; fieldplan review lists them")
        }
        guard let item = try store.reviewItem(id) else { throw AppError.failed("review item \"\(id)\" is resolved but can no longer be read") }
        return item
    }

    /// `audit`: each change of an account, oldest first, handed to `body` with the clock to
    /// show it in; streamed, so a long trail is never held whole.
    public func audit(account: String? = nil, _ body: (FieldPlanStore.AuditEntry, AgencyClock) throws -> Void) throws {
        let clock = try store.clock()
        try store.audit(account: account) { try body($0, clock) }
    }

    /// `GET /api/audit`: the trail as NDJSON lines (`AuditEntry.json`), each written as the
    /// store's cursor reads it; the clock is read when the stream is made.
    public func auditLines(account: String? = nil) throws -> LineStream {
        let clock = try store.clock()
        return LineStream { [store] line in
            try store.audit(account: account) { try line($0.json(clock)) }
        }
    }

    /// `clearances`: accounts paid to zero (`pending` or `confirmed` only, or all).
    /// - Throws: `AppError.invalid` for another state.
    public func clearances(state: String? = nil) throws -> AgencyListing<FieldPlanStore.Clearance> {
        if let state, state != "pending" && state != "confirmed" { throw AppError.invalid("state: expected pending or confirmed") }
        return AgencyListing(items: try store.clearances(state: state), clock: try store.clock())
    }

    /// `clearances confirm`: the client has closed the account; returns the clearance as it
    /// now is, confirmed.
    /// - Throws: `AppError.notFound` when the account has no pending clearance.
    @discardableResult
    public func confirmClearance(account: String, by: String?) throws -> FieldPlanStore.Clearance {
        guard try store.confirmClearance(account: account, by: by) else {
            throw AppError.notFound("no pending clearance for account \"\(account)\"; fieldplan clearances lists them")
        }
        guard let cleared = try store.clearances(state: "confirmed").first(where: { $0.accountID == account }) else {
            throw AppError.failed("the clearance of account \"\(account)\" is confirmed but can no longer be read")
        }
        return cleared
    }
}
