import ArgumentParser
import FieldPlanCore
import FieldPlanStore

extension FieldPlanCommand.Sync {
    /// `fieldplan sync simulate --date D -o DIR`: a seeded, plausible field day, for demos.
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write plausible outcomes for every planned visit of a day, one file per agent (seeded).",
            discussion: "Writes DIR/outcomes-AGENT.ndjson for each agent of the latest plan of the day; import them with fieldplan sync import.")

        @OptionGroup var store: StoreOptions
        @Option(help: "The planned day (YYYY-MM-DD).") var date: String
        @Option(name: .shortAndLong, help: "The folder to write to.") var output: String
        @Option(help: "Random seed.") var seed: UInt64 = 1

        func run() throws {
            guard let day = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
            let db = try store.open()
            let days: [(agent: String, lines: [String])]
            do {
                days = try db.simulateFieldDay(date: day, seed: seed)
            } catch let error as FieldPlanStore.SyncError {
                throw CommandFailure(error.message)
            }
            try FileSystem.makeFolder(output)
            var total = 0
            for (agent, lines) in days {
                let out = try OutputFile(path: "\(output)/outcomes-\(agent).ndjson")
                for line in lines { out.writeLine(line) }
                out.close()
                total += lines.count
            }
            print("\(total) outcomes for \(days.count) agents in \(output)/outcomes-*.ndjson")
        }
    }
}
