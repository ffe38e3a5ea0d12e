/// A use case that one engine of the store cannot do yet (SPEC §13: the PostgreSQL store is
/// ported use case by use case). Thrown at once, before anything is read or written, so a
/// command fails with one clear line instead of doing nothing; the app layer maps it to
/// `AppError.refused` (exit 1, HTTP 422).
public enum StoreEngineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `operation` (as the user knows it: "import", "plan", …) on `engine` ("PostgreSQL").
    case notYetPorted(operation: String, engine: String)

    public var description: String {
        switch self {
        case .notYetPorted(let operation, let engine):
            "\(operation) is not available on a \(engine) store yet (docs/postgres.md lists what is; use an SQLite store for it)"
        }
    }
}
