import FieldPlanInterchange
import FieldPlanStore

extension PostgresAgencyStore {
    /// `fieldplan sync import` and `POST /api/sync` on PostgreSQL: the import with `sync`
    /// (outcomes and payments only). SQLite waits here when another writer holds its file;
    /// on PostgreSQL two syncs take turns on the import's advisory lock inside the server, and
    /// a serialization failure runs the transaction again (`write`), so `onWait` is never
    /// called and `maxWaits` is not needed.
    public func syncRecords(_ inputs: [ImportInput], now: Int64?, maxWaits: Int, onWait: (Int) -> Void,
                            onReject: (FieldPlanStore.Rejection) -> Void, onProgress: (Int) -> Void) throws -> ImportSummary {
        // A device's few lines take the group path (no temporary tables, per-account locks).
        if PostgresSmallSync.isSmall(inputs) {
            return try syncGroup([SyncGroupMember(inputs: inputs, now: now)], maxWaits: maxWaits, onReject: { _, r in onReject(r) })[0].get()
        }
        return try importRecords(inputs, dryRun: false, sync: true, ignoreUnknownColumns: false, now: now, onReject: onReject,
                          onWarning: { _ in }, onProgress: onProgress)
    }
}
