/// One value of one column as a whole-store copy (`fieldplan migrate`) carries it between
/// engines: SQLite's storage classes, which PostgreSQL's columns of the same schema hold as
/// `BIGINT`, `DOUBLE PRECISION`, `TEXT` and `BYTEA`. Rows are copied value for value, never
/// through the app's record types, so a copy keeps every column, the internal ones included.
public enum StoreValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}
