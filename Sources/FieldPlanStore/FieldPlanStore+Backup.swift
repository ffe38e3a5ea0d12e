import FieldPlanCore
import Foundation
import GRDB

extension FieldPlanStore {
    /// What a backup or a restore wrote: the file, its size and what it holds.
    public struct StoreFileSummary: Sendable, Hashable {
        public var path: String
        public var bytes: Int64
        /// Rows per table, in `StoreFileSummary.tables` order.
        public var counts: [TableCount]
        /// The replaced store, kept next to it (restore only; nil when there was none).
        public var keptAs: String?
        /// The migrations this build applied to bring an older backup up to date (restore only).
        public var upgradedBy: [String] = []

        public struct TableCount: Sendable, Hashable {
            public var table: String
            public var count: Int
        }

        /// The tables a summary counts: what a supervisor recognises.
        static let tables = ["account", "agent", "zone", "appointment", "outcome", "payment", "promise", "plan", "audit", "rejected_line"]

        static func count(_ db: Database) throws -> [TableCount] {
            try tables.map { TableCount(table: $0, count: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0) }
        }
    }

    /// Why a backup or restore did nothing.
    public struct BackupError: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { message }
    }

    /// Writes a consistent copy of the whole store (settings, plans, audit and all) to
    /// `path`, while other commands may be using the store: SQLite's online backup reads
    /// one snapshot of the database, the committed pages still in the WAL included, and
    /// never waits for a writer. The copy is written next to `path` and renamed over it at
    /// the end, so a failed backup leaves no half file. The copy is one self-contained file
    /// (no `-wal`), readable by `restore` or any SQLite tool.
    /// - Complexity: one pass over the database's pages.
    public func backup(to path: String, overwrite: Bool) throws -> StoreFileSummary {
        if Self.sameFile(path, writer.path) { throw BackupError(message: "\(path) is the store itself; name another file") }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue { throw BackupError(message: "\(path) is a folder; name a file") }
            if !overwrite { throw BackupError(message: "\(path) exists; pass --force to replace it") }
        }
        let partial = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        Self.removeDatabaseFiles(partial)
        do {
            let copy = try DatabaseQueue(path: partial)
            try writer.backup(to: copy)
            let counts = try copy.writeWithoutTransaction { db in
                // One self-contained file, whatever journal mode the store uses.
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                return try StoreFileSummary.count(db)
            }
            try copy.close()
            try Self.rename(partial, over: path)
            return StoreFileSummary(path: path, bytes: Self.size(path), counts: counts)
        } catch {
            Self.removeDatabaseFiles(partial)
            if let error = error as? BackupError { throw error }
            throw BackupError(message: "\(path): backup failed, nothing was written: \(error)")
        }
    }

    /// Replaces the store at `path` by the backup `file`, after checking that `file` is a
    /// sound fieldplan store: SQLite's `integrity_check`, and migrations this build knows
    /// (an older backup is brought up to date; one written by a newer fieldplan is refused).
    /// The store that was at `path`, if any, is never lost: it is kept next to it as
    /// `PATH.before-restore-YYYYMMDD-HHMMSS` (agency time), with its WAL checkpointed into
    /// it first. The new store is renamed into place, so `path` is always either the old
    /// store or the restored one. Run it while no other command uses the store.
    /// - Complexity: a copy of `file` and one integrity check over its pages.
    public static func restore(from file: String, to path: String, now: Int64? = nil) throws -> StoreFileSummary {
        guard FileManager.default.fileExists(atPath: file) else { throw BackupError(message: "\(file): no such file") }
        do {
            try StoreFileError.checkExisting(file)
        } catch {
            throw BackupError(message: "\(error); the store was not changed")
        }
        if sameFile(file, path) { throw BackupError(message: "\(file) is the store itself; name a backup file") }
        let staging = path + ".restoring-\(ProcessInfo.processInfo.processIdentifier)"
        removeDatabaseFiles(staging)
        var summary: StoreFileSummary
        var clock: AgencyClock
        do {
            let queue: DatabaseQueue
            if size(file + "-wal") > 0 {
                // A live store given as the backup: its latest changes are still in its WAL,
                // which a copy of the file alone would miss.
                var readOnly = Configuration()
                readOnly.readonly = true
                queue = try DatabaseQueue(path: staging)
                try DatabaseQueue(path: file, configuration: readOnly).backup(to: queue)
            } else {
                try FileManager.default.copyItem(atPath: file, toPath: staging)
                queue = try DatabaseQueue(path: staging)
            }
            let problems = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check(5)") }
            guard problems == ["ok"] else {
                throw StoreFileError.notAStore(file, reason: "damaged (integrity check: \(problems.joined(separator: "; ")))")
            }
            try checkMigrations(queue, path: file)
            let applied = try queue.read { db in try Schema.migrator.appliedIdentifiers(db) }
            guard !applied.isEmpty else { throw StoreFileError.notAStore(file, reason: "an SQLite database without fieldplan migrations") }
            try Schema.migrator.migrate(queue)
            let upgraded = Schema.migrator.migrations.filter { !applied.contains($0) }
            let (counts, timeZone) = try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                return (try StoreFileSummary.count(db), try settings(db).timeZone)
            }
            try queue.close()
            summary = StoreFileSummary(path: path, bytes: 0, counts: counts, upgradedBy: upgraded)
            clock = Self.clock(timeZone: timeZone)
        } catch {
            removeDatabaseFiles(staging)
            if let error = error as? StoreFileError { throw BackupError(message: error.description + "; the store was not changed") }
            throw BackupError(message: "\(file): cannot restore, the store was not changed: \(error)")
        }
        do {
            if FileManager.default.fileExists(atPath: path) {
                let kept = path + ".before-restore-" + keepSuffix(clock.instant(now ?? Self.now()))
                try keep(path, as: kept)
                summary.keptAs = kept
            }
            // The old store's WAL and shared memory must go before the new file takes its
            // place: SQLite would otherwise replay the old WAL into the restored store.
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try rename(staging, over: path)
        } catch {
            removeDatabaseFiles(staging)
            throw BackupError(message: "\(path): cannot replace the store: \(error)")
        }
        summary.bytes = size(path)
        return summary
    }

    /// Keeps the store at `path` as `kept`: its WAL is checkpointed into the main file when
    /// the file opens as SQLite (a damaged store may not), then the file is hard-linked (or
    /// copied), and a WAL that could not be emptied is copied beside it.
    private static func keep(_ path: String, as kept: String) throws {
        if (try? StoreFileError.checkExisting(path)) != nil, let old = try? DatabaseQueue(path: path) {
            _ = try? old.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try? old.close()
        }
        do {
            try FileManager.default.linkItem(atPath: path, toPath: kept)
        } catch {
            try FileManager.default.copyItem(atPath: path, toPath: kept)
        }
        if size(path + "-wal") > 0 { try FileManager.default.copyItem(atPath: path + "-wal", toPath: kept + "-wal") }
    }

    /// `20261201-093000` from a local instant, for file names.
    private static func keepSuffix(_ instant: Instant) -> String {
        let t = instant.text
        return String(t.prefix(10)).replacingOccurrences(of: "-", with: "") + "-" + String(t.dropFirst(11).prefix(8)).replacingOccurrences(of: ":", with: "")
    }

    private static func rename(_ from: String, over to: String) throws {
        guard Foundation.rename(from, to) == 0 else {
            throw BackupError(message: "\(to): cannot write: \(String(cString: strerror(errno)))")
        }
    }

    private static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static func size(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    private static func sameFile(_ a: String, _ b: String) -> Bool {
        let x = URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath().path
        let y = URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath().path
        return x == y
    }
}
