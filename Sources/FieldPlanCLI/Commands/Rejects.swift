import ArgumentParser
import FieldPlanInterchange
import FieldPlanStore

extension FieldPlanCommand {
    struct Rejects: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List rejected input lines kept for correction.")
        @OptionGroup var store: StoreOptions
        @Option(help: "At most this many.")
        var limit = 1000

        func run() throws {
            for r in try store.open().rejectedLines(limit: limit) {
                print(LineError(source: r.source, line: r.line, error: FieldError(r.field, r.reason)).description)
            }
        }
    }
}
