import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning

extension FieldPlanCommand.Plan {
    /// `plan diff --date D --from-version N [--to-version M]`: stop by stop, what changed.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the stops added, dropped, moved to another agent and reordered between two versions of a day's plan.")

        @OptionGroup var store: StoreOptions
        @Option(help: "The day (YYYY-MM-DD).") var date: String
        @Option(help: "The older version.") var fromVersion: Int
        @Option(help: "The newer version (default: the latest).") var toVersion: Int?
        @Option(help: "text or json.") var format: Show.Format = .text

        func run() throws {
            guard let day = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
            let comparison = try FieldPlanApp(store: store.open()).planDiff(date: day, from: fromVersion, to: toVersion)
            let old = comparison.old, new = comparison.new, diff = comparison.diff
            func place(_ s: PlanDiff.Stop) -> String { "\(s.agentID) #\(s.position)" }
            if format == .json {
                print(comparison.json)
                return
            }
            var lines = ["plan \(date): version \(old.version) → \(new.version): \(diff.added.count) added, \(diff.dropped.count) dropped, "
                         + "\(diff.moved.count) moved to another agent, \(diff.reordered.count) reordered"]
            lines += diff.added.map { "  added      \($0.accountID)  \(place($0))" }
            lines += diff.dropped.map { s in
                let why = comparison.reason(dropped: s.accountID).map { " (\($0))" } ?? ""
                return "  dropped    \(s.accountID)  was \(place(s))\(why)"
            }
            lines += diff.moved.map { "  moved      \($0.accountID)  \(place($0.from)) → \(place($0.to))" }
            lines += diff.reordered.map { "  reordered  \($0.accountID)  \(place($0.from)) → \(place($0.to))" }
            print(lines.joined(separator: "\n"))
        }
    }
}
