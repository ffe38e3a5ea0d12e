import FieldPlanCore
@testable import FieldPlanStore
import GRDB
import Testing

/// The byte-keyed account numbering of the report gathering.
struct AccountKeyTableTests {
    /// Ids of every length around the two words a short id is kept in, ids that differ only
    /// in their last byte or in a byte of the second word, non-ASCII ones and long ones.
    static let ids = ["", "A", "A1", "US-100000", "US-100001", "HL-1000000", "1234567", "12345678", "123456789",
                      "123456789012345", "1234567890123456", "1234567890123457", "12345678901234567", "12345678901234568",
                      "Ñandú-7", "ацкаунт-0042", String(repeating: "x", count: 80), String(repeating: "x", count: 81)]

    @Test func idsReadFromRowsAreNumberedInTheOrderMetAndFoundAgain() throws {
        let store = try FieldPlanStore()
        try store.writer.read { db in
            var table = AccountKeyTable(capacity: 4)
            let q = try QueryStatement(db, "SELECT ?")
            for (n, id) in Self.ids.enumerated() {
                q.bind(id)
                #expect(try q.step())
                #expect(table.find(q, 0) == nil, "\(id) is new")
                #expect(table.intern(q, 0) == Int32(n))
                #expect(table.intern(q, 0) == Int32(n), "\(id) twice, one key")
                #expect(table.find(q, 0) == Int32(n))
                q.finish()
            }
            #expect(table.ids == Self.ids)
            for (n, id) in Self.ids.enumerated() { #expect(table.intern(id) == Int32(n), "\(id) as a String") }
            q.bind(nil as String?)
            #expect(try q.step())
            #expect(table.intern(q, 0) == nil && table.find(q, 0) == nil, "NULL has no key")
            q.finish()
            #expect(table.count == Self.ids.count)
        }
    }

    /// Well past its first size the table keeps every key, and misses stay misses.
    @Test func growingKeepsEveryKey() throws {
        var table = AccountKeyTable(capacity: 1)
        let ids = (0..<50_000).map { "AC-\($0)" } + (0..<500).map { "a-long-account-identifier-\($0)" }
        for (n, id) in ids.enumerated() { #expect(table.intern(id) == Int32(n)) }
        for (n, id) in ids.enumerated() where table.intern(id) != Int32(n) { Issue.record("\(id) lost its key") }
        #expect(table.count == ids.count)
        let store = try FieldPlanStore()
        try store.writer.read { db in
            let q = try QueryStatement(db, "SELECT ?")
            for id in ["AC-50000", "AC--1", "a-long-account-identifier-500", "ac-1"] {
                q.bind(id)
                #expect(try q.step())
                #expect(table.find(q, 0) == nil, "\(id) was never numbered")
                q.finish()
            }
            q.bind("AC-49999")
            #expect(try q.step())
            #expect(table.find(q, 0) == 49_999)
            q.finish()
        }
    }
}
