import Foundation
import GRDB

/// A second read-only connection that sees exactly the moment a read transaction of the store
/// sees, so that one long read can be split over two cores (the monthly report scans a
/// million account records) without two figures coming from two moments.
///
/// SQLite in WAL mode gives each read transaction the store as of its start. This build of
/// SQLite has no snapshot API, so the pairing is checked instead of forced: the store's change
/// counter (`StoreChanges`) is read before the main transaction starts and again after the
/// partner's has started; if no commit came in between, both see the same moment. If one did,
/// `join` says so and the caller reads alone. No lock a writer needs is held, so a report
/// never waits for an import, and an import never waits for a report.
/// - Complexity: two connections opened (about a millisecond) and two counter reads.
final class SnapshotPartner: Sendable {
    private let partner: DatabaseQueue
    private let changes: StoreChanges
    private let before: Int

    /// Opens the partner and reads the change counter: call it before the main read
    /// transaction's first statement.
    init(path: String) throws {
        changes = try StoreChanges(path: path)
        var config = Configuration()
        config.readonly = true
        config.label = "fieldplan.partner"
        // The partner's transaction is begun by `join` and ended by `close`, across accesses.
        config.allowsUnsafeTransactions = true
        partner = try DatabaseQueue(path: path, configuration: config)
        before = try changes.version()
    }

    /// Starts the partner's read transaction; call it after the main transaction has read
    /// something. True when both transactions see the same moment (nothing was committed since
    /// `init`); false means the partner must not be used.
    func join() throws -> Bool {
        try partner.inDatabase { db in
            try db.execute(sql: "BEGIN DEFERRED TRANSACTION")
            // The first read of the file fixes the transaction's moment.
            _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master")
        }
        return try changes.version() == before
    }

    /// `body` on the partner's connection, on a thread of its own; `wait` on the answer gives
    /// its result. The partner's transaction stays open until `close`.
    func start<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) -> Answer<T> {
        let answer = Answer<T>()
        let partner = self.partner
        Thread.detachNewThread {
            answer.finish(Result { try partner.inDatabase(body) })
        }
        return answer
    }

    /// Ends the partner's transaction.
    func close() {
        try? partner.inDatabase { db in if db.isInsideTransaction { try db.execute(sql: "COMMIT") } }
    }

    /// The result of work running on the partner's thread.
    final class Answer<T: Sendable>: @unchecked Sendable {
        // Written once by the partner's thread before `done` is signalled, read after it.
        private var result: Result<T, any Error>?
        private let done = DispatchSemaphore(value: 0)

        fileprivate func finish(_ result: Result<T, any Error>) {
            self.result = result
            done.signal()
        }

        /// Blocks until the work is over; its value or its error.
        func wait() throws -> T {
            done.wait()
            return try result!.get()
        }
    }
}
