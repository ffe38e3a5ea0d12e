import Logging
import PostgresNIO

/// Runs `PreparedSQL` statements, prepared on a connection the first time they run there.
///
/// Always one statement at a time, each sent once the one before has been answered, never
/// queued together as `QueryBatch` queues plain queries: under the service's load
/// postgres-nio 1.33.2 handed statements queued together on one connection each other's rows
/// (a decoding error on a column of the wrong statement, in about a third of the syncs of
/// `bench-pg`'s serve part; none one at a time). Sending them one at a time also keeps a
/// statement from being prepared in a transaction already aborted by the one before it, a
/// failure postgres-nio keeps for the life of the connection.
enum PreparedRun {
    /// One statement's rows.
    static func rows<Text: PreparedSQL>(_ text: Text.Type, _ bindings: PostgresBindings = PostgresBindings(),
                                        on connection: PostgresConnection, logger: Logger) async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        for try await row in try await connection.execute(Prepared<Text>(bindings: bindings), logger: logger) { rows.append(row) }
        return rows
    }

    /// The rows of each of `texts`, all with the same `bindings`, in their order.
    static func rows(_ texts: [any PreparedSQL.Type], _ bindings: PostgresBindings, on connection: PostgresConnection,
                     logger: Logger) async throws -> [[PostgresRow]] {
        var answers: [[PostgresRow]] = []
        for text in texts { answers.append(try await rows(text, bindings, on: connection, logger: logger)) }
        return answers
    }
}
