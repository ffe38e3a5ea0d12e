#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GRDBSQLite
import Synchronization

/// Tells whether anything has been committed to the store since it last looked, by any
/// connection of any process (the server's own writes, a `fieldplan users revoke` on the same
/// file): SQLite's `PRAGMA data_version` on a read-only connection of its own, which changes
/// whenever another connection commits. A cache keyed on it (the service's tokens) is as fresh
/// as a read of the store, for the cost of one look at the WAL's shared index (a few
/// microseconds, no lock a writer holds: it never waits for one).
///
/// Every request of the service asks it, from whichever thread serves the request, so the
/// connection is SQLite's own behind a mutex held for those microseconds, not a GRDB queue
/// (whose dispatch hand-offs cost more than the pragma when many requests ask at once).
public final class StoreChanges: Sendable {
    /// The connection and its prepared pragma, used only under the lock.
    private struct Connection: @unchecked Sendable {
        let handle: OpaquePointer
        let statement: OpaquePointer
    }

    private let connection: Mutex<Connection>

    /// A read-only connection to the store file at `path`.
    init(path: String) throws {
        var handle: OpaquePointer?
        let opened = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard opened == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(handle)
            throw StoreChangesError(message: "\(path): \(message)")
        }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, "PRAGMA data_version", -1, &statement, nil) == SQLITE_OK, let statement else {
            let message = String(cString: sqlite3_errmsg(handle))
            sqlite3_close(handle)
            throw StoreChangesError(message: "\(path): \(message)")
        }
        connection = Mutex(Connection(handle: handle, statement: statement))
    }

    deinit {
        connection.withLock { c in
            sqlite3_finalize(c.statement)
            sqlite3_close(c.handle)
        }
    }

    /// The store's change counter as this connection sees it now: two calls give the same
    /// value only if no other connection committed in between.
    public func version() throws -> Int {
        try connection.withLock { c in
            defer { sqlite3_reset(c.statement) }
            guard sqlite3_step(c.statement) == SQLITE_ROW else {
                throw StoreChangesError(message: String(cString: sqlite3_errmsg(c.handle)))
            }
            return Int(sqlite3_column_int64(c.statement, 0))
        }
    }
}
