import FieldPlanStore
import Foundation

/// `fieldplan migrate --to`: a whole store copied between the engines (SPEC §13), SQLite into
/// an empty PostgreSQL database or PostgreSQL into a new SQLite file. The two schemas are the
/// same table for table and column for column (docs/postgres.md), so the copy is generic:
/// every table of `tables`, in that order (a plan before its routes), read in key order from
/// the source (opened read-only, one moment of it) and written into the target in one
/// transaction: `COPY … FROM STDIN` into PostgreSQL, a prepared insert per row into SQLite.
/// The identity counters are set past the copied ids, so an id is never handed out twice.
///
/// Nothing goes through the app's record types: each value is carried as it is stored
/// (`StoreValue`), so internal columns (the runs of an account's snapshot, the line an
/// account came from, a plan's exact travel seconds) survive the copy.
/// - Complexity: one pass over every row; memory stays flat (about 4 MiB of rows in flight).
public struct StoreCopier: StoreCopying {
    public init() {}

    /// Every table of the schema, parents before children, each with the columns it is
    /// ordered by (its key; all columns for `plan_unplanned`, which has none). A table the
    /// schema gains must be added here: a test compares this list with both schemas.
    static let tables: [(name: String, key: [String])] = [
        ("setting", ["key"]),
        ("user", ["id"]),
        ("zone", ["id"]),
        ("agent", ["id"]),
        ("account_record", ["id"]),
        ("account_state", ["account_id"]),
        ("appointment", ["id"]),
        ("outcome", ["id"]),
        ("payment", ["id"]),
        ("promise", ["id"]),
        ("clearance", ["account_id"]),
        ("review", ["item"]),
        ("audit", ["id"]),
        ("plan", ["id"]),
        ("plan_route", ["plan_id", "agent_id"]),
        ("plan_visit", ["plan_id", "agent_id", "seq"]),
        ("plan_unplanned", ["plan_id", "account_id", "reason"]),
        ("plan_lock", ["date", "agent_id"]),
        ("import_run", ["id"]),
        ("import_source", ["id"]),
        ("rejected_line", ["id"]),
        ("road_network", ["id"]),
    ]

    /// The tables whose `id` the store numbers itself (identity columns on PostgreSQL).
    static let numbered: Set<String> = ["user", "promise", "audit", "plan", "import_run", "rejected_line"]

    public func copyStore(from source: String, to target: String,
                          progress: (_ table: String, _ rows: Int) -> Void) throws -> [(table: String, rows: Int)] {
        let fromPostgres = PostgresURL.isPostgres(source), toPostgres = PostgresURL.isPostgres(target)
        if fromPostgres == toPostgres {
            if fromPostgres {
                let same = (try? PostgresURL(source).description) == (try? PostgresURL(target).description)
                if same { throw StoreCopyError.sameStore(StoreOpener.displayName(target)) }
                throw StoreCopyError.sameEngine("PostgreSQL", hint: "copy a database with pg_dump and pg_restore")
            }
            if URL(fileURLWithPath: source).standardizedFileURL.path == URL(fileURLWithPath: target).standardizedFileURL.path {
                throw StoreCopyError.sameStore(target)
            }
            throw StoreCopyError.sameEngine("SQLite", hint: "copy a file with fieldplan backup")
        }
        if toPostgres {
            return try Self.sqliteToPostgres(SQLiteTables.reading(source), PostgresURL(target), progress: progress)
        }
        return try Self.postgresToSQLite(PostgresURL(source), target, progress: progress)
    }

    /// The columns of each table must be the same set on both sides (the same migrations
    /// made them); the copy names them in the source's order.
    static func checkColumns(_ table: String, source: [String], target: [String], location: String) throws {
        guard Set(source) == Set(target) else {
            let odd = Set(source).symmetricDifference(target).sorted().joined(separator: ", ")
            throw StoreFileError.notAStore(location, reason: "its table \(table) differs from this fieldplan's in columns \(odd)")
        }
    }
}
