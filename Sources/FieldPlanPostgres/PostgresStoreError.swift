/// Why the PostgreSQL store could not do what was asked, in one line that names the server
/// (never its password) and, for the server's own refusals, its SQLSTATE.
public enum PostgresStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `--db` / `FIELDPLAN_DB` looks like a PostgreSQL URL but is not one.
    case badURL(String)
    /// The server could not be reached or refused the login.
    case unreachable(String, reason: String)
    /// The server refused a statement.
    case server(String, sqlState: String, message: String)
    /// A blocking store call was made from inside a Swift task: waiting there could take the
    /// concurrency pool's last thread from the work it waits for. Call from a plain thread.
    case calledFromTask(String)

    public var description: String {
        switch self {
        case .badURL(let reason): "bad PostgreSQL URL: \(reason)"
        case .unreachable(let location, let reason): "\(location): cannot reach the PostgreSQL server: \(reason)"
        case .server(let location, let state, let message): "\(location): PostgreSQL refused (SQLSTATE \(state)): \(message)"
        case .calledFromTask(let location):
            "\(location): a store call was made from a Swift task; the PostgreSQL store is called from plain threads only"
        }
    }
}
