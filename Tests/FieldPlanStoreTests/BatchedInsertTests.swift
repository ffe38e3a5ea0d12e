@testable import FieldPlanStore
import GRDB
import Testing

struct BatchedInsertTests {
    /// Full statements and the remainder write every row once, in order, with its values
    /// (texts of any length, empty, non-ASCII; nulls; numbers), and an upsert tail sees
    /// rows of earlier statements.
    @Test(arguments: [0, 1, 7, 8, 9, 30])
    func writesEveryRowInOrder(rows: Int) throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t(seq INTEGER PRIMARY KEY, k TEXT UNIQUE, n INTEGER, x REAL, s TEXT)")
            let insert = try BatchedInsert(db, head: "INSERT INTO t(k, n, x, s)", width: 4,
                                           tail: "ON CONFLICT(k) DO UPDATE SET n = t.n + excluded.n", rowsPerStatement: 4)
            for i in 0..<rows {
                insert.add { row in
                    row.append("k\(i % 5)"); row.append(Int64(i)); row.append(i % 3 == 0 ? nil : Double(i) / 2)
                    row.append(i % 4 == 0 ? "" : String(repeating: "ü", count: i))
                }
            }
            try insert.flush()
            #expect(insert.isEmpty)
            let stored = try Row.fetchAll(db, sql: "SELECT k, n FROM t ORDER BY seq").map { "\($0["k"] as String)=\($0["n"] as Int64)" }
            var expected: [(String, Int64)] = []
            for i in 0..<rows {
                if let at = expected.firstIndex(where: { $0.0 == "k\(i % 5)" }) { expected[at].1 += Int64(i) } else { expected.append(("k\(i % 5)", Int64(i))) }
            }
            #expect(stored == expected.map { "\($0.0)=\($0.1)" })
            if rows > 2 {
                let second = try Row.fetchOne(db, sql: "SELECT x, s FROM t WHERE k = 'k2'")!
                #expect((second["x"] as Double?) == 1.0 && second["s"] == "üü")
            }
        }
    }
}
