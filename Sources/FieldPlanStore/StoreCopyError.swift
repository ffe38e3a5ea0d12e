/// Why a whole-store copy (`fieldplan migrate --to`) did nothing: each a refusal made before
/// any row reaches the target.
public enum StoreCopyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The target holds rows already (`table` is the first such table): a copy only fills an
    /// empty store, so nothing is merged or overwritten.
    case targetNotEmpty(String, table: String)
    /// Source and target are one store.
    case sameStore(String)
    /// Both are SQLite files, or both PostgreSQL databases: another tool does that better.
    case sameEngine(String, hint: String)
    /// The source was written by an older fieldplan and lacks migrations: a copy reads it
    /// without changing it, so it must be brought up to date first.
    case sourceNotCurrent(String, missing: String)

    public var description: String {
        switch self {
        case .targetNotEmpty(let target, let table):
            "\(target) is not empty (table \(table) has rows); migrate copies into an empty store only"
        case .sameStore(let location):
            "\(location) is the source itself; name another store with --to"
        case .sameEngine(let engine, let hint):
            "migrate copies between SQLite and PostgreSQL; both stores are \(engine) (\(hint))"
        case .sourceNotCurrent(let source, let missing):
            "\(source) lacks migration \(missing); open it once with this fieldplan (fieldplan settings --db …) and migrate again"
        }
    }
}
