import ArgumentParser

extension FieldPlanCommand {
    /// `fieldplan sync`: day packets out to offline devices, outcomes and payments back (SPEC §6).
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Offline sync: export an agent's day packet, import outcomes and payments, simulate a field day.",
            subcommands: [Export.self, Import.self, Simulate.self])
    }
}
