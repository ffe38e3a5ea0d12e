import Foundation
import Testing

/// `travel osrm` end to end: a sample agency on Monaco's streets planned with a real
/// osrm-routed; and a server that is not there, which stores nothing.
struct OSRMCLITests {
    static let pbf = CLIHarness.repository + "/data/roads/monaco.osm.pbf"
    static let day = "2026-12-01"

    func monacoAgency() throws -> CLIHarness {
        let cli = CLIHarness()
        let sample = try cli.run(["sample", "-o", "sample", "--accounts", "150", "--agents", "2", "--appointments", "4",
                                  "--date", Self.day, "--roads", Self.pbf])
        #expect(sample.status == 0, "\(sample.stderr)")
        let imported = try cli.run(["import", "sample/agents.csv", "sample/accounts.ndjson", "sample/appointments.ndjson"])
        #expect(imported.status == 0 || imported.status == 3, "\(imported.stderr)")
        #expect(try cli.run(["settings", "set", "travel", "osrm"]).status == 0)
        return cli
    }

    @Test func aServerThatIsNotThereIsOneLineAndNoPlanIsStored() throws {
        let cli = try monacoAgency()
        defer { cli.cleanUp() }
        let port = try OSRMRouted.freePort()
        #expect(try cli.run(["settings", "set", "osrm_url", "http://127.0.0.1:\(port)"]).status == 0)
        let plan = try cli.run(["plan", "--date", Self.day, "--iterations", "50", "--today", Self.day])
        #expect(plan.status == 1)
        #expect(plan.stderr.hasPrefix("fieldplan: OSRM server http://127.0.0.1:\(port): /table: "), "\(plan.stderr)")
        #expect(plan.stderr.hasSuffix("(after 4 attempts)\n"), "\(plan.stderr)")
        #expect(plan.stderr.filter { $0 == "\n" }.count == 1, "one line")
        let show = try cli.run(["plan", "show", "--date", Self.day])
        #expect(show.status == 1, "nothing was stored: \(show.stdout)")
    }

    @Test func withoutAURLTravelOsrmIsRefused() throws {
        let cli = try monacoAgency()
        defer { cli.cleanUp() }
        let plan = try cli.run(["plan", "--date", Self.day, "--iterations", "50", "--today", Self.day])
        #expect(plan.status == 1)
        #expect(plan.stderr == "fieldplan: travel osrm: no osrm_url set; fieldplan settings set osrm_url http://HOST:5000\n")
    }

    @Test func aDayIsPlannedOnOSRMsRoadsAndItsSheetFollowsTheStreets() throws {
        guard let server = try OSRMRouted.start() else { return }
        defer { server.stop() }
        let cli = try monacoAgency()
        defer { cli.cleanUp() }
        #expect(try cli.run(["settings", "set", "osrm_url", server.url]).status == 0)
        #expect(try cli.run(["settings", "set", "osrm_max_table_size", "20"]).status == 0, "a day's matrix in several blocks")
        let plan = try cli.run(["plan", "--date", Self.day, "--iterations", "200", "--seed", "1", "--today", Self.day])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("on roads: "), "\(plan.stdout)")
        #expect(try cli.run(["plan", "show", "--date", Self.day]).status == 0)
        let problem = try cli.run(["plan", "--date", Self.day, "--iterations", "20", "--today", Self.day, "--export-problem", "problem.json"])
        #expect(problem.status == 0, "\(problem.stderr)")
        #expect(cli.read("problem.json").contains(#""model":"osrm""#))
        // roads route asks OSRM's /route: the same seconds and metres as the server's own answer.
        let route = try cli.run(["roads", "route", "43.7394,7.4276", "43.7312,7.4200", "--format", "json"])
        #expect(route.status == 0, "\(route.stderr)")
        let own = try #require((server.json("/route/v1/driving/7.4276,43.7394;7.4200,43.7312?overview=false")?["routes"] as? [[String: Any]])?.first)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(route.stdout.utf8)) as? [String: Any])
        #expect((answer["seconds"] as? Int) == Int(((own["duration"] as? NSNumber)?.doubleValue ?? -1).rounded()))
        #expect((answer["metres"] as? Int) == Int(((own["distance"] as? NSNumber)?.doubleValue ?? -1).rounded()))
        #expect(((answer["path"] as? [Any])?.count ?? 0) > 10)
        let sheets = try cli.run(["sheet", "--date", Self.day, "--all", "-o", "sheets"])
        #expect(sheets.status == 0, "\(sheets.stderr)")
        let html = (try? FileManager.default.contentsOfDirectory(atPath: cli.folder + "/sheets"))?.filter { $0.hasSuffix(".html") } ?? []
        #expect(!html.isEmpty)
        for file in html { #expect(cli.read("sheets/" + file).contains("© OpenStreetMap contributors"), "\(file)") }
    }
}
