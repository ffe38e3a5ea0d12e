/// Why a command that builds a store from nothing (`fieldplan demo`) would not use the one it
/// was given: it fills a new store only, so an agency's data is never mixed with, or
/// written over by, the sample's.
public enum NewStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An SQLite file is already there.
    case fileExists(String)
    /// A PostgreSQL database whose fieldplan tables hold rows (`table` is the first such).
    case notEmpty(String, table: String)

    public var description: String {
        switch self {
        case .fileExists(let path): "\(path) exists; the demo builds a new store: name a new file or an empty PostgreSQL database"
        case .notEmpty(let location, let table):
            "\(location) is not empty (table \(table) has rows); the demo builds a new store: give it an empty database"
        }
    }
}
