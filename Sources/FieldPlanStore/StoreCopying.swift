/// Copies a whole store from one engine to the other (`fieldplan migrate --to`, SPEC §13):
/// every table, row for row and column for column, into an empty store, in one transaction on
/// the target. Declared here so the application layer can run the use case without knowing
/// the engines; `StoreCopier` (FieldPlanPostgres), which knows both, implements it.
public protocol StoreCopying: Sendable {
    /// Copies the store at `source` (opened read-only; its schema must be current) into the
    /// empty store at `target`, made if there is none. `progress` hears each table as it is
    /// copied. Returns the rows copied per table, in copy order.
    /// Throws `StoreCopyError` for a refusal, before the target's tables get any row.
    func copyStore(from source: String, to target: String,
                   progress: (_ table: String, _ rows: Int) -> Void) throws -> [(table: String, rows: Int)]
}
