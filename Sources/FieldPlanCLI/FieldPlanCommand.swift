import ArgumentParser

/// The `fieldplan` command: field-visit planning for debt-collection agencies.
public struct FieldPlanCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "fieldplan",
        abstract: "Plan debt-collection field visits: accounts, zones, daily routes, sheets, sync and reports.",
        discussion: "The store is ./fieldplan.db unless --db or FIELDPLAN_DB names another. Exit codes: 0 success, 1 usage or failure, 3 done but some input lines were rejected.",
        subcommands: [
            Import.self, Export.self, Accounts.self, Promises.self, Callbacks.self, Agents.self, Rejects.self, SettingsCommand.self,
            Zones.self, Plan.self, Sheet.self, Solve.self,
            Sample.self, Demo.self,
            Sync.self, Review.self, Audit.self, Clearances.self, Report.self,
            Backup.self, Restore.self, Migrate.self,
            Users.self, Serve.self, Roads.self,
        ]
    )

    public init() {}
}
