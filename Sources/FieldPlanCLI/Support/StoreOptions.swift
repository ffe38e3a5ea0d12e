import ArgumentParser
import FieldPlanStore
import Foundation

/// `--db PATH`, shared by every command that opens the store.
///
/// Each command says whether it may create the store: `open()` (the default, for every
/// command that reads or changes what is already there) refuses a path with no store, so a
/// typo'd `--db` or `FIELDPLAN_DB` is an error and leaves no empty file behind;
/// `openOrCreate()` is only for the commands that bring data in (`import`, `settings set`).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The store file (default: $FIELDPLAN_DB or ./fieldplan.db).")
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["FIELDPLAN_DB"] ?? "fieldplan.db" }

    /// The existing store at `path`; `no store at PATH` (exit 1) when there is none.
    func open() throws -> FieldPlanStore {
        try Self.opening(path) { try FieldPlanStore(existingAt: path) }
    }

    /// The store at `path`, created empty if there is none: for commands that write data in.
    func openOrCreate() throws -> FieldPlanStore {
        try Self.opening(path) { try FieldPlanStore(path: path) }
    }

    private static func opening(_ path: String, _ body: () throws -> FieldPlanStore) throws -> FieldPlanStore {
        do {
            return try body()
        } catch let error as StoreFileError {
            throw CommandFailure(error.description)
        } catch {
            throw CommandFailure("\(path): cannot open the store: \(error)")
        }
    }
}
