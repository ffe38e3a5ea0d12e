import GRDB
import Synchronization

/// Rows for one table gathered and written many to a statement: one `INSERT … VALUES (…),
/// (…), …` opens the table's cursors once for all its rows, where a statement per row pays
/// for that every time. The sync replay writes promises, derived states and audit rows this
/// way (issue 6). Used only inside the caller's transaction.
final class BatchedInsert {
    private let width: Int
    private let rowsPerStatement: Int
    private let many: BoundStatement
    private let one: BoundStatement
    private var packed = PackedValues()

    /// - Parameters:
    ///   - head: `INSERT INTO t(c1, …, cn)`, its `width` columns given in this order by each row.
    ///   - tail: what follows the values, such as an `ON CONFLICT` clause (reading `excluded`).
    init(_ db: Database, head: String, width: Int, tail: String = "", rowsPerStatement: Int = 32) throws {
        self.width = width
        self.rowsPerStatement = rowsPerStatement
        // Cached on the connection: a sync of a few lines would otherwise spend most of its
        // time compiling these wide statements (and the texts are made once per process).
        many = try BoundStatement(db, sql: Self.sql(head, width, tail, rows: rowsPerStatement), cached: true)
        one = try BoundStatement(db, sql: Self.sql(head, width, tail, rows: 1), cached: true)
    }

    private static let texts = Mutex<[String: String]>([:])

    /// `head VALUES (?1, …), (…), … tail`, made once per shape.
    private static func sql(_ head: String, _ width: Int, _ tail: String, rows: Int) -> String {
        let key = "\(rows) \(width) \(head) \(tail)"
        if let text = texts.withLock({ $0[key] }) { return text }
        var parameter = 0
        let values = (0..<rows).map { _ in
            "(" + (0..<width).map { _ in parameter += 1; return "?\(parameter)" }.joined(separator: ", ") + ")"
        }
        let text = head + " VALUES " + values.joined(separator: ", ") + " " + tail
        texts.withLock { $0[key] = text }
        return text
    }

    /// Adds one row: `fill` appends exactly `width` values.
    func add(_ fill: (inout PackedValues) -> Void) {
        let before = packed.count
        fill(&packed)
        precondition(packed.count - before == width, "a row of \(packed.count - before) values for \(width) columns")
    }

    var isEmpty: Bool { packed.count == 0 }

    /// Writes the rows added so far, in the order they were added.
    func flush() throws {
        let rows = packed.count / width
        var row = 0
        while rows - row >= rowsPerStatement {
            try many.execute(packed, from: row * width, count: rowsPerStatement * width)
            row += rowsPerStatement
        }
        while row < rows {
            try one.execute(packed, from: row * width, count: width)
            row += 1
        }
        packed.removeAll()
    }
}
