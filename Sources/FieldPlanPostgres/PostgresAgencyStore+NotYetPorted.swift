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

    public func backup(to path: String, overwrite: Bool) throws -> FieldPlanStore.StoreFileSummary {
        try notYet("backup (use pg_dump)")
    }


}
