import ArgumentParser
import FieldPlanApp
import FieldPlanCore

extension FieldPlanCommand.Sync {
    /// `fieldplan sync simulate --date D -o DIR`: a seeded, plausible field day, for demos.
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write plausible outcomes for every planned visit of a day, one file per agent (seeded).",
            discussion: """
                Writes DIR/outcomes-AGENT.ndjson for each agent of the latest plan of the day; import them with fieldplan sync \
                import DIR. With --anomalies it also writes DIR/zz-late-device.ndjson, what a second device sends later: three \
                lines sent again (duplicates), one edited after it was sent (a conflict: the import exits 3) and a visit by \
                another agent to an account already visited that day (flagged for review).
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "The planned day (YYYY-MM-DD).") var date: String
        @Option(name: .shortAndLong, help: "The folder to write to.") var output: String
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @Option(help: "Only the visits planned to end by this local time (HH:MM): a morning, before plan --from-time.") var until: String?
        @Flag(help: "Also write a late device's file with duplicates, a conflict and a visit to review.") var anomalies = false

        func run() throws {
            guard let day = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
            var end: LocalTime?
            if let until {
                guard let t = LocalTime(until) else { throw ValidationError("--until: expected HH:MM, got \"\(until)\"") }
                end = t
            }
            let simulated = try FieldPlanApp(store: store.open()).simulateFieldDay(date: day, seed: seed, anomalies: anomalies, until: end)
            try FileSystem.makeFolder(output)
            for (agent, lines) in simulated.agents {
                let out = try OutputFile(path: "\(output)/outcomes-\(agent).ndjson")
                for line in lines { out.writeLine(line) }
                out.close()
            }
            print("\(simulated.outcomeCount) outcomes for \(simulated.agents.count) agents in \(output)/outcomes-*.ndjson")
            if let lines = simulated.lateDevice {
                let out = try OutputFile(path: "\(output)/zz-late-device.ndjson")
                for line in lines { out.writeLine(line) }
                out.close()
                print("\(lines.count) lines from a late device in \(output)/zz-late-device.ndjson (duplicates, a conflict, a visit to review)")
            }
        }
    }
}
