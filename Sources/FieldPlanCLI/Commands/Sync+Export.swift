import ArgumentParser
import FieldPlanApp
import FieldPlanCore

extension FieldPlanCommand.Sync {
    /// `fieldplan sync export --date D --agent A`: the agent's day packet.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an agent's day packet: a packet header, the route, its visits and the debtors to visit.",
            discussion: """
                The first line is {kind:"packet", agent_id, date, created_at, plan_version}; then the agent's route and \
                visit lines of the latest plan of the day, then one {kind:"debtor"} line per visited account with what the \
                agent needs (phone masked as on the route sheet, never the national id).
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "The planned day (YYYY-MM-DD).") var date: String
        @Option(help: "The agent's id.") var agent: String
        @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?

        func run() throws {
            guard let day = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
            let lines = try FieldPlanApp(store: store.open()).packet(date: day, agent: agent)
            let out = try OutputFile(path: output)
            for line in lines { out.writeLine(line) }
            out.close()
        }
    }
}
