import ArgumentParser
import FieldPlanStore
import Foundation

extension FieldPlanCommand {
    /// `fieldplan backup FILE`: the whole store, copied safely while it is in use.
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the whole store (settings, plans, audit, rejected lines and all) to FILE, safely while it is in use.",
            discussion: """
                Uses SQLite's online backup: the copy is one consistent moment of the store, including what is still in \
                its write-ahead log, so it is safe while other commands run. Back up with this command, not by copying the \
                .db file (a copied file can miss the latest changes or be torn). Refuses to replace an existing FILE \
                unless --force. fieldplan restore FILE puts a backup back (docs/store.md).
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: "The backup file to write.") var file: String
        @Flag(help: "Replace FILE if it exists.") var force = false

        func run() throws {
            let db = try store.open()
            let summary: FieldPlanStore.StoreFileSummary
            do {
                summary = try db.backup(to: file, overwrite: force)
            } catch let error as FieldPlanStore.BackupError {
                throw CommandFailure(error.message)
            }
            print("wrote \(summary.path): \(Self.describe(summary))")
        }

        /// `1.2 MB; 3000 accounts, 10 agents, …` for a backup or a restore.
        static func describe(_ s: FieldPlanStore.StoreFileSummary) -> String {
            let counts = s.counts.map { c in
                let one = c.count == 1
                switch c.table {
                case "audit": return "\(c.count) audit \(one ? "entry" : "entries")"
                case "rejected_line": return "\(c.count) rejected \(one ? "line" : "lines")"
                default: return "\(c.count) \(c.table)\(one ? "" : "s")"
                }
            }
            return "\(size(s.bytes)); " + counts.joined(separator: ", ")
        }

        static func size(_ bytes: Int64) -> String {
            if bytes < 1024 { return "\(bytes) bytes" }
            let kib = Double(bytes) / 1024
            if kib < 1024 { return String(format: "%.1f KiB", kib) }
            return String(format: "%.1f MiB", kib / 1024)
        }
    }
}
