import ArgumentParser
import FieldPlanStore
import Foundation

/// `--db PATH`, shared by every command that opens the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The store file (default: $FIELDPLAN_DB or ./fieldplan.db).")
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["FIELDPLAN_DB"] ?? "fieldplan.db" }

    func open() throws -> FieldPlanStore {
        do {
            return try FieldPlanStore(path: path)
        } catch {
            throw CommandFailure("\(path): cannot open the store: \(error)")
        }
    }
}
