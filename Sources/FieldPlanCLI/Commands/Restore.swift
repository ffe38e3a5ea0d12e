import ArgumentParser
import FieldPlanStore

extension FieldPlanCommand {
    /// `fieldplan restore FILE`: a backup back in place of the store, the old store kept.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the store by a backup made with fieldplan backup; the replaced store is kept next to it.",
            discussion: """
                FILE must be a sound fieldplan store (SQLite integrity check, migrations this fieldplan knows; an older \
                backup is brought up to date). The store is swapped in one rename; the store it replaces, if any, is kept \
                as STORE.before-restore-YYYYMMDD-HHMMSS (agency time) and the command says so: nothing is overwritten \
                silently. Creates the store if there is none. Run it while no other fieldplan command uses the store.
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: "The backup file to restore.") var file: String

        func run() throws {
            let summary: FieldPlanStore.StoreFileSummary
            do {
                summary = try FieldPlanStore.restore(from: file, to: store.path)
            } catch let error as FieldPlanStore.BackupError {
                throw CommandFailure(error.message)
            }
            print("restored \(file) into \(summary.path): \(Backup.describe(summary))")
            if !summary.upgradedBy.isEmpty { print("brought up to date by: \(summary.upgradedBy.joined(separator: ", "))") }
            if let kept = summary.keptAs { print("the replaced store is kept as \(kept)") }
        }
    }
}
