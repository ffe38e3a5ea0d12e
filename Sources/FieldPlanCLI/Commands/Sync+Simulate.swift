import ArgumentParser
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore

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
        @Flag(help: "Also write a late device's file with duplicates, a conflict and a visit to review.") var anomalies = false

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
            if anomalies {
                let lines = Self.lateDevice(days)
                let out = try OutputFile(path: "\(output)/zz-late-device.ndjson")
                for line in lines { out.writeLine(line) }
                out.close()
                print("\(lines.count) lines from a late device in \(output)/zz-late-device.ndjson (duplicates, a conflict, a visit to review)")
            }
        }

        /// Three lines again, one of them edited, and a second agent's visit to an account
        /// the first agent saw that day.
        static func lateDevice(_ days: [(agent: String, lines: [String])]) -> [String] {
            let decoder = RecordDecoder()
            func outcome(_ line: String) -> Outcome? {
                guard case .object(let o)? = try? JSONParser.parse(line), case .outcome(let r)? = try? decoder.decode(o) else { return nil }
                return r
            }
            let withVisits = days.filter { !$0.lines.isEmpty }
            guard let first = withVisits.first else { return [] }
            var lines = Array(first.lines.prefix(3))
            if let edited = first.lines.compactMap(outcome).first(where: { $0.code == .notHome || $0.code == .refused }) {
                var changed = edited
                changed.code = edited.code == .notHome ? .refused : .notHome
                lines.append(RecordEncoder.outcome(changed))
            }
            if let seen = first.lines.compactMap(outcome).last, let other = withVisits.dropFirst().first?.agent {
                var visit = Outcome(id: String(seen.id.prefix(24)) + "bbbbbbbbbbbb", accountID: seen.accountID, agentID: other,
                                    visitedAt: Instant(date: seen.visitedAt.localDate, secondsOfDay: 18 * 3600, offsetSeconds: seen.visitedAt.offsetSeconds),
                                    code: .notHome)
                visit.contact = ContactType.none
                lines.append(RecordEncoder.outcome(visit))
            }
            return lines
        }
    }
}
