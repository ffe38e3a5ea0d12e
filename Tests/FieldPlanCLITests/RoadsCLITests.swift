import Foundation
import Testing

/// `fieldplan roads` and `travel roads` end to end on the Monaco extract (issue 15).
struct RoadsCLITests {
    static let monaco = CLIHarness.repository + "/data/roads/monaco.osm.pbf"
    static let casino = "43.7394,7.4276", palace = "43.7312,7.4200"

    /// A small agency on Monaco's streets, plus one account out at sea with an appointment.
    static func agency(_ cli: CLIHarness) throws {
        let sample = try cli.run(["sample", "-o", "s", "--accounts", "120", "--agents", "2", "--appointments", "4", "--roads", monaco])
        #expect(sample.status == 0, "\(sample.stderr)")
        cli.write("sea.ndjson", """
            {"kind":"account","id":"SEA-1","client":"Umoja SACCO","debtor_name":"Ahab","balance":100,"lat":43.7200,"lon":7.4500,"days_past_due":30,"status":"open"}
            {"kind":"appointment","id":"AP-SEA","account_id":"SEA-1","date":"2026-12-01","from":"10:00","to":"11:00"}

            """)
        let imported = try cli.run(["import", "s/agents.csv", "s/accounts.ndjson", "s/appointments.ndjson", "sea.ndjson"])
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    @Test func importThenRouteInEveryFormat() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        let imported = try cli.run(["roads", "import", Self.monaco])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("ways usable by car"))
        let json = try cli.run(["roads", "route", Self.casino, Self.palace, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["seconds", "metres", "path"])
        let seconds = try #require(object["seconds"] as? Int), metres = try #require(object["metres"] as? Int)
        let path = try #require(object["path"] as? [[Double]])
        // About 1.1 km apart as the crow flies; the streets wind round the harbour.
        #expect(metres > 1_100 && metres < 6_000)
        #expect(seconds > 60 && seconds < 1_200)
        #expect(path.count > 10)
        #expect(abs(path[0][0] - 7.4276) < 0.001 && abs(path[0][1] - 43.7394) < 0.001, "lon, lat near the casino")
        #expect(abs(path.last![0] - 7.4200) < 0.001 && abs(path.last![1] - 43.7312) < 0.001)
        let geo = try cli.run(["roads", "route", Self.casino, Self.palace, "--format", "geojson"])
        #expect(geo.stdout.contains("\"type\":\"LineString\""))
        #expect(geo.stdout.contains("© OpenStreetMap contributors"))
        let text = try cli.run(["roads", "route", Self.casino, Self.palace])
        #expect(text.stdout.contains("(\(seconds) s, \(metres) m)"))
        // Off the network: one line, exit 1.
        let sea = try cli.run(["roads", "route", "43.7200,7.4500", Self.palace])
        #expect(sea.status == 1)
        #expect(sea.stderr.hasPrefix("fieldplan: 43.72,7.45 is ") && sea.stderr.contains("from the nearest usable road (snap_limit_m 500)"))
        let bad = try cli.run(["roads", "route", "43.7,north", Self.palace])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("FROM: expected LAT,LON"))
    }

    @Test func corruptOrTruncatedFileLeavesTheStoreAsItWas() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        #expect(try cli.run(["roads", "import", Self.monaco]).status == 0)
        let before = try cli.run(["roads", "route", Self.casino, Self.palace, "--format", "json"]).stdout
        let whole = try #require(FileManager.default.contents(atPath: Self.monaco))
        try whole.prefix(whole.count - 5000).write(to: URL(fileURLWithPath: cli.folder + "/cut.osm.pbf"))
        let cut = try cli.run(["roads", "import", "cut.osm.pbf", "--profile", "foot"])
        #expect(cut.status == 1)
        #expect(cut.stderr.hasPrefix("fieldplan: cut.osm.pbf: block "))
        #expect(cut.stderr.contains(" at byte ") && cut.stderr.contains("(truncated?)"))
        #expect(cut.stderr.split(separator: "\n").count == 1)
        var flipped = [UInt8](whole)
        for i in 2000..<2100 { flipped[i] ^= 0x5A }
        try Data(flipped).write(to: URL(fileURLWithPath: cli.folder + "/flipped.osm.pbf"))
        let corrupt = try cli.run(["roads", "import", "flipped.osm.pbf", "--profile", "foot"])
        #expect(corrupt.status == 1)
        #expect(corrupt.stderr.hasPrefix("fieldplan: flipped.osm.pbf: block "))
        // Still the car network imported first.
        #expect(try cli.run(["roads", "route", Self.casino, Self.palace, "--format", "json"]).stdout == before)
        let missing = try cli.run(["roads", "import", "nowhere.osm.pbf"])
        #expect(missing.status == 1 && missing.stderr == "fieldplan: nowhere.osm.pbf: cannot read the file\n")
    }

    @Test func aDayPlannedOnRoadsLeavesOutWhatIsOffTheNetwork() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        try Self.agency(cli)
        #expect(try cli.run(["settings", "set", "time_zone", "Europe/Monaco"]).status == 0)
        // travel roads before any network: refused, one line.
        #expect(try cli.run(["settings", "set", "travel", "roads"]).status == 0)
        let none = try cli.run(["plan", "--date", "2026-12-01", "--iterations", "200", "--today", "2026-12-01"])
        #expect(none.status == 1)
        #expect(none.stderr == "fieldplan: no road network in the store: import one with fieldplan roads import FILE.osm.pbf\n")
        #expect(try cli.run(["roads", "import", Self.monaco]).status == 0)
        let off = try cli.run(["roads", "unreachable", "--format", "csv"])
        #expect(off.status == 0)
        let rows = off.stdout.split(separator: "\n")
        #expect(rows.count == 2, "\(off.stdout)")
        #expect(rows.last?.hasPrefix("account,SEA-1,43.72,7.45,") == true)
        let plan = try cli.run(["plan", "--date", "2026-12-01", "--iterations", "300", "--today", "2026-12-01"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("SEA-1"))
        #expect(plan.stdout.contains("off the road network: "))
        #expect(plan.stdout.contains("on roads: "))
        #expect(plan.stdout.contains("straight lines between the same stops: "))
        // Sheets draw along the streets and credit OpenStreetMap.
        let sheet = try cli.run(["sheet", "--date", "2026-12-01", "--agent", "AG01"])
        #expect(sheet.status == 0, "\(sheet.stderr)")
        #expect(sheet.stdout.contains("class=\"route-line streets\""))
        #expect(sheet.stdout.contains("© OpenStreetMap contributors"))
        // A hand edit is re-timed on the roads: the editor's checker recomputes every leg
        // with the roads, so a drop is accepted only if both agree.
        let csv = try cli.run(["sheet", "--date", "2026-12-01", "--agent", "AG01", "--format", "csv"]).stdout
        var account: String?
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let cells: [Substring] = line.split(separator: ",", omittingEmptySubsequences: false)
            if cells.count > 7 && cells[1] == "visit" && cells[6] == "priority" { account = String(cells[7]); break }
        }
        let dropped: String = try #require(account)
        let drop = try cli.run(["plan", "drop", "--date", "2026-12-01", dropped, "--reason", "test"])
        #expect(drop.status == 0, "\(drop.stderr)")
        // A tighter snap limit shows more places; osrm is not in this build.
        #expect(try cli.run(["settings", "set", "snap_limit_m", "1"]).status == 0)
        let strict = try cli.run(["roads", "unreachable", "--format", "csv"])
        #expect(strict.stdout.split(separator: "\n").count > 2)
        #expect(try cli.run(["settings", "set", "travel", "osrm"]).status == 0)
        let osrm = try cli.run(["plan", "--date", "2026-12-02", "--iterations", "100", "--today", "2026-12-01"])
        #expect(osrm.status == 1 && osrm.stderr.contains("travel osrm"))
        #expect(try cli.run(["settings", "set", "travel", "bicycle"]).stderr == "fieldplan: settings: travel: expected one of straight, roads, osrm, got \"bicycle\"\n")
    }

    @Test func roadsAndStraightLinesGiveDifferentFiguresForTheSameDay() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        try Self.agency(cli)
        #expect(try cli.run(["roads", "import", Self.monaco]).status == 0)
        let straight = try cli.run(["plan", "--date", "2026-12-01", "--iterations", "200", "--today", "2026-12-01", "--export-problem", "straight.json"])
        #expect(straight.status == 0, "\(straight.stderr)")
        #expect(!straight.stdout.contains("on roads: "))
        #expect(cli.read("straight.json").contains("\"model\":\"great_circle\""))
        #expect(try cli.run(["settings", "set", "travel", "roads"]).status == 0)
        let roads = try cli.run(["plan", "--date", "2026-12-01", "--iterations", "200", "--force", "--export-problem", "roads.json"])
        #expect(roads.status == 0, "\(roads.stderr)")
        #expect(cli.read("roads.json").contains("\"model\":\"roads\""))
        #expect(roads.stdout.contains("on roads: "))
    }

    @Test func theZoneMapDrawsTheStreetsOnceANetworkIsImported() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        try Self.agency(cli)
        #expect(try cli.run(["zones", "build", "--zones", "2"]).status == 0)
        let plain = try cli.run(["zones", "map", "-o", "before.svg"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let before = cli.read("before.svg")
        #expect(!before.contains("id=\"streets\"") && !before.contains("OpenStreetMap"))
        #expect(try cli.run(["roads", "import", Self.monaco]).status == 0)
        let map = try cli.run(["zones", "map", "-o", "after.svg"])
        #expect(map.status == 0, "\(map.stderr)")
        #expect(map.stdout.contains("streets of the road network"))
        let after = cli.read("after.svg")
        #expect(after.contains("<g id=\"streets\""))
        #expect(after.contains("© OpenStreetMap contributors"))
        // The streets lie under the zones: drawn before the outlines and the accounts.
        let streets = after.range(of: "id=\"streets\"")!.lowerBound, outlines = after.range(of: "id=\"outlines\"")!.lowerBound
        #expect(streets < outlines)
        // The frame stays on the accounts: the same width and height as without streets.
        #expect(after.prefix(200).split(separator: ">").first == before.prefix(200).split(separator: ">").first)
    }
}
