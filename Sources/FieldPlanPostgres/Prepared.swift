import PostgresNIO

/// `Text` as postgres-nio's prepared statement: named after the type, prepared on a
/// connection the first time it runs there (`PreparedRun`), its rows handed back undecoded.
struct Prepared<Text: PreparedSQL>: PostgresPreparedStatement {
    static var name: String { "fieldplan." + String(reflecting: Text.self) }
    static var sql: String { Text.sql }

    var bindings: PostgresBindings

    func makeBindings() -> PostgresBindings { bindings }

    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}
