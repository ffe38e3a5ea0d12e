import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanStore

extension FieldPlanCommand {
    /// `fieldplan settings [set KEY VALUE]`.
    struct SettingsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "settings", abstract: "Show the agency settings, or change one.",
            discussion: "docs/store.md lists every setting, its default and the values it accepts.",
            subcommands: [Show.self, Set.self], defaultSubcommand: Show.self)

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show every setting.")
            @OptionGroup var store: StoreOptions
            @Option(help: "text, csv or json (one object: key → value, numbers as numbers).") var format: ListFormat = .text

            func run() throws {
                let settings = try store.open().settings()
                switch format {
                case .json:
                    print(settings.json)
                case .csv:
                    print("key,value")
                    for key in Settings.keys { print([key, settings.value(of: key)!].map(CSV.cell).joined(separator: ",")) }
                case .text:
                    var table = TextTable(["key", "value"])
                    for key in Settings.keys { table.add([key, settings.value(of: key)!]) }
                    print(table.render())
                }
            }
        }

        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Change one setting (validated; a refused value names what is accepted).",
                discussion: "Creates the store if there is none yet.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "One of: \(Settings.keys.joined(separator: ", ")).") var key: String
            @Argument var value: String

            func run() throws {
                // Checked before the store is opened, so a refused value creates no store.
                try FieldPlanApp.checkSetting(key, to: value)
                let kept = try FieldPlanApp(store: store.openOrCreate()).setSetting(key, to: value)
                print("\(key) = \(kept)")
            }
        }
    }
}
