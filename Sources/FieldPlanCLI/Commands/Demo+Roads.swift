import FieldPlanCore
import FieldPlanStore

extension FieldPlanCommand.Demo {
    /// The demo's road step: a small agency generated on the streets of the Monaco extract
    /// shipped in `data/roads/`, in a store of its own, one day planned on the road network,
    /// with the road kilometres against the straight lines between the same stops. Skipped
    /// with a note when the extract is not there.
    /// `db` is the step's store (a new file or an empty database; nil: a file in the step's
    /// folder); `search` how its plan searches (`--seconds S` or `--iterations N`).
    static func roadsStep(data: String, dir: String, db location: String?, date: String, search: [String]) throws {
        let extract = data + "/roads/monaco.osm.pbf"
        guard FileSystem.exists(extract) else {
            print("(\(extract) not found: the road step is skipped)")
            return
        }
        let folder = dir + "/roads"
        try FileSystem.makeFolder(folder)
        let db = location ?? folder + "/fieldplan.db"
        _ = try newStore(db)
        try run(FieldPlanCommand.Sample.self, ["-o", folder + "/sample", "--accounts", "300", "--agents", "3", "--appointments", "6",
                                               "--date", date, "--roads", extract])
        try run(FieldPlanCommand.SettingsCommand.Set.self, ["--db", db, "time_zone", "Europe/Monaco"])
        try run(FieldPlanCommand.Import.self, ["--db", db, folder + "/sample/agents.csv", folder + "/sample/accounts.ndjson",
                                               folder + "/sample/appointments.ndjson"])
        try run(FieldPlanCommand.Roads.Import.self, ["--db", db, extract])
        try run(FieldPlanCommand.SettingsCommand.Set.self, ["--db", db, "travel", "roads"])
        try run(FieldPlanCommand.Zones.Build.self, ["--db", db, "--agents", "--seed", "1"])
        try run(FieldPlanCommand.Plan.Day.self, ["--db", db, "--date", date, "--today", date] + search)
        try run(FieldPlanCommand.Sheet.self, ["--db", db, "--date", date, "--all", "-o", folder + "/sheets"])
        try run(FieldPlanCommand.Zones.Map.self, ["--db", db, "-o", folder + "/zones.html"])
        print("route sheets along the streets: \(folder)/sheets/; zones over the streets: \(folder)/zones.html")
    }
}
