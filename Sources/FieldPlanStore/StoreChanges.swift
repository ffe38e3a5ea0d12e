import GRDB

/// Tells whether anything has been committed to the store since it last looked, by any
/// connection of any process (the server's own writes, a `fieldplan users revoke` on the same
/// file): SQLite's `PRAGMA data_version` on a read-only connection of its own, which changes
/// whenever another connection commits. A cache keyed on it (the service's tokens) is as fresh
/// as a read of the store, for the cost of one look at the WAL's shared index (a few
/// microseconds, no lock a writer holds: it never waits for one).
public final class StoreChanges: Sendable {
    private let connection: DatabaseQueue

    /// A read-only connection to the store file at `path`.
    init(path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .immediateError
        connection = try DatabaseQueue(path: path, configuration: config)
    }

    /// The store's change counter as this connection sees it now: two calls give the same
    /// value only if no other connection committed in between.
    public func version() throws -> Int {
        try connection.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}
