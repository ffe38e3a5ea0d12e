import ArgumentParser
import FieldPlanPostgres
import FieldPlanStore
import Foundation

/// `--db PATH|URL`, shared by every command that opens the store: an SQLite file's path, or a
/// `postgres://` URL for a PostgreSQL server (SPEC §13, docs/postgres.md).
///
/// Each command says whether it may create the store: `open()` (the default, for every
/// command that reads or changes what is already there) refuses a path with no store, so a
/// typo'd `--db` or `FIELDPLAN_DB` is an error and leaves no empty file behind;
/// `openOrCreate()` is only for the commands that bring data in (`import`, `settings set`).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The store: a file, or postgres://USER@HOST:PORT/DATABASE (default: $FIELDPLAN_DB or ./fieldplan.db).")
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["FIELDPLAN_DB"] ?? "fieldplan.db" }

    /// The existing store at `path`; `no store at PATH` (exit 1) when there is none.
    func open() throws -> any AgencyStore {
        try Self.opening(path) { try StoreOpener.open(path) }
    }

    /// The store at `path`, created empty if there is none: for commands that write data in.
    func openOrCreate() throws -> any AgencyStore {
        try Self.opening(path) { try StoreOpener.openOrCreate(path) }
    }

    /// What messages print of the store: the URL without its password, or the path.
    var displayName: String { StoreOpener.displayName(path) }

    private static func opening(_ path: String, _ body: () throws -> any AgencyStore) throws -> any AgencyStore {
        do {
            return try body()
        } catch let error as StoreFileError {
            throw CommandFailure(error.description)
        } catch let error as PostgresStoreError {
            throw CommandFailure(error.description)
        } catch {
            throw CommandFailure("\(StoreOpener.displayName(path)): cannot open the store: \(error)")
        }
    }
}
