import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanStore
import Foundation

extension FieldPlanCommand.Sync {
    /// `fieldplan sync import FILE…`: outcomes and payments back from the field and from accounts.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge outcomes and payments into the store, exactly once; accounts follow (docs/sync.md).",
            discussion: """
                Every valid line is applied; every invalid line is reported as FILE:LINE: field: reason, kept in the store \
                (fieldplan rejects) and in --rejects FILE verbatim. The same id with the same content is a duplicate and \
                changes nothing; with other content it is a conflict: rejected, the stored version stays, both are listed \
                by fieldplan review. Outcomes that contradict what is known (a paid or reassigned account, a second visit \
                the same day) are stored and flagged for review. Prints {accepted, duplicates, conflicts, rejected}; exit 3 \
                when any line was rejected or conflicting. The run is one transaction.
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: "NDJSON files of outcome and payment lines (- for standard input); a folder means its *.ndjson files.") var files: [String]
        @Option(help: "Write the rejected and conflicting lines here, verbatim, for correction.") var rejects: String?
        @Option(help: "Summary format: text or json.") var format: SummaryFormat = .text
        @Option(help: "How many rejected lines to list on stderr (the rest are counted).") var showErrors = 50
        @Option(help: "The import's clock (default: now): an ISO 8601 instant, or a local YYYY-MM-DDTHH:MM in the agency's time zone; visits after it are refused as in the future, and the agency's date at it decides which promises are broken. For replaying a past or simulated day.")
        var now: String?

        enum SummaryFormat: String, ExpressibleByArgument { case text, json }

        func run() throws {
            let db = try store.open()
            var clock: Int64?
            if let now {
                guard let epoch = try db.clock().epochSeconds(parsing: now) else {
                    throw ValidationError("--now: expected an ISO 8601 instant like 2026-12-01T20:00:00+03:00, or a local 2026-12-01T20:00 in the agency's time zone, got \"\(now)\"")
                }
                clock = epoch
            }
            let inputs = try Self.expand(files).map { ImportInput(path: $0, format: .ndjson) }
            let reporter = try RejectReporter(limit: showErrors, rejectsPath: rejects)
            let summary: SyncSummary
            do {
                summary = try FieldPlanApp(store: db).syncImport(inputs, now: clock, onWait: { attempt in
                    Terminal.error("the store is busy with another import; waiting (\(attempt))")
                }, onReject: reporter.reject, onProgress: { Terminal.progress("sync import: \($0) lines") })
            } catch let error where FieldPlanCommand.failureMessage(for: error) != nil {
                throw error
            } catch {
                throw CommandFailure("\(store.path): sync import failed, nothing was changed: \(error)")
            }
            Terminal.endProgress()
            reporter.finish()
            switch format {
            case .json:
                print(summary.json)
            case .text:
                var table = TextTable(["accepted", "duplicates", "conflicts", "rejected", "flagged for review"])
                table.add([String(summary.accepted), String(summary.duplicates), String(summary.conflicts), String(summary.rejected), String(summary.flagged)])
                print(table.render())
            }
            if summary.hasRejections { throw ExitCode(3) }
        }

        /// Files as given, a folder replaced by its `.ndjson` files in name order.
        static func expand(_ paths: [String]) throws -> [String] {
            var result: [String] = []
            for path in paths {
                var isFolder: ObjCBool = false
                if path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                    let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".ndjson") }.sorted()
                    if names.isEmpty { throw CommandFailure("\(path): no .ndjson files in the folder") }
                    result += names.map { "\(path)/\($0)" }
                } else {
                    result.append(path)
                }
            }
            return result
        }
    }
}
