import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import FieldPlanReports
import FieldPlanStore

/// The use cases not yet ported to PostgreSQL (docs/postgres.md keeps the list): each throws
/// `StoreEngineError.notYetPorted` before touching the database, never a silent no-op. Each
/// is here as its own method (not left to the protocol extension's defaulted forms, which
/// call the requirement and would call themselves).
extension PostgresAgencyStore: AgencyStore {
    private func notYet<T>(_ operation: String) throws -> T {
        throw StoreEngineError.notYetPorted(operation: operation, engine: "PostgreSQL")
    }

    public func syncRecords(_ inputs: [ImportInput], now: Int64?, maxWaits: Int, onWait: (Int) -> Void,
                            onReject: (FieldPlanStore.Rejection) -> Void, onProgress: (Int) -> Void) throws -> ImportSummary {
        try notYet("sync import")
    }
    public func backup(to path: String, overwrite: Bool) throws -> FieldPlanStore.StoreFileSummary {
        try notYet("backup (use pg_dump)")
    }

    public func promises(_ filter: PromiseList.Filter, now: Int64?) throws -> PromiseList { try notYet("promises") }
    public func callbacks(date: CivilDate) throws -> CallbackList { try notYet("callbacks") }

    public func reviewItems(includeResolved: Bool) throws -> [FieldPlanStore.ReviewItem] { try notYet("review") }
    public func reviewItem(_ id: String) throws -> FieldPlanStore.ReviewItem? { try notYet("review") }
    public func resolveReview(_ id: String, note: String?, now: Int64?) throws -> Bool { try notYet("review resolve") }
    public func audit(account: String?, _ body: (FieldPlanStore.AuditEntry) throws -> Void) throws { try notYet("audit") as Void }
    public func clearances(state: String?) throws -> [FieldPlanStore.Clearance] { try notYet("clearances") }
    public func confirmClearance(account: String, by: String?, now: Int64?) throws -> Bool { try notYet("clearances confirm") }

    public func reportFacts(from: CivilDate, to: CivilDate, accountDetails: Bool, detailsFrom: CivilDate?,
                            portfolio: Bool, attributionDays: Int) throws -> ReportFacts { try notYet("report") }
}
