import FieldPlanCore
import Foundation
import GRDB

/// The shared account store: one SQLite file in WAL mode. Each public method is one
/// transaction, so a failed command or a killed process leaves the store as it was before
/// the command or as after it, never in between (SPEC §2).
public struct FieldPlanStore: Sendable {
    public let writer: any DatabaseWriter

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    public init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        writer = try DatabasePool(path: path, configuration: config)
        try Schema.migrator.migrate(writer)
    }

    /// A private in-memory store, for tests.
    public init() throws {
        writer = try DatabaseQueue()
        try Schema.migrator.migrate(writer)
    }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// Seconds since 1970 now; the store's clock for `updated_at`.
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
