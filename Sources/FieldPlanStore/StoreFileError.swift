import Foundation

/// Why a file cannot be used as the store: named by its path, with what to do.
public enum StoreFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// No file at the path (and the command does not create stores).
    case noStore(String)
    /// A file that is not a fieldplan store, and why.
    case notAStore(String, reason: String)

    public var description: String {
        switch self {
        case .noStore(let path):
            "no store at \(path); check --db / FIELDPLAN_DB, or create one with fieldplan import (or fieldplan restore BACKUP)"
        case .notAStore(let path, let reason):
            "\(path) is not a fieldplan store: \(reason)"
        }
    }

    /// The 16 bytes every SQLite database file starts with.
    static let sqliteHeader = Array("SQLite format 3\0".utf8)

    /// Throws unless `path` is an existing, non-empty SQLite file. Reads 16 bytes.
    static func checkExisting(_ path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw StoreFileError.noStore(path) }
        guard !isFolder.boolValue else { throw StoreFileError.notAStore(path, reason: "a folder") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw StoreFileError.notAStore(path, reason: "cannot be read") }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? nil
        guard let head, !head.isEmpty else { throw StoreFileError.notAStore(path, reason: "an empty file") }
        guard Array(head) == sqliteHeader else { throw StoreFileError.notAStore(path, reason: "not an SQLite database") }
    }
}
