import ArgumentParser
import FieldPlanApp
import FieldPlanPostgres
import Foundation

extension FieldPlanCommand {
    /// `fieldplan migrate --to TARGET`: the whole store copied to the other engine (SPEC §13).
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the whole store between SQLite and PostgreSQL: every table, settings, users, plans and audit included.",
            discussion: """
                Copies the store named by --db (or FIELDPLAN_DB) into TARGET: an SQLite file into an empty PostgreSQL \
                database (--to postgres://USER@HOST:PORT/DATABASE), or a PostgreSQL store into a new SQLite file \
                (--db postgres://… migrate --to new.db). The source is only read, never changed; the target gets every row \
                in one transaction, or nothing. TARGET must be empty: a database without tables (fieldplan makes them) or \
                a new file; one that holds rows is refused. Afterwards both stores export the same bytes. Between two \
                SQLite files use fieldplan backup; between two PostgreSQL databases, pg_dump (docs/postgres.md).
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "The store to copy into: postgres://USER@HOST:PORT/DATABASE, or the path of a new SQLite file.") var to: String

        func run() throws {
            let source = store.displayName, target = StoreOpener.displayName(to)
            let counts = try FieldPlanApp.migrateStore(from: store.path, to: to, copier: StoreCopier()) { table, rows in
                if Terminal.stderrIsTerminal { Terminal.error("migrate: \(table): \(rows) \(rows == 1 ? "row" : "rows")") }
            }
            let rows = counts.reduce(0) { $0 + $1.rows }
            print("copied \(source) to \(target): \(counts.count) tables, \(rows) rows")
        }
    }
}
