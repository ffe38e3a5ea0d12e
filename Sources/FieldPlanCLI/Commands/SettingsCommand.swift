import ArgumentParser
import FieldPlanCore
import FieldPlanStore

extension FieldPlanCommand {
    /// `fieldplan settings [set KEY VALUE]`.
    struct SettingsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "settings", abstract: "Show the agency settings, or change one.",
            subcommands: [Show.self, Set.self], defaultSubcommand: Show.self)

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show every setting.")
            @OptionGroup var store: StoreOptions
            func run() throws {
                let settings = try store.open().settings()
                var table = TextTable(["key", "value"])
                for key in Settings.keys { table.add([key, settings.value(of: key)!]) }
                print(table.render())
            }
        }

        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Change one setting (validated).")
            @OptionGroup var store: StoreOptions
            @Argument(help: "One of: \(Settings.keys.joined(separator: ", ")).") var key: String
            @Argument var value: String
            func run() throws {
                do {
                    try store.open().setSetting(key, to: value)
                } catch let error as SettingsError {
                    throw CommandFailure("settings: \(error)")
                }
                print("\(key) = \(try store.open().settings().value(of: key)!)")
            }
        }
    }
}
