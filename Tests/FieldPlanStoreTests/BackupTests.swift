import FieldPlanCore
import FieldPlanInterchange
@testable import FieldPlanStore
import Foundation
import GRDB
import Testing

/// `backup` is a consistent copy while the store is in use; `restore` checks what it is
/// given and never loses the store it replaces.
struct BackupTests {
    static func account(_ id: String) -> String {
        #"{"kind":"account","id":"\#(id)","client":"Jamii Bank","debtor_name":"D \#(id)","balance":100,"lat":-1.3,"lon":36.8}"#
    }

    static func exportLines(_ store: FieldPlanStore) throws -> [String] {
        var lines: [String] = []
        try store.export(kinds: RecordKind.importable) { lines.append($0) }
        return lines
    }

    /// Committed data still in the WAL is in the backup; a writer's open transaction on
    /// another connection neither blocks the backup nor leaks into it. A copy of the .db
    /// file alone (what a user's `cp` would take) misses the committed data.
    @Test func backupWhileAnotherConnectionWritesHasTheCommittedData() throws {
        let folder = TempFolder()
        let path = folder.path + "/live.db"
        let store = try FieldPlanStore(path: path)
        let input = folder.write("a.ndjson", (1...50).map { Self.account("\($0)") }.joined(separator: "\n"))
        _ = try store.importRecords([ImportInput(path: input)])
        let walSize = FieldPlanStore.size(path + "-wal")
        #expect(walSize > 0, "the import is still in the WAL, not checkpointed")

        var config = Configuration()
        config.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: config)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "UPDATE account_record SET debtor_name = 'UNCOMMITTED' WHERE id = '1'")
        }
        defer { try? other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }

        let summary = try store.backup(to: folder.path + "/b.db", overwrite: false)
        #expect(summary.counts.first { $0.table == "account" }?.count == 50)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/b.db-wal"))
        let copy = try FieldPlanStore(existingAt: folder.path + "/b.db")
        let lines = try Self.exportLines(copy)
        #expect(lines == (try Self.exportLines(store)))
        #expect(lines.filter { $0.contains(#""kind":"account""#) }.count == 50)
        #expect(!lines.contains { $0.contains("UNCOMMITTED") })

        try FileManager.default.copyItem(atPath: path, toPath: folder.path + "/cp.db")
        let naive = try DatabaseQueue(path: folder.path + "/cp.db")
        // Even the tables may be missing from it: the schema itself can still be in the WAL.
        let naiveCount = try naive.read { db in (try? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account_record")) ?? 0 }
        #expect(naiveCount < 50, "copying the file alone would have lost the WAL")
    }

    @Test func backupRefusesToOverwriteOrToWriteOntoTheStore() throws {
        let folder = TempFolder()
        let store = try FieldPlanStore(path: folder.path + "/s.db")
        let existing = folder.write("b.db", "keep me")
        #expect(throws: FieldPlanStore.BackupError.self) { try store.backup(to: existing, overwrite: false) }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me")
        #expect(throws: FieldPlanStore.BackupError.self) { try store.backup(to: folder.path + "/s.db", overwrite: true) }
        _ = try store.backup(to: existing, overwrite: true)
        #expect(try FieldPlanStore(existingAt: existing).appliedMigrations() == (try store.appliedMigrations()))
    }

    @Test func restoreKeepsTheReplacedStoreAndGivesTheSameExport() throws {
        let folder = TempFolder()
        let path = folder.path + "/s.db"
        let store = try FieldPlanStore(path: path)
        _ = try store.importRecords([ImportInput(path: folder.write("a.ndjson", Self.account("A1")))])
        _ = try store.backup(to: folder.path + "/b.db", overwrite: false)
        let before = try Self.exportLines(store)
        _ = try store.importRecords([ImportInput(path: folder.write("b.ndjson", Self.account("A2")))])
        let changed = try Self.exportLines(store)

        let day = Int64(CivilDate("2026-12-01")!.dayNumber)
        let now: Int64 = day * 86_400 + 6 * 3600 + 30 * 60 // 09:30 in Nairobi
        let summary = try FieldPlanStore.restore(from: folder.path + "/b.db", to: path, now: now)
        #expect(summary.keptAs == path + ".before-restore-20261201-093000")
        #expect(try Self.exportLines(FieldPlanStore(existingAt: path)) == before)
        #expect(try Self.exportLines(FieldPlanStore(existingAt: summary.keptAs!)) == changed)
    }

    @Test func restoreRefusesADamagedFileAndANewerStore() throws {
        let folder = TempFolder()
        let path = folder.path + "/s.db"
        let store = try FieldPlanStore(path: path)
        _ = try store.importRecords([ImportInput(path: folder.write("a.ndjson", (1...300).map { Self.account("\($0)") }.joined(separator: "\n")))])
        let before = try Self.exportLines(store)

        // A newer fieldplan's backup: a migration this build does not know.
        _ = try store.backup(to: folder.path + "/newer.db", overwrite: false)
        try DatabaseQueue(path: folder.path + "/newer.db").write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v99-from-the-future')")
        }
        #expect {
            try FieldPlanStore.restore(from: folder.path + "/newer.db", to: path)
        } throws: { ($0 as? FieldPlanStore.BackupError)?.message.contains("written by a newer fieldplan (unknown migration v99-from-the-future)") == true }

        // A damaged backup: pages overwritten in the middle of the file.
        _ = try store.backup(to: folder.path + "/damaged.db", overwrite: false)
        let handle = try #require(FileHandle(forWritingAtPath: folder.path + "/damaged.db"))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        handle.write(Data(repeating: 0x5A, count: 8192))
        try handle.close()
        #expect(throws: FieldPlanStore.BackupError.self) { try FieldPlanStore.restore(from: folder.path + "/damaged.db", to: path) }

        // An SQLite database of another program.
        try DatabaseQueue(path: folder.path + "/other.db").write { db in try db.execute(sql: "CREATE TABLE t(x)") }
        #expect(throws: FieldPlanStore.BackupError.self) { try FieldPlanStore.restore(from: folder.path + "/other.db", to: path) }

        #expect(try Self.exportLines(FieldPlanStore(existingAt: path)) == before, "the store was not changed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("before-restore") || $0.contains("restoring") }.isEmpty)
    }

    /// A live store named as the backup (its changes still in its WAL) restores whole.
    @Test func restoreFromALiveStoreTakesItsWAL() throws {
        let folder = TempFolder()
        let live = try FieldPlanStore(path: folder.path + "/live.db")
        _ = try live.importRecords([ImportInput(path: folder.write("a.ndjson", (1...20).map { Self.account("\($0)") }.joined(separator: "\n")))])
        #expect(FieldPlanStore.size(folder.path + "/live.db-wal") > 0)
        _ = try FieldPlanStore.restore(from: folder.path + "/live.db", to: folder.path + "/s.db")
        #expect(try Self.exportLines(FieldPlanStore(existingAt: folder.path + "/s.db")) == (try Self.exportLines(live)))
    }

    /// An older backup is brought up to date by the migrations it lacks.
    @Test func restoreUpgradesAnOlderBackup() throws {
        let folder = TempFolder()
        let old = folder.path + "/old.db"
        try Schema.migrator.migrate(try DatabaseQueue(path: old), upTo: "v4-account-state")
        let summary = try FieldPlanStore.restore(from: old, to: folder.path + "/s.db")
        #expect(summary.upgradedBy.first == "v5-facts-without-lines")
        #expect(summary.keptAs == nil)
        #expect(try FieldPlanStore(existingAt: folder.path + "/s.db").appliedMigrations() == Schema.migrator.migrations)
    }
}
