@testable import FieldPlanStore
import Foundation
import GRDB
import Testing

/// Opening a store that must exist never creates one (issue 11, "A typo'd store path").
struct StoreOpeningTests {
    @Test func aMissingStoreIsAnErrorAndNoFileIsMade() throws {
        let folder = TempFolder()
        let path = folder.path + "/typo.db"
        #expect(throws: StoreFileError.noStore(path)) { try FieldPlanStore(existingAt: path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        _ = try FieldPlanStore(path: path)
        #expect(try FieldPlanStore(existingAt: path).appliedMigrations() == Schema.migrator.migrations)
    }

    @Test func filesThatAreNotStoresAreRefusedUnchanged() throws {
        let folder = TempFolder()
        let text = folder.write("accounts.ndjson", "{\"kind\":\"account\"}")
        #expect(throws: StoreFileError.notAStore(text, reason: "not an SQLite database")) { try FieldPlanStore(existingAt: text) }
        let empty = folder.write("empty.db", "")
        #expect(throws: StoreFileError.notAStore(empty, reason: "an empty file")) { try FieldPlanStore(existingAt: empty) }
        #expect(throws: StoreFileError.notAStore(folder.path, reason: "a folder")) { try FieldPlanStore(existingAt: folder.path) }
        let other = folder.path + "/other.db"
        try DatabaseQueue(path: other).write { db in try db.execute(sql: "CREATE TABLE t(x)") }
        #expect(throws: StoreFileError.self) { try FieldPlanStore(existingAt: other) }
        let tables = try DatabaseQueue(path: other).read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master") }
        #expect(tables == ["t"], "no fieldplan tables were added")
    }
}
