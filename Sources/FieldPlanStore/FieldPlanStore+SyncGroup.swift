import FieldPlanInterchange
import GRDB

extension FieldPlanStore {
    /// Several devices' syncs in one transaction, each in its own savepoint: what the service
    /// does with the syncs that queue for the store at the same moment (issue 13). Each member
    /// is merged exactly as `syncRecords` would merge it alone, in the order given, so its
    /// summary and rejects are the same; a member that fails (an unreadable file, say) is
    /// rolled back to its savepoint and answered with its error while the others are kept.
    /// One commit for the group is what makes it pay: the commit's WAL frames, the turn's
    /// hand-over and the thread hops are shared.
    ///
    /// `onReject` is called after the commit, with the member's index, so a retry (the
    /// store was busy) never reports a line twice. Like `syncRecords`, waits its turn while
    /// another process holds the store, up to `maxWaits` times.
    public func syncGroup(_ members: [SyncGroupMember], maxWaits: Int = 20,
                          onReject: (Int, Rejection) -> Void = { _, _ in }) throws -> [Result<ImportSummary, any Error>] {
        var attempt = 0
        while true {
            var results: [Result<ImportSummary, any Error>] = []
            var rejections: [[Rejection]] = []
            do {
                try writer.write { db in
                    // A group's pages stay in the writer's cache: 16 MiB (as a sync file gets),
                    // kept for the next group rather than dropped at the end.
                    try db.execute(sql: "PRAGMA cache_size = -16384")
                    results = []
                    rejections = []
                    for member in members {
                        var rejected: [Rejection] = []
                        var summary = ImportSummary()
                        do {
                            try db.inSavepoint {
                                summary = try importWork(db, member.inputs, sync: true, clock: member.now ?? Self.now(),
                                                         onReject: { rejected.append($0) })
                                return .commit
                            }
                            results.append(.success(summary))
                            rejections.append(rejected)
                        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                            throw error
                        } catch let failure as InputParser.Failure {
                            results.append(.failure(ImportError(message: failure.message)))
                            rejections.append([])
                        } catch {
                            results.append(.failure(error))
                            rejections.append([])
                        }
                    }
                }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < maxWaits {
                attempt += 1
                continue
            }
            for (index, lines) in rejections.enumerated() {
                for line in lines { onReject(index, line) }
            }
            return results
        }
    }
}
