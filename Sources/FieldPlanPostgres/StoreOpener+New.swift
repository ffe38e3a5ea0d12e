import FieldPlanStore
import Foundation

extension StoreOpener {
    /// A new, empty store at `location`, through the same opening as every command: a new
    /// SQLite file, or a PostgreSQL database that is empty (its schema is made) or holds
    /// fieldplan's tables without a row. For `fieldplan demo`, which fills a store from the
    /// sample files and must never add them to an agency's own data.
    /// - Throws: `NewStoreError` for a file that exists or a database with rows (the database's
    ///   schema may have been brought up to date, nothing else is written); what `openOrCreate`
    ///   throws otherwise.
    public static func createNew(_ location: String) throws -> any AgencyStore {
        guard PostgresURL.isPostgres(location) else {
            if FileManager.default.fileExists(atPath: location) { throw NewStoreError.fileExists(location) }
            return try FieldPlanStore(path: location)
        }
        let store = try PostgresAgencyStore(location, mustExist: false)
        let logger = store.logger
        if let table = try store.read({ try await StoreCopier.firstTableWithRows($0, logger: logger) }) {
            store.close()
            throw NewStoreError.notEmpty(store.location, table: table)
        }
        return store
    }
}
