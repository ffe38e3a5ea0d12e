import FieldPlanCore
import Foundation
import GRDB

/// The shared account store: one SQLite file in WAL mode. Each public method is one
/// transaction, so a failed command or a killed process leaves the store as it was before
/// the command or as after it, never in between (SPEC §2).
public struct FieldPlanStore: Sendable {
    public let writer: any DatabaseWriter
    /// The settings kept between commits (nil for a store in memory).
    let settingsCache: SettingsCache?

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    /// Only commands that write data in should create a store: the others use
    /// `init(existingAt:)`, so that a typo'd path is an error rather than a new empty store.
    public init(path: String) throws {
        try self.init(path: path, mustExist: false)
    }

    /// Opens the store at `path`, which must already be a fieldplan store; a missing file is
    /// `StoreFileError.noStore` and no file is created. The check costs one `stat` and a
    /// 16-byte read before SQLite opens the file.
    public init(existingAt path: String) throws {
        try self.init(path: path, mustExist: true)
    }

    private init(path: String, mustExist: Bool) throws {
        if mustExist {
            try StoreFileError.checkExisting(path)
        }
        var config = Configuration()
        config.busyMode = .timeout(30)
        // The service reads on up to 16 threads at once (its store pool): a reader each, so
        // that no read waits for another's connection (GRDB's default is 5).
        config.maximumReaderCount = 16
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool = try DatabasePool(path: path, configuration: config)
        writer = pool
        try Self.checkMigrations(writer, path: path)
        try Schema.migrator.migrate(writer)
        settingsCache = SettingsCache(changes: try StoreChanges(path: pool.path))
    }

    /// A private in-memory store, for tests.
    public init() throws {
        writer = try DatabaseQueue()
        settingsCache = nil
        try Schema.migrator.migrate(writer)
    }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// Refuses a database that another program made (tables but no fieldplan migrations) or
    /// that a newer fieldplan wrote (a migration this build does not know), before
    /// migrating would change it.
    static func checkMigrations(_ reader: any DatabaseReader, path: String) throws {
        try reader.read { db in
            let applied = try Schema.migrator.appliedIdentifiers(db)
            if applied.isEmpty, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'") ?? 0 > 0 {
                throw StoreFileError.notAStore(path, reason: "an SQLite database of another program (no fieldplan migrations)")
            }
            let known = Set(Schema.migrator.migrations)
            if let unknown = applied.subtracting(known).sorted().first {
                throw StoreFileError.notAStore(path, reason: "written by a newer fieldplan (unknown migration \(unknown))")
            }
        }
    }

    /// Seconds since 1970 now; the store's clock for `updated_at`.
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
