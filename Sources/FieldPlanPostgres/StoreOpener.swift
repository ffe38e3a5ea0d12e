import FieldPlanStore

/// Opens the store `--db` / `FIELDPLAN_DB` names, on the engine it names: a `postgres://` or
/// `postgresql://` URL is a PostgreSQL server (SPEC §13), anything else the path of an SQLite
/// file, as before. The one place that chooses; everything after sees `any AgencyStore`.
public enum StoreOpener {
    /// The existing store at `location`: a missing file, or a database without fieldplan's
    /// schema, is `StoreFileError.noStore` and nothing is created.
    public static func open(_ location: String) throws -> any AgencyStore {
        if PostgresURL.isPostgres(location) { return try PostgresAgencyStore(location, mustExist: true) }
        return try FieldPlanStore(existingAt: location)
    }

    /// The store at `location`, made empty (file, or schema in the database) if there is none.
    public static func openOrCreate(_ location: String) throws -> any AgencyStore {
        if PostgresURL.isPostgres(location) { return try PostgresAgencyStore(location, mustExist: false) }
        return try FieldPlanStore(path: location)
    }

    /// What messages may print of `location`: a URL without its password, a path as it is.
    public static func displayName(_ location: String) -> String {
        guard PostgresURL.isPostgres(location) else { return location }
        return (try? PostgresURL(location).description) ?? "postgres://…"
    }
}
